"""Delete or anonymise submissions past their retention period (see retention.py)."""

from django.core.management.base import BaseCommand

from ...retention import purge


class Command(BaseCommand):
    help = "Apply each queue's retention rules: delete or anonymise what is due. Use --dry-run to count first."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what is due without changing anything.")

    def handle(self, *args, dry_run=False, **options):
        results = purge(dry_run=dry_run, progress=self.stdout.write)
        total = sum(count for _action, count in results.values())
        verb = "due" if dry_run else "processed"
        self.stdout.write(self.style.SUCCESS(f"Done: {total} records {verb}."))
