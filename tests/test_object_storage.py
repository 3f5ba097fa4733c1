"""Uploaded media on S3-compatible object storage (issue 13, item 4), tested against a real
S3 server on loopback (moto in server mode), as an app server would use it.

``MEDIA_STORAGE=s3``: originals and documents in a private part of the bucket (signed,
expiring links; a document is served only after Wagtail's privacy check), the renditions
pages show in a public part (plain, cacheable links), allowed by the pages' CSP. Local disk
stays the default (``make run``).
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from benchmarks.stack import free_port

boto3 = pytest.importorskip("boto3")

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "sharaka-media"

SCRIPT = r"""
import io, json
from PIL import Image as Picture
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction
from core.health import storage_state

buffer = io.BytesIO()
Picture.new("RGB", (640, 360), "teal").save(buffer, "JPEG")
image = Image.objects.create(title="Sample", file=ImageFile(buffer, name="sample.jpg"))
rendition = image.get_rendition("fill-320x180|format-webp")
document = Document.objects.create(title="Leaflet", file=ContentFile(b"%PDF-1.4 leaflet", name="leaflet.pdf"))
served = Client().get(document.url)
private = Collection.get_first_root_node().add_child(name="Internal")
CollectionViewRestriction.objects.create(collection=private, restriction_type="password", password="secret")
hidden = Document.objects.create(title="Rota", collection=private, file=ContentFile(b"rota", name="rota.pdf"))
refused = Client().get(hidden.url)
refused_body = refused.content.decode()
print(json.dumps({
    "original": image.file.name,
    "original_url": image.file.url,
    "rendition": rendition.file.name,
    "rendition_url": rendition.url,
    "document": document.file.name,
    "document_status": served.status_code,
    "document_location": served.get("Location", ""),
    "hidden_status": refused.status_code,
    "hidden_location": refused.get("Location", ""),
    "hidden_asks_password": 'name="password"' in refused_body,
    "hidden_links_file": "X-Amz" in refused_body,
    "storage": storage_state(),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


@pytest.fixture(scope="module", autouse=True)
def _once_per_make_test():
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("the bucket is the same whatever the database: make test's SQLite pass runs this")


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - moto's server from this environment, on loopback
        [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test"
    )
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.terminate()
    server.wait(timeout=30)


def run_site(tmp_path, endpoint, script, migrate=True):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 's3.sqlite3'}",
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
        "S3_USE_ACLS": "true",  # moto's server takes per-object ACLs, as MinIO and Ceph do
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }

    def manage(*args):
        command = [sys.executable, "manage.py", *args]
        return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)  # noqa: S603

    if migrate:
        manage("migrate", "--noinput")
    return json.loads(manage("shell", "-c", script).stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def uploaded(s3_server, tmp_path_factory):
    endpoint, client = s3_server
    return run_site(tmp_path_factory.mktemp("s3"), endpoint, SCRIPT)


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the loopback S3 server
        return response.status, response.headers, response.read()


def grants(client, key):
    return {grant["Permission"] for grant in client.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]}


def test_uploads_and_renditions_are_in_the_bucket_not_on_the_app_servers_disk(s3_server, uploaded):
    _endpoint, client = s3_server
    keys = {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert f"media/{uploaded['original']}" in keys
    assert f"media/{uploaded['document']}" in keys
    assert f"renditions/{uploaded['rendition']}" in keys
    assert not (ROOT / "media" / uploaded["rendition"]).exists()


def test_renditions_have_plain_public_cacheable_links(s3_server, uploaded):
    endpoint, client = s3_server
    url = uploaded["rendition_url"]
    assert url.startswith(f"{endpoint}/{BUCKET}/renditions/") and "Signature" not in url
    status, headers, body = fetch(url)
    assert (status, body[8:12]) == (200, b"WEBP")
    assert "immutable" in headers["Cache-Control"]
    acl = client.get_object_acl(Bucket=BUCKET, Key=f"renditions/{uploaded['rendition']}")["Grants"]
    assert any(grant["Grantee"].get("URI", "").endswith("/AllUsers") and grant["Permission"] == "READ" for grant in acl)


def test_originals_are_private_and_linked_only_with_an_expiring_signature(s3_server, uploaded):
    _endpoint, client = s3_server
    acl = client.get_object_acl(Bucket=BUCKET, Key=f"media/{uploaded['original']}")["Grants"]
    assert not any(grant["Grantee"].get("URI", "").endswith("/AllUsers") for grant in acl)
    assert "X-Amz-Signature" in uploaded["original_url"] and "X-Amz-Expires=3600" in uploaded["original_url"]


def test_a_document_is_served_after_the_privacy_check_by_an_expiring_link(uploaded):
    assert uploaded["document_status"] == 302
    assert "X-Amz-Signature" in uploaded["document_location"]
    assert fetch(uploaded["document_location"])[2] == b"%PDF-1.4 leaflet"
    # a document of a password-protected collection: the password form, no link to the file
    assert (uploaded["hidden_status"], uploaded["hidden_location"]) == (200, "")
    assert uploaded["hidden_asks_password"] and not uploaded["hidden_links_file"]


def test_pages_may_show_images_from_the_bucket(uploaded):
    origin = "{0.scheme}://{0.netloc}".format(urlparse(uploaded["rendition_url"]))
    assert origin in uploaded["img_src"]


def test_readyz_sees_the_bucket(uploaded):
    assert uploaded["storage"] == {"state": "ok"}


def test_readyz_reports_storage_down_when_the_bucket_cannot_be_reached(tmp_path):
    script = "import json; from core.health import storage_state; print(json.dumps(storage_state()))"
    state = run_site(tmp_path, f"http://127.0.0.1:{free_port()}", script, migrate=False)
    assert state["state"] == "down"


def test_readyz_does_not_wait_for_a_bucket_that_never_answers(tmp_path):
    """An object store that accepts connections and hangs is reported within the probe's time,
    not waited for (boto3 would wait a minute, and retry)."""
    from tests.test_degraded_service import SilentListener

    listener = SilentListener()
    script = (
        "import json, os, time; from core.health import storage_state; started = time.monotonic(); "
        "state = storage_state(); print(json.dumps({**state, 'seconds': time.monotonic() - started}), flush=True); "
        "os._exit(0)"  # the hung listing's thread would keep the process until boto3 gives up
    )
    try:
        state = run_site(tmp_path, f"http://127.0.0.1:{listener.port}", script, migrate=False)
    finally:
        listener.close()
    assert (state["state"], state["error"]) == ("down", "TimeoutError")
    assert state["seconds"] < 5
