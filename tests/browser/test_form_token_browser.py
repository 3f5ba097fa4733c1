"""The page's script and the form token, in both languages (static/js/forms.js).

A cached page carries no token: the script fetches one when the visitor first
touches a form, never on a mere page view, and says how long the page had been
open, so a one-click answer after reading is not "too fast". The server's side of
that rule (a token dated back by ``shown``) is proven in tests/test_page_cache.py;
here, that the script in a real browser asks only on a touch and reports the time
truly spent on the page.
"""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from .test_survey_browser import survey_form, survey_url

READING = 1500  # ms the visitor spends on the page before answering


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_token_is_fetched_on_first_touch_and_says_how_long_the_page_was_open(page, base_url, language):
    url = survey_url(page, base_url, language)
    token_requests = []
    page.on("request", lambda request: "/forms/token/" in request.url and token_requests.append(request.url))
    page.goto(url)
    form = survey_form(page)
    page.wait_for_timeout(READING)  # reading the campaign before answering
    assert token_requests == []  # a page view alone asks for nothing uncached

    with page.expect_request(lambda request: "/forms/token/" in request.url) as asked:
        form.locator("input[type=radio]").first.check()
    shown = int(parse_qs(urlparse(asked.value.url).query)["shown"][0])
    assert READING <= shown < READING + 20_000
    expect(form.locator("input[name=form_token]")).not_to_have_value("")

    form.locator("input[type=radio]").nth(1).check()  # a second touch asks for no second token
    form.locator("input[type=text]").first.focus()
    assert len(token_requests) == 1
