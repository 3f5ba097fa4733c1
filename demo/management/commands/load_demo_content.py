"""Load the bilingual demo content (safe to run again: existing content is kept)."""

import time
from importlib import import_module

from django.core.management.base import BaseCommand

from demo import STEPS
from demo.bilingual import Bilingual


class Command(BaseCommand):
    help = "Create the Arabic demo site and its English translation (idempotent)."

    def handle(self, *args, **options):
        started = time.monotonic()
        demo = Bilingual(stdout=self.stdout)
        for number, dotted in enumerate(STEPS, start=1):
            self.stdout.write(f"[{number}/{len(STEPS)}] {dotted}")
            import_module(dotted).load(demo)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready in {time.monotonic() - started:.1f} s."))
