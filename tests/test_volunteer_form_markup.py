"""Markup of the volunteer application form, empty and with errors, in Arabic and English.

GOV.UK's error pattern: no HTML5 ``required`` (the server speaks the page's language), groups of
options in fieldsets with legends, every control labelled and tied to its help text, phone and email
left-to-right, the honeypot hidden from people and assistive technology; after an invalid POST a 400
with "Error:" in the title, a focused error summary linking to each control, ``aria-invalid`` and
``aria-describedby`` on the controls, and every answer kept.
"""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from submissions.models import OutgoingEmail
from tests.conftest import soup
from volunteer_signup.models import VolunteerApplication

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]
GROUPS = ["age_band", "languages", "roles", "availability"]
FORM = "section.embedded-form form"


def text(element):
    return " ".join(element.get_text(" ").split())


def describedby_ids(element):
    return (element.get("aria-describedby") or "").split()


def page_form(response):
    page = soup(response)
    form = page.select_one(FORM)
    assert form is not None, "the volunteer form is not on the page"
    return page, form


def visible_controls(form):
    controls = form.select("input, select, textarea")
    return [c for c in controls if c.get("type") not in ("hidden", "submit", "button")]


def prefix_of(form):
    name = next(c["name"] for c in visible_controls(form) if re.match(r"^f[0-9a-f]{8}-", c.get("name", "")))
    return name.split("-")[0]


# --- the empty form ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_is_in_its_language_and_form_has_novalidate_and_no_required(client, volunteer_pages, language):
    response = client.get(volunteer_pages[language].url)
    assert response.status_code == 200
    page, form = page_form(response)
    assert page.html["lang"] == language
    assert page.html["dir"] == ("rtl" if language == "ar" else "ltr")
    assert form.has_attr("novalidate")
    assert form["method"].lower() == "post"
    required = [c.get("name") for c in form.select("input, select, textarea") if c.has_attr("required")]
    assert required == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_and_email_are_left_to_right_with_autocomplete(client, volunteer_pages, language):
    _page, form = page_form(client.get(volunteer_pages[language].url))
    prefix = prefix_of(form)
    phone = form.select_one(f'input[name="{prefix}-phone"]')
    email = form.select_one(f'input[name="{prefix}-email"]')
    assert phone["dir"] == "ltr" and phone["autocomplete"] == "tel" and phone["type"] == "tel"
    assert email["dir"] == "ltr" and email["autocomplete"] == "email" and email["type"] == "email"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("group", GROUPS)
def test_option_groups_are_fieldsets_with_a_legend(client, volunteer_pages, language, group):
    _page, form = page_form(client.get(volunteer_pages[language].url))
    inputs = form.select(f'input[name="{prefix_of(form)}-{group}"]')
    assert len(inputs) >= 2
    expected_type = "radio" if group == "age_band" else "checkbox"
    assert {i["type"] for i in inputs} == {expected_type}
    fieldsets = {id(i.find_parent("fieldset")) for i in inputs}
    assert len(fieldsets) == 1, "the options of one question belong to one fieldset"
    fieldset = inputs[0].find_parent("fieldset")
    legend = fieldset.find("legend", recursive=True)
    assert legend is not None and text(legend).strip("* ")
    # the legend is the question's own, not the section's: it is the fieldset's first legend
    assert fieldset.find("legend") is legend


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_visible_control_has_a_label(client, volunteer_pages, language):
    _page, form = page_form(client.get(volunteer_pages[language].url))
    for control in visible_controls(form):
        control_id = control.get("id")
        assert control_id, f"{control.get('name')} has no id"
        label = form.select_one(f'label[for="{control_id}"]')
        assert label is not None and text(label), f"{control.get('name')} has no label"


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_texts_are_referenced_by_aria_describedby(client, volunteer_pages, language):
    page, form = page_form(client.get(volunteer_pages[language].url))
    help_texts = form.select('[id$="_helptext"]')
    assert len(help_texts) >= 4  # phone, email, age band, roles, skills
    referenced = set()
    for element in form.select("[aria-describedby]"):
        referenced.update(describedby_ids(element))
    for help_text in help_texts:
        assert help_text["id"] in referenced, f"{help_text['id']} is not announced with its control"
        assert text(help_text)
    for ref in referenced:
        assert page.find(id=ref) is not None, f"aria-describedby points at a missing id {ref}"
    prefix = prefix_of(form)
    phone = form.select_one(f'input[name="{prefix}-phone"]')
    with translation.override(language):
        phone_help = gettext("We will call or message you about your application. For example: 050\u00a0123\u00a04567.")
    # The example number is held together by no-break spaces; text() folds them like any space.
    assert "\u00a0123\u00a0" in phone_help
    assert any(text(page.find(id=ref)) == " ".join(phone_help.split()) for ref in describedby_ids(phone))


