"""A change saved by another process of the site shows at once on the test server (issue 12).

The test server keeps anonymous pages in Redis, as production's app servers share
theirs (config/settings/browser_tests.py). Another process (a management command,
standing for a second app server where an editor published) changes a page; the next
request to the test server, within a second, renders it anew. A visitor's page sets no cookie either.
"""

import time

from .conftest import manage

URL = "/en/campaigns/volunteer-programme/"
FIND = (
    "from wagtail.models import Page\n"
    "page = Page.objects.get(locale__language_code='en', url_path__endswith='/volunteer-programme/').specific\n"
)
PUBLISH = FIND + "page.title = {title!r}\npage.save_revision().publish()\n"


def test_a_page_published_by_another_process_shows_at_once(page, base_url, site_server):
    response = page.request.get(base_url + URL)
    assert response.ok and "set-cookie" not in response.headers
    assert page.request.get(base_url + URL).headers["x-page-cache"] == "hit"
    original = manage(site_server, "shell", "-c", FIND + "print(page.title)").stdout.strip()

    manage(site_server, "shell", "-c", PUBLISH.format(title="Volunteer with us, published elsewhere"))
    published_at = time.monotonic()
    try:
        # Within a second (core.page_cache.GENERATION_TTL) the test server renders anew.
        while "Volunteer with us, published elsewhere" not in (changed := page.request.get(base_url + URL)).text():
            assert time.monotonic() - published_at < 1.5, "still the old page after 1.5 s"
            time.sleep(0.1)
        assert changed.headers["x-page-cache"] == "miss"
    finally:
        manage(site_server, "shell", "-c", PUBLISH.format(title=original))
