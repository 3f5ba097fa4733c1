"""Backups that can be restored, and a check that a restore is complete.

A backup is a folder (``sharaka-backup-<time>``) holding:

* ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``, consistent while the site
  runs) or ``database.sqlite3`` (SQLite's online backup);
* ``media/<storage>/…``: every file of the uploads storage (original images and
  documents, private ones included) and, when renditions live in a storage of their own
  (``MEDIA_STORAGE=s3``), of that one, read through the storage itself, so a bucket is
  backed up like a folder;
* ``manifest.json``: when, from which engine, the rows of every table and the size and
  SHA-256 of every file: what ``check_restore`` compares a restored site with.

The folder holds residents' personal data: keep it encrypted, with access as narrow as the
database's, and no longer than the retention periods allow (SECURITY.md).
"""

import hashlib
import json
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import storages
from django.db import connection

MANIFEST = "manifest.json"
# Tables that grow as soon as the site is used, the check itself included (a page rendered
# makes image renditions, a sign-in is logged): more rows than the backup is not a loss.
GROW_BY_USE = frozenset(
    {"wagtailimages_rendition", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog", "django_session"}
)
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


def media_storages():
    """``{alias: storage}`` of the storages that hold uploads."""
    aliases = ["default"]
    rendition_alias = getattr(settings, "WAGTAILIMAGES_RENDITION_STORAGE", None)
    if isinstance(rendition_alias, str) and rendition_alias in settings.STORAGES:
        aliases.append(rendition_alias)
    return {alias: storages[alias] for alias in aliases}


def walk(storage, folder=""):
    """Every file's name in ``storage`` under ``folder``."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for name in folders:
        yield from walk(storage, f"{folder}/{name}" if folder else name)


def digest(file):
    """The SHA-256 of an open binary file, read a megabyte at a time."""
    sha = hashlib.sha256()
    for chunk in iter(lambda: file.read(1 << 20), b""):
        sha.update(chunk)
    return sha.hexdigest()


def table_counts():
    """Rows in every table of the database (Django's and ours), by table name."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - introspected names
            counts[table] = cursor.fetchone()[0]
    return counts


def _database_url():
    """``postgresql://…`` for pg_dump and pg_restore, from Django's own connection settings."""
    db = settings.DATABASES["default"]
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{credentials}{db.get('HOST') or ''}{port}/{db['NAME']}"


def backup(destination, say=print):
    """Write a backup folder into ``destination``; return its path."""
    folder = Path(destination) / datetime.now(UTC).strftime("sharaka-backup-%Y%m%d-%H%M%S")
    folder.mkdir(parents=True)
    say("Counting the rows of every table")
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "engine": connection.vendor,
        "tables": table_counts(),
        "files": {},
    }
    if connection.vendor == "postgresql":
        say("Dumping the PostgreSQL database")
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(folder / PG_DUMP)]
        subprocess.run([*command, _database_url()], check=True)  # noqa: S603 - pg_dump, our database
    elif connection.vendor == "sqlite":
        say("Copying the SQLite database")
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        target = sqlite3.connect(folder / SQLITE_COPY)
        with target:
            source.backup(target)
        source.close()
        target.close()
    else:
        raise RuntimeError(f"no backup for the {connection.vendor} database")
    for alias, storage in media_storages().items():
        names = list(walk(storage))
        say(f"Copying {len(names)} files of the {alias!r} storage")
        for number, name in enumerate(names, start=1):
            target = folder / "media" / alias / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, open(target, "wb") as copy:
                shutil.copyfileobj(source, copy)
            with open(target, "rb") as copy:
                manifest["files"][f"{alias}/{name}"] = {"size": target.stat().st_size, "sha256": digest(copy)}
            if number % 200 == 0:
                say(f"  {number}/{len(names)}")
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    say(f"Backup written to {folder}")
    return folder


def restore(folder, say=print):
    """Put the database and the files of the backup ``folder`` back, replacing what is there."""
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    if manifest["engine"] != connection.vendor:
        raise RuntimeError(f"this backup is of a {manifest['engine']} database, not {connection.vendor}")
    if connection.vendor == "postgresql":
        say("Restoring the PostgreSQL database")
        connection.close()
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction"]
        subprocess.run([*command, "--dbname", _database_url(), str(folder / PG_DUMP)], check=True)  # noqa: S603
    else:
        say("Restoring the SQLite database")
        connection.close()
        source = sqlite3.connect(folder / SQLITE_COPY)
        target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        with target:
            source.backup(target)
        source.close()
        target.close()
    stores = media_storages()
    files = manifest["files"]
    say(f"Restoring {len(files)} files")
    for number, key in enumerate(sorted(files), start=1):
        alias, name = key.split("/", 1)
        storage = stores[alias]
        if storage.exists(name):
            storage.delete(name)
        with open(folder / "media" / alias / name, "rb") as copy:
            saved = storage.save(name, File(copy))
        if saved != name:
            raise RuntimeError(f"{key} was restored as {saved}")
        if number % 200 == 0:
            say(f"  {number}/{len(files)}")
    from core import page_cache

    page_cache.bump()  # no page kept before the restore is served after it
    say("Restored")


def check(folder, staff=None, say=print):
    """Problems found comparing this site with the backup ``folder`` (an empty list: complete).

    Rows of every table (the same number; at least as many in ``GROW_BY_USE``), every file
    (its SHA-256), both languages' home pages rendering, and, with ``staff`` as (username,
    password), that staff member signing in.
    """
    from django.contrib.auth import authenticate
    from django.test import Client, RequestFactory
    from wagtail.models import Site

    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    problems = []
    say("Comparing the rows of every table")
    counts = table_counts()
    for table, expected in sorted(manifest["tables"].items()):
        found = counts.get(table)
        if found is None or found < expected or (found > expected and table not in GROW_BY_USE):
            problems.append(f"table {table}: {found} rows, the backup has {expected}")
    say(f"Comparing {len(manifest['files'])} files")
    stores = media_storages()
    for key, expected in sorted(manifest["files"].items()):
        alias, name = key.split("/", 1)
        storage = stores.get(alias)
        if storage is None or not storage.exists(name):
            problems.append(f"file {key}: missing")
            continue
        with storage.open(name, "rb") as file:
            found = digest(file)
        if found != expected["sha256"]:
            problems.append(f"file {key}: not the file backed up")
    say("Opening the home page in each language")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        problems.append("no default site")
    else:
        host = next((host for host in settings.ALLOWED_HOSTS if host not in ("*", "") and not host.startswith(".")), "")
        client = Client(HTTP_HOST=host or site.hostname, raise_request_exception=False)
        for code, _name in settings.LANGUAGES:
            status = client.get(f"/{code}/", secure=settings.SECURE_SSL_REDIRECT).status_code
            if status != 200:
                problems.append(f"the {code} home page answers {status}")
    if staff:
        username, password = staff
        # As the sign-in page asks (django-axes needs the request).
        request = RequestFactory().post("/admin/login/", HTTP_HOST=host or "localhost")
        user = authenticate(request, username=username, password=password)
        if user is None or not (user.is_active and user.is_staff):
            problems.append(f"staff member {username!r} cannot sign in")
    return problems