@pytest.mark.parametrize("language", LANGUAGES)
def test_honeypot_is_hidden_from_people_and_assistive_technology(client, volunteer_pages, language):
    _page, form = page_form(client.get(volunteer_pages[language].url))
    honeypot = form.select_one('input[name="sharaka_hp_leave_blank"]')
    assert honeypot is not None
    assert honeypot["tabindex"] == "-1"
    assert honeypot["autocomplete"] == "off"
    assert honeypot.get("value", "") == ""
    hidden_container = honeypot.find_parent(attrs={"aria-hidden": "true"})
    assert hidden_container is not None and form in hidden_container.parents


@pytest.mark.parametrize("language", LANGUAGES)
def test_optional_fields_say_so_in_their_label(client, volunteer_pages, language):
    _page, form = page_form(client.get(volunteer_pages[language].url))
    prefix = prefix_of(form)
    with translation.override(language):
        expected = {
            "email": gettext("%(label)s (optional)") % {"label": gettext("Email address")},
            "skills": gettext("%(label)s (optional)") % {"label": gettext("Skills and experience")},
        }
        required_label = gettext("Full name")
    for field, label_text in expected.items():
        label = form.select_one(f'label[for="id_{prefix}-{field}"]')
        assert text(label) == label_text
    full_name = text(form.select_one(f'label[for="id_{prefix}-full_name"]'))
    assert full_name.strip("* ") == required_label


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_on_the_page_for_everyone_carries_its_block_and_where_to_get_a_token(
    client, volunteer_pages, language
):
    """The page is cached and the same for every visitor: no CSRF token, an empty form token,
    and the address static/js/forms.js fetches this visitor's token from."""
    response = client.get(volunteer_pages[language].url)
    _page, form = page_form(response)
    hidden = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    assert "csrfmiddlewaretoken" not in hidden
    assert hidden["form_block"]
    assert hidden["form_token"] == ""
    assert form["data-token-url"] == f"/forms/token/?form=volunteer&block={hidden['form_block']}"
    section = form.find_parent("section")
    assert section["id"] == f"form-{hidden['form_block']}"
    assert not response.cookies


def test_the_token_endpoint_gives_each_visitor_a_fresh_token_and_is_never_cached(client, volunteer_pages):
    _page, form = page_form(client.get(volunteer_pages["en"].url))
    first, second = (client.get(form["data-token-url"] + "&shown=4000") for _ in range(2))
    assert first.json()["token"] != second.json()["token"]
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]
    assert not first.cookies
    for bad in ("/forms/token/", "/forms/token/?form=volunteer&block=../../x", "/forms/token/?form=A;B&block=1234abcd"):
        assert client.get(bad).status_code == 400


def assert_not_shared_cached(response):
    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control or "no-store" in cache_control, cache_control
    assert "public" not in cache_control and "s-maxage" not in cache_control


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_error_page_and_a_confirmation_are_never_shared_cached(
    client, volunteer_pages, open_form, valid_application, language
):
    """They are one visitor's: their answers, their reference."""
    url = volunteer_pages[language].url
    form = open_form(client, url)
    invalid = client.post(url, form.data())
    assert invalid.status_code == 400
    assert_not_shared_cached(invalid)
    sent = client.post(url, valid_application(form))
    assert_not_shared_cached(client.get(sent["Location"]))


# --- an invalid POST ----------------------------------------------------------------------------


def check_error_page(response, language):
    """The common GOV.UK error pattern; returns (page, form, summary links)."""
    assert response.status_code == 400
    page, form = page_form(response)
    with translation.override(language):
        error_prefix = gettext("Error:")
    title = text(page.title)
    assert title.startswith(error_prefix + " "), title
    assert page.html["lang"] == language
    summary = page.select_one(".error-summary")
    assert summary is not None
    # First in <main>, before the page's own heading: at 360 px the form is screens away.
    assert page.select_one("main").find(True).find(class_="error-summary") is summary
    assert summary["role"] == "alert"
    assert summary.has_attr("autofocus")
    assert summary["tabindex"] == "-1"
    links = summary.select("a[href^='#']")
    for link in links:
        target = page.find(id=link["href"][1:])
        assert target is not None, f"summary link {link['href']} points nowhere"
        assert target.name in ("input", "select", "textarea"), f"{link['href']} is not a control"
        assert text(link)
    return page, form, links


