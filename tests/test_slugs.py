"""Page slugs (issue 9, item 11): Arabic slugs drop tatweel and diacritics and use ASCII
digits, on the server (slugs made from the title, slugs typed or set in code, the demo
content) and in the admin's JavaScript, which fills the slug in from the title as the
editor types. One table of titles is run through both: through core.slugs in Python, and
through Wagtail's own ``w-slug`` controller, configured as the page editor configures it,
in Chromium.
"""

import html
import json
import re
import shutil
import subprocess

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from campaigns.models import StandardPage
from core.slugs import FORMATTERS_JSON, NormalisedSlugPageForm, normalise_slug, slugify_title
from home.models import HomePage
from tests.conftest import soup

# title -> the slug made of it
TITLES = {
    "حملةُ التوعيةِ ٢٠٢٦": "حملة-التوعية-2026",
    "مـخـدرات الشـبـاب": "مخدرات-الشباب",
    "الأمنُ المُجتمعيّ": "الأمن-المجتمعي",
    "الرحمٰن الرحيم": "الرحمن-الرحيم",
    "برنامج ۱۴۰۵ للمتطوعين": "برنامج-1405-للمتطوعين",
    "خط ٩٩٩ للطوارئ!": "خط-999-للطوارئ",
    "  دليلُ   الأهلِ  ": "دليل-الأهل",
    "مُـتـطـوِّعـو ٣ أحياء، ٤ مدارس": "متطوعو-3-أحياء-4-مدارس",
    "Road safety week 2026": "road-safety-week-2026",
    "Volunteer ٣ days": "volunteer-3-days",
}
# a slug as an editor types it -> the slug kept
TYPED = {
    "حملةـ٢٠٢٦": "حملة2026",
    "مُخَدِّرات-۲۰۲۶": "مخدرات-2026",
    "دليل-الأهل": "دليل-الأهل",
    "road-safety-2026": "road-safety-2026",
}
TATWEEL_DIACRITICS_OR_EASTERN_DIGITS = re.compile("[\u0640\u064b-\u065f\u0670\u0660-\u0669\u06f0-\u06f9]")


@pytest.mark.parametrize(("title", "slug"), TITLES.items())
def test_server_slug_of_a_title(title, slug):
    assert slugify_title(title) == slug


@pytest.mark.parametrize(("typed", "slug"), TYPED.items())
def test_server_normalises_a_typed_slug(typed, slug):
    assert normalise_slug(typed) == slug


def add_page(locale, title, slug=""):
    home = HomePage.objects.get(locale=locale)
    page = StandardPage(title=title, slug=slug, summary="ملخص.", locale=locale)
    home.add_child(instance=page)
    return page


@pytest.mark.django_db
@pytest.mark.parametrize(("title", "slug"), list(TITLES.items())[:6])
def test_a_page_saved_without_a_slug_gets_the_normalised_slug_of_its_title(arabic, title, slug):
    page = add_page(arabic, title)
    page.refresh_from_db()
    assert page.slug == slug
    assert page.url_path.endswith(f"/{slug}/")


@pytest.mark.django_db
def test_a_slug_set_in_code_is_normalised_and_kept_unique(arabic):
    first = add_page(arabic, "حملة", slug="مـخـدرات-٢٠٢٦")
    assert first.slug == "مخدرات-2026"
    second = add_page(arabic, "مُخَدِّرات ٢٠٢٦")
    assert second.slug == "مخدرات-2026-2"  # Wagtail's de-duplication sees the normalised slug


@pytest.mark.django_db
def test_a_draft_saved_with_minimal_clean_gets_a_normalised_slug(arabic):
    home = HomePage.objects.get(locale=arabic)
    page = StandardPage(title="مسودة ٢٠٢٦", slug="مسودةـ٢٠٢٦", summary="ملخص.", locale=arabic, live=False)
    home.add_child(instance=page)
    page.refresh_from_db()
    assert page.slug == "مسودة2026"


@pytest.mark.django_db
def test_demo_content_slugs_follow_the_rule():
    slugs = list(Page.objects.filter(depth__gt=1).values_list("slug", flat=True))
    assert slugs
    assert [slug for slug in slugs if TATWEEL_DIACRITICS_OR_EASTERN_DIGITS.search(slug)] == []


def test_every_page_type_uses_the_normalising_slug_form():
    from wagtail.models import get_page_models

    for model in get_page_models():
        if model is Page:
            continue
        assert issubclass(model.get_edit_handler().get_form_class(), NormalisedSlugPageForm), model


