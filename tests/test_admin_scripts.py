"""The admin without inline scripts, so its Content-Security-Policy can forbid them (issue 11, item 3).

Every admin screen an editor, coordinator or superuser opens is rendered here and
searched for an executable inline script, an event-handler attribute or a
``javascript:`` link; the widgets Wagtail starts inline must arrive as start markers
that static/js/admin/start-widgets.js accepts. tests/browser/test_admin_csp_browser.py
checks in Chromium that the widgets then work under the policy.
"""

import inspect
import json

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from wagtail.admin.widgets import AdminPageChooser, BaseChooser
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from core import admin_scripts
from tests.conftest import soup

pytestmark = [pytest.mark.django_db, pytest.mark.whole_site, pytest.mark.usefixtures("_shared_content")]

EXECUTABLE_TYPES = {None, "", "text/javascript", "application/javascript", "module"}
START_WIDGETS_JS = (admin_scripts.__file__.rsplit("/core/", 1)[0]) + "/static/js/admin/start-widgets.js"


def inline_code(html):
    """Executable inline scripts, on* attributes and javascript: links in ``html``."""
    page = BeautifulSoup(html, "html.parser")
    found = [str(s)[:120] for s in page.select("script:not([src])") if s.get("type") in EXECUTABLE_TYPES]
    for element in page.find_all(True):
        found += [f"{element.name} {name}" for name in element.attrs if name.lower().startswith("on")]
        if str(element.get("href", "")).strip().lower().startswith("javascript:"):
            found.append(f"{element.name} href=javascript:")
    return found


def markers(html):
    return [json.loads(s.string) for s in BeautifulSoup(html, "html.parser").select("script[data-sharaka-start]")]


def admin_urls():
    """The admin screens to sweep: every page's editor, every snippet's and setting's form, the rest."""
    urls = ["/admin/", "/admin/pages/", "/admin/account/", "/admin/users/", "/admin/groups/", "/admin/workflows/list/"]
    urls += ["/admin/workflows/add/", "/admin/workflows/tasks/add/wagtailcore/groupapprovaltask/"]
    urls += ["/admin/workflows/tasks/index/", "/admin/images/", "/admin/documents/", "/admin/reports/site-history/"]
    urls += ["/admin/volunteer_application/", "/admin/survey_response/", "/admin/data-requests/"]
    for page in Page.objects.filter(depth__gt=1).specific():
        urls += [f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.pk}/"]
    for model in get_snippet_models():
        urls.append(f"/admin/snippets/{model._meta.app_label}/{model._meta.model_name}/add/")
    for model in apps.get_models():
        if model.__module__.startswith(("core.", "home.")) and hasattr(model, "for_site"):
            urls.append(f"/admin/settings/{model._meta.app_label}/{model._meta.model_name}/")
    english = Page.objects.filter(locale__language_code="en", depth=3).first()
    urls.append(f"/admin/localize/submit/page/{english.pk}/")
    return urls


@pytest.mark.parametrize("admin_language", ["ar", "en"])
def test_no_admin_screen_holds_an_inline_script(login, staff, admin_language):
    superuser = staff["superuser"]
    superuser.wagtail_userprofile.preferred_language = admin_language
    superuser.wagtail_userprofile.save()
    client = login(superuser)
    seen_markers = set()
    for url in admin_urls():
        response = client.get(url, follow=True)  # a setting's page redirects to the site's own
        assert response.status_code == 200, url
        html = response.content.decode()
        assert inline_code(html) == [], url
        assert "&lt;script" not in html, url  # a marker escaped into visible text
        for spec in markers(html):
            assert spec["name"] in admin_scripts.STARTERS, (url, spec)
            assert spec["construct"] == (spec["name"] in admin_scripts.CONSTRUCTORS)
            seen_markers.add(spec["name"])
    # The sweep met each kind of widget Wagtail starts inline on this site.
    expected = {"initDateChooser", "initDateTimeChooser", "InlinePanel", "PageChooser", "ImageChooser"}
    assert expected <= seen_markers, expected - seen_markers


def test_the_sign_in_pages_hold_no_inline_script(client):
    for url in ("/admin/login/", "/admin/password_reset/"):
        response = client.get(url)
        assert response.status_code == 200
        assert inline_code(response.content.decode()) == [], url


def test_the_translation_editor_has_its_chooser_addresses_without_an_inline_script(login, staff):
    english = Page.objects.filter(locale__language_code="en", depth__gt=2).first()
    response = login(staff["superuser"]).get(f"/admin/pages/{english.pk}/edit/")
    page = soup(response)
    assert page.select_one(".js-translation-editor"), "the English page is a translation: its editor opens"
    assert inline_code(response.content.decode()) == []
    urls = page.select_one("script[src*='chooser-urls']")
    assert urls["data-page-chooser"] == "/admin/choose-page/"
    assert urls["data-image-chooser"].startswith("/admin/images/chooser/")


def test_the_admin_policy_forbids_inline_scripts(login, staff):
    response = login(staff["editor"]).get("/admin/")
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert "start-widgets.js" in response.content.decode()


def test_a_chooser_is_started_by_a_marker_with_wagtails_own_options(staff):
    page = Page.objects.filter(depth=2).first()
    widget = AdminPageChooser()
    html = widget.render("page", page.pk, attrs={"id": "id_page"})
    assert "<script>" not in html
    (spec,) = markers(html)
    assert spec == {
        "name": "PageChooser",
        "construct": True,
        "args": ["id_page", widget.get_js_init_options("id_page", "page", widget.get_value_data(page.pk))],
    }


def test_a_marker_cannot_close_its_element_early():
    html = admin_scripts.start_marker("initDateChooser", "x</script><script>alert(1)</script>", {})
    assert html.count("</script>") == 1
    assert json.loads(BeautifulSoup(html, "html.parser").script.string)["args"][0].endswith("alert(1)</script>")


def test_only_the_widgets_start_widgets_js_knows_can_be_named():
    with pytest.raises(ValueError):
        admin_scripts.start_marker("eval", "alert(1)")
    script = open(START_WIDGETS_JS, encoding="utf-8").read()
    for name in admin_scripts.STARTERS:
        assert f'"{name}"' in script, f"{name} is in core/admin_scripts.py but not in start-widgets.js"


def test_a_chooser_that_starts_itself_differently_is_refused_not_silently_broken(staff):
    class OddChooser(AdminPageChooser):
        def render_js_init(self, id_, name, value_data):
            return "somethingElse();"

    with pytest.raises(TypeError, match="OddChooser"):
        OddChooser().render("page", None, attrs={"id": "id_page"})


def test_wagtails_chooser_render_is_still_the_one_we_replaced():
    """A tripwire for upgrades: our render mirrors Wagtail 8's; if theirs changes, look again."""
    source = inspect.getsource(admin_scripts.WAGTAIL_CHOOSER_RENDER)
    assert "widget_html = self.render_html(name, value_data, attrs)" in source
    assert 'out = f"{widget_html}<script>{js}</script>"' in source
    assert BaseChooser.render is admin_scripts.render_chooser
