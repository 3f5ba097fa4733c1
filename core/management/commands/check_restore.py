"""Check a restored site against its backup's manifest: the rows of every table, every file,
the home page in each language, and (``--staff-username``, with the password in
RESTORE_CHECK_PASSWORD) a staff member signing in. Fails on any difference."""

from django.core.management.base import BaseCommand

from .restore import report


class Command(BaseCommand):
    help = "Check that this site holds everything the backup FOLDER holds."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--staff-username")

    def handle(self, *args, folder, staff_username=None, **options):
        report(self, folder, staff_username)
