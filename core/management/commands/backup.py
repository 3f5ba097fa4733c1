"""Back the site up into a folder: the database, every uploaded file, and a manifest
(core/backups.py). ``manage.py backup /var/backups/sharaka``."""

from django.core.management.base import BaseCommand

from core import backups


class Command(BaseCommand):
    help = "Write a backup (database, uploads, manifest) into a new folder inside DESTINATION."

    def add_arguments(self, parser):
        parser.add_argument("destination")

    def handle(self, *args, destination, **options):
        backups.backup(destination, say=self.stdout.write)
