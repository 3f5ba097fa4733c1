"""Stop `make run` before `migrate` when the database was built by migrations that no longer exist.

The migrations were rewritten once, before any deployment (issue 10). A
developer's old ``db.sqlite3`` still records the old ones as applied; Django
would skip the new files of the same name and then fail half-way, or load the
demo into tables of the wrong shape. This command compares the history in the
database with the migration files of this project's apps and, on a mismatch,
says so plainly and names the one command that starts afresh.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from core.project import project_app_configs

RESET_HINT = {
    "default": "Run `make reset` to delete {name} and start again with fresh demo content.",
    "sqlite3": "Delete {name}, then run `make run` again.",
    "other": "Drop and re-create the database {name}, then run `make run` again.",
}


def stale_migrations(connection):
    """(app, migration) pairs recorded as applied for our apps but absent from the code."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    ours = {config.label for config in project_app_configs()}
    return sorted(key for key in loader.applied_migrations if key[0] in ours and key not in loader.disk_migrations)


class Command(BaseCommand):
    help = "Fail with a clear message when the database was made by migrations this code no longer has."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        connection = connections[database]
        stale = stale_migrations(connection)
        if not stale:
            return
        name = connection.settings_dict["NAME"]
        if connection.vendor != "sqlite":
            vendor = "other"
        else:
            vendor = "default" if str(name) == str(settings.BASE_DIR / "db.sqlite3") else "sqlite3"
        listed = ", ".join(f"{app}.{migration}" for app, migration in stale[:5])
        more = f" and {len(stale) - 5} more" if len(stale) > 5 else ""
        raise CommandError(
            f"The database {name} was built by an older version of this code: it records migrations "
            f"that no longer exist ({listed}{more}). Its tables do not match the models any more.\n"
            + RESET_HINT[vendor].format(name=name)
        )