@pytest.mark.django_db
def test_the_page_editor_gives_the_slug_input_the_formatters(login, staff, arabic):
    home = HomePage.objects.get(locale=arabic)
    response = login(staff["superuser"]).get(f"/admin/pages/add/campaigns/standardpage/{home.pk}/")
    assert response.status_code == 200
    slug_input = soup(response).select_one('input[name="slug"]')
    assert slug_input["data-controller"] == "w-slug"
    assert json.loads(slug_input["data-w-slug-formatters-value"]) == json.loads(FORMATTERS_JSON)
    edit = login(staff["superuser"]).get(f"/admin/pages/{home.pk}/edit/")
    assert soup(edit).select_one('input[name="slug"]')["data-w-slug-formatters-value"] == FORMATTERS_JSON


@pytest.mark.django_db
def test_a_slug_typed_in_the_page_editor_is_stored_normalised(login, staff, arabic):
    home = HomePage.objects.get(locale=arabic)
    data = nested_form_data(
        {
            "title": "حملة ٢٠٢٦",
            "slug": "حملةـ٢٠٢٦",
            "summary": "ملخص الحملة.",
            "body": streamfield([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    response = login(staff["superuser"]).post(f"/admin/pages/add/campaigns/standardpage/{home.pk}/", data)
    assert response.status_code == 302, soup(response).select(".error-message, .help-critical")
    assert StandardPage.objects.get(locale=arabic, title="حملة ٢٠٢٦").slug == "حملة2026"


# --- the admin's JavaScript -----------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAGE = """<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<script id="wagtail-config" type="application/json">{{"ACTIVE_CONTENT_LOCALE": "ar"}}</script>
{scripts}
</head><body>
{slug_input}
<script id="titles" type="application/json">{titles}</script>
<script id="typed" type="application/json">{typed}</script>
<pre id="out">pending</pre>
<script>
window.addEventListener("load", () => setTimeout(() => {{
  const out = document.getElementById("out");
  try {{
    const input = document.querySelector("input[name=slug]");
    const slug = window.wagtail.app.getControllerForElementAndIdentifier(input, "w-slug");
    const read = (id) => JSON.parse(document.getElementById(id).textContent);
    // What the editor does: the title field syncs into the slug (urlify), and a slug
    // typed into the field is cleaned when it loses focus (slugify).
    out.textContent = JSON.stringify({{
      titles: read("titles").map((value) => slug.urlify({{ detail: {{ value }} }})),
      typed: read("typed").map((value) => slug.slugify({{ detail: {{ value }} }})),
    }});
  }} catch (error) {{
    out.textContent = "ERROR " + error;
  }}
}}, 50));
</script>
</body></html>
"""


@pytest.mark.django_db
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_the_admin_javascript_makes_the_same_slugs_as_the_server(tmp_path, arabic, staff):
    """Wagtail's own admin scripts and the slug input exactly as the page editor renders it."""
    home = HomePage.objects.get(locale=arabic)
    form_class = StandardPage.get_edit_handler().get_form_class()
    form = form_class(instance=StandardPage(locale=arabic), parent_page=home, for_user=staff["superuser"])
    slug_input = str(form["slug"])
    assert "data-w-slug-formatters-value" in slug_input

    scripts = "\n".join(
        f'<script src="{finders.find(path)}"></script>'
        for path in (
            "wagtailadmin/js/vendor/jquery-3.6.0.min.js",
            "wagtailadmin/js/core.js",
            "wagtailadmin/js/vendor.js",
            "wagtailadmin/js/wagtailadmin.js",
        )
    )
    as_json = lambda values: html.escape(json.dumps(list(values)), quote=False)  # noqa: E731
    page = tmp_path / "slugs.html"
    page.write_text(
        PAGE.format(scripts=scripts, slug_input=slug_input, titles=as_json(TITLES), typed=as_json(TYPED)),
        encoding="utf-8",
    )
    result = subprocess.run(  # noqa: S603 - the installed Chromium on a page we wrote
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    match = re.search(r'<pre id="out">(.*?)</pre>', result.stdout, re.S)
    assert match, result.stderr[-2000:]
    output = html.unescape(match.group(1))
    assert not output.startswith(("ERROR", "pending")), output
    slugs = json.loads(output)
    assert dict(zip(TITLES, slugs["titles"], strict=True)) == TITLES
    assert dict(zip(TYPED, slugs["typed"], strict=True)) == TYPED
    # ...and the server makes the same of every one of them.
    assert {title: slugify_title(title) for title in TITLES} == TITLES
    assert {typed: normalise_slug(typed) for typed in TYPED} == TYPED
