"""Point the default Wagtail site at the host and port the site is served on.

Canonical links, hreflang alternates, the sitemap and Open Graph URLs are
absolute and built from the Site's host name and port. ``make run`` calls this
with its HOST and PORT, so on a laptop they read http://127.0.0.1:8000/…, not
http://localhost/…, which serves nothing. In production the address is set
once, here or in Settings → Sites.
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = "Set the default site's host name and port (used for absolute URLs)."

    def add_arguments(self, parser):
        parser.add_argument("hostname")
        parser.add_argument("port", type=int)

    def handle(self, hostname, port, **options):
        if not 0 < port < 65536:
            raise CommandError(f"Port {port} is not between 1 and 65535.")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site: run migrate first.")
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save()
        self.stdout.write(f"Absolute URLs use {site.root_url}/")