def assert_invalid_controls_are_described(page, form, links):
    invalid = form.select('[aria-invalid="true"]')
    assert invalid
    for control in invalid:
        # Each control, radio buttons and checkboxes included, is tied to its own error:
        # a screen reader reaching an option from the summary link hears why it is wrong.
        ids = describedby_ids(control)
        error_elements = [page.find(id=i) for i in ids if page.find(id=i) is not None and "error" in i]
        assert error_elements, f"{control.get('id')} is invalid but no error text is tied to it"
        assert all(text(e) for e in error_elements)
    # the summary links to each invalid control (a group: its first option)
    linked = {link["href"][1:] for link in links}
    invalid_targets = set()
    for control in invalid:
        if control.get("type") in ("radio", "checkbox") and control.find_parent("fieldset"):
            invalid_targets.add(re.sub(r"_\d+$", "_0", control["id"]))
        else:
            invalid_targets.add(control["id"])
    assert invalid_targets == linked


@pytest.mark.parametrize("language", LANGUAGES)
def test_empty_post_is_a_400_with_error_summary_linking_every_error(
    client, volunteer_pages, open_form, language, django_capture_on_commit_callbacks
):
    from django.core import mail

    url = volunteer_pages[language].url
    form = open_form(client, url)
    before = VolunteerApplication.objects.count()
    emails_before = OutgoingEmail.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form.data())
    page, html_form, links = check_error_page(response, language)
    required_fields = [
        "full_name",
        "phone",
        "age_band",
        "area",
        "languages",
        "roles",
        "availability",
        "motivation",
        "consent",
    ]
    assert len(links) == len(required_fields)
    prefix = form.prefix
    expected_targets = {f"id_{prefix}-{f}_0" if f in GROUPS else f"id_{prefix}-{f}" for f in required_fields}
    assert {link["href"][1:] for link in links} == expected_targets
    with translation.override(language):
        expected_messages = {
            gettext("Enter your full name."),
            gettext("Enter your mobile phone number."),
            gettext("Choose your age."),
            gettext("Choose the area where you live."),
            gettext("Choose at least one language you speak."),
            gettext("Choose at least one thing you would like to do."),
            gettext("Choose when you are available."),
            gettext("Tell us why you want to volunteer."),
            gettext("Tick the box to agree to the privacy notice, or we cannot accept your application."),
        }
    assert {text(link) for link in links} == expected_messages
    assert_invalid_controls_are_described(page, html_form, links)
    assert VolunteerApplication.objects.count() == before
    assert OutgoingEmail.objects.count() == emails_before
    assert mail.outbox == []
    # the form can be sent again: a token is still there
    assert html_form.select_one('input[name="form_token"]')["value"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_partly_filled_post_keeps_every_answer(client, volunteer_pages, open_form, language):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    area = form.options("area")[1]
    role = form.options("roles")[0]
    typed = {
        "full_name": 'Salma "Sam" <Nasser>',
        "phone": "",  # missing
        "email": "salma@example.org",
        "age_band": "35_44",
        "area": area,
        "languages": ["ar", "fr"],
        "roles": [role],
        "availability": ["weekends", "emergencies"],
        "skills": "Driving licence\nFirst aid <level 2>",
        "motivation": "",  # missing
    }
    before = VolunteerApplication.objects.count()
    response = client.post(url, form.data(**typed))
    page, html_form, links = check_error_page(response, language)
    prefix = form.prefix
    assert {link["href"][1:] for link in links} == {
        f"id_{prefix}-phone",
        f"id_{prefix}-motivation",
        f"id_{prefix}-consent",
    }
    assert_invalid_controls_are_described(page, html_form, links)

    def control(name, value=None):
        selector = f'[name="{prefix}-{name}"]' + (f'[value="{value}"]' if value is not None else "")
        return html_form.select_one(selector)

    assert control("full_name")["value"] == typed["full_name"]
    assert control("email")["value"] == typed["email"]
    assert control("age_band", "35_44").has_attr("checked")
    assert not control("age_band", "25_34").has_attr("checked")
    assert control("area").select_one(f'option[value="{area}"]').has_attr("selected")
    for language_code in ("ar", "fr"):
        assert control("languages", language_code).has_attr("checked")
    assert not control("languages", "en").has_attr("checked")
    assert control("roles", role).has_attr("checked")
    assert control("availability", "weekends").has_attr("checked")
    assert control("availability", "emergencies").has_attr("checked")
    assert control("skills").get_text().strip() == typed["skills"]
    # valid controls are not flagged
    assert control("full_name").get("aria-invalid") is None
    assert control("email").get("aria-invalid") is None
    assert VolunteerApplication.objects.count() == before
