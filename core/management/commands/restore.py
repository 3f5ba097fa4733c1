"""Restore a backup folder written by ``manage.py backup``, then check it is complete.

It replaces the database and the uploads: run it on a new or emptied site, with the app
servers and the worker stopped. ``--yes`` says you mean it.
"""

import os

from django.core.management.base import BaseCommand, CommandError

from core import backups


class Command(BaseCommand):
    help = "Replace the database and the uploads with a backup's, then run check_restore."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--yes", action="store_true", help="Replace what is there (required).")
        parser.add_argument("--staff-username", help="Also check this staff member can sign in (see check_restore).")

    def handle(self, *args, folder, yes=False, staff_username=None, **options):
        if not yes:
            raise CommandError("restore replaces the database and every upload: add --yes if you mean it")
        backups.restore(folder, say=self.stdout.write)
        report(self, folder, staff_username)


def report(command, folder, staff_username):
    """Run the completeness check and say what it found; fail the command on any problem."""
    staff = None
    if staff_username:
        password = os.environ.get("RESTORE_CHECK_PASSWORD")
        if not password:
            raise CommandError("set RESTORE_CHECK_PASSWORD to the staff member's password (not on the command line)")
        staff = (staff_username, password)
    problems = backups.check(folder, staff=staff, say=command.stdout.write)
    if problems:
        for problem in problems:
            command.stderr.write(problem)
        raise CommandError(f"the restore is not complete: {len(problems)} problem(s)")
    command.stdout.write(command.style.SUCCESS("Complete: every table, every file, both home pages."))
