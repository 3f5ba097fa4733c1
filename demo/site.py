"""Demo: the site settings and the home page (demo/content/site.toml and home.toml).

The pages under the home page, and its links to them, come with the next step.
"""

from wagtail.models import Site

from core.models import SiteSettings
from demo.loader import STRUCTURE, complete, field_values, read, without


def load(demo):
    site = Site.objects.get(is_default_site=True)
    complete(demo, SiteSettings.for_site(site), read("site")["settings"])

    home = site.root_page.specific
    # Read on every run: the English translation needs the pairs even when the page is filled.
    values = field_values(demo, type(home), without(read("home"), *STRUCTURE))
    if not home.figures:
        # A migration makes the home page with a placeholder heading and no figures;
        # the demo fills it once, and leaves an editor's home page alone afterwards.
        for name, value in values.items():
            setattr(home, name, value)
        home.save_revision().publish()
        demo.say("  home page (Arabic)")
    if demo.english_of(home) is None:
        demo.translate(home)
        demo.say("  home page (English translation)")
