"""Demo: topics, help services, and the pages under the home page.

Campaigns, success stories, about, privacy and contact pages, as home.toml
lists them. Facts and figures come from the source documents in shared/seeds
(the "We are all police" volunteer initiative's half-year figures, a
discussion session with twenty community leaders, a security forces'
community outreach programme); every sentence is written for this site.
"""

from wagtail.models import Site

from campaigns.models import HelpService, Topic
from core.models import SiteSettings
from demo.loader import complete, read, snippets, subtree


def load(demo):
    site = Site.objects.get(is_default_site=True)
    snippets(demo, Topic, "topics", lookup="slug")
    snippets(demo, HelpService, "help_services")
    subtree(demo, site.root_page.specific, read("home"))
    complete(demo, SiteSettings.for_site(site), read("site")["links"])
