"""What a resident meets on a 360 px phone, in Arabic and English (issue 9, items 5-11).

Errors: the summary first in <main> and focused, each message naming its
question, each radio button tied to its error. Focus: one ring of 3:1 or more on
every kind of control. The campaign listing: filter first, no repeats, compact
cards. Arabic text: "،" between sources, phone numbers on one line, no
letter-spacing on Arabic, a footer link big enough to tap. The language switcher
works without JavaScript and remembers the choice.
"""

import re

import pytest
from playwright.sync_api import expect

PHONE = {"width": 360, "height": 780}
SURVEY_EN = "/en/campaigns/your-views-count/"
CAMPAIGNS_EN = "/en/campaigns/"
SOURCES_EN = "/en/campaigns/know-the-signs/"
LANGUAGES = ["ar", "en"]


def open_in(page, base_url, english_path, language):
    """Open a page in ``language``, reaching the Arabic one through the switcher as a reader does."""
    page.set_viewport_size(PHONE)
    page.goto(base_url + english_path)
    if language == "ar":
        page.locator('.language-switcher a[hreflang="ar"]').click()
        expect(page.locator("html")).to_have_attribute("lang", "ar")


def contrast(rgb_a, rgb_b):
    def luminance(rgb):
        channels = []
        for value in rgb:
            value = value / 255
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rgb(css_colour):
    return tuple(int(n) for n in re.findall(r"\d+", css_colour)[:3])


@pytest.mark.parametrize("language", LANGUAGES)
def test_survey_errors_come_first_name_their_question_and_reach_each_option(page, base_url, screenshot, language):
    open_in(page, base_url, SURVEY_EN, language)
    page.locator("section.survey-form form button[type=submit]").click()
    summary = page.locator("main .error-summary")
    expect(summary).to_be_focused()
    # First in <main>, and on screen at 360 px.
    assert page.evaluate(
        "document.querySelector('main').firstElementChild.contains(document.querySelector('.error-summary'))"
    )
    box = summary.bounding_box()
    assert 0 <= box["y"] < PHONE["height"], box
    items = summary.locator("li").all_inner_texts()
    assert items and len(set(items)) == len(items), items  # no "This field is required." repeated
    quote = "«" if language == "ar" else "“"
    assert all(quote in item for item in items), items
    # A link goes to the first option of its question, which describes its own error.
    field_link = summary.locator("a[href^='#id_']").first
    message = field_link.inner_text()
    field_link.click()
    target = page.evaluate_handle("document.activeElement")
    described = target.evaluate(
        "el => (el.getAttribute('aria-describedby') || '').split(' ')"
        ".map(id => document.getElementById(id)).filter(Boolean).map(e => e.textContent.trim()).join(' | ')"
    )
    assert target.evaluate("el => el.type") in ("radio", "checkbox")
    assert message in described, (message, described)
    screenshot(page, f"phone-survey-errors-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_of_control_shows_one_strong_focus_ring(page, base_url, language):
    open_in(page, base_url, SURVEY_EN, language)
    form = page.locator("section.survey-form form")
    controls = {
        "link": page.locator("main a").first,
        "radio": form.locator("input[type=radio]").first,
        "checkbox": form.locator("input[type=checkbox]").first,
        "text": form.locator("textarea, input[type=text]").first,
        "button": form.locator("button[type=submit]"),
        "select": page.locator("select").first if page.locator("select").count() else None,
    }
    page.keyboard.press("Tab")  # keyboard modality, as a keyboard user has
    for kind, control in controls.items():
        if control is None:
            continue
        control.focus()
        page.wait_for_timeout(300)  # Bootstrap animates box-shadow for 0.15 s
        style = control.evaluate(
            "el => { const s = getComputedStyle(el); return {visible: el.matches(':focus-visible'),"
            " style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, shadow: s.boxShadow}; }"
        )
        assert style["visible"], kind
        assert style["style"] == "solid" and style["width"] >= 2, (kind, style)
        # Yellow ring against the white page, and a near-black ring around it: one of them is >= 3:1.
        assert contrast(rgb(style["colour"]), (255, 255, 255)) < 3 <= contrast((11, 12, 12), (255, 255, 255))
        assert "rgb(11, 12, 12)" in style["shadow"], (kind, style)


@pytest.mark.parametrize("language", LANGUAGES)
def test_campaign_listing_is_built_for_a_phone(page, base_url, screenshot, language):
    open_in(page, base_url, CAMPAIGNS_EN, language)
    filter_top = page.locator("form.filter-form").bounding_box()["y"]
    first_card = page.locator(".content-card").first.bounding_box()
    assert filter_top < first_card["y"]
    assert filter_top + 150 < PHONE["height"], filter_top  # the whole filter on the first screen
    hrefs = page.locator(".content-card .card-title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) == len(set(hrefs)), "a campaign is listed twice"
    pictures = page.locator(".content-card img")
    for index in range(pictures.count()):
        box = pictures.nth(index).bounding_box()
        assert box["width"] <= 100 and box["height"] <= 100, box
    for index in range(page.locator(".content-card").count()):
        assert page.locator(".content-card").nth(index).bounding_box()["height"] < 240
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 250 * len(hrefs) + 1500, height
    screenshot(page, f"phone-campaigns-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_arabic_text_details(page, base_url, language):
    open_in(page, base_url, SOURCES_EN, language)
    sources = page.locator(".trust-box ul li")
    texts = sources.all_inner_texts()
    assert texts, "the campaign lists its sources"
    with_publisher = [text for text in texts if ("،" in text or "," in text)]
    assert with_publisher
    if language == "ar":
        assert all("،" in text and ", " not in text for text in with_publisher), texts
    else:
        assert all(", " in text for text in with_publisher), texts
    # Phone numbers never break.
    numbers = page.locator(".phone-link, .phone-number")
    assert numbers.count() >= 3
    for index in range(numbers.count()):
        assert numbers.nth(index).evaluate("el => getComputedStyle(el).whiteSpace") == "nowrap"
    # No letter-spacing on any element whose own text is Arabic.
    spaced = page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(el =>
            [...el.childNodes].some(n => n.nodeType === 3 && /[\\u0600-\\u06FF]/.test(n.textContent)) &&
            !['normal', '0px'].includes(getComputedStyle(el).letterSpacing)).map(el => el.outerHTML.slice(0, 80))"""
    )
    assert spaced == []
    # Every footer link is at least 24 x 24 px.
    for link in page.locator("footer a").all():
        box = link.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (link.inner_text(), box)


def test_language_switcher_works_without_javascript_and_remembers_the_choice(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + CAMPAIGNS_EN + "?topic=drug-prevention")
    page.locator('.language-switcher a[hreflang="ar"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert "topic=drug-prevention" in page.url
    expect(page.locator("#filter-topic")).to_have_value("drug-prevention")
    cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
    assert cookies.get("django_language") == "ar"
    page.goto(base_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_error_link_of_the_volunteer_form_brings_its_field_into_view(page, base_url, language):
    open_in(page, base_url, "/en/campaigns/volunteer-programme/", language)
    page.locator("section.embedded-form form button[type=submit]").click()
    links = page.locator("main .error-summary a[href^='#id_']")
    expect(links.first).to_be_visible()  # sent once the form's token has been fetched
    assert links.count() >= 8
    for index in range(links.count()):
        link = links.nth(index)
        target_id = link.get_attribute("href")[1:]
        link.click()
        assert page.evaluate("document.activeElement.id") == target_id
        box = page.locator(f"[id='{target_id}']").bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], (target_id, box)
        page.evaluate("window.scrollTo(0, 0)")
