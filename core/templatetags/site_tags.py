"""Template tags every public page uses: the language switcher, phone links, form errors."""

from django import template
from django.conf import settings
from django.db.models import BooleanField, Case, Q, When
from django.urls import translate_url
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info, gettext
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page, Site

from core import per_request
from core.language import switch_url
from core.phones import display_phone
from core.text import list_comma
from core.text import tel_href as _tel_href
from core.widgets import GROUPED_WIDGETS

register = template.Library()


@register.filter
def error_target(bound_field):
    """Id an error-summary link should point at: the field, or a group's first option."""
    if isinstance(bound_field.field.widget, GROUPED_WIDGETS):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


register.simple_tag(list_comma, name="list_comma")


@register.filter
def national_phone(e164):
    """A stored number as residents and staff write it ("050 123 4567")."""
    return display_phone(e164) if e164 else ""


@register.filter
def tel_href(number):
    """``tel:`` target for a phone number as editors type it."""
    return "tel:" + _tel_href(number)


def live_translations(page, request=None):
    """The page's live translations (itself included), keyed by language code.

    Alias pages are left out: they show another language's content, so
    linking to them as a translation would mislead (mozilla/bedrock#15062).
    Kept on the page object: the switcher, the SEO links and the home link ask for
    the same page. With a request, the site's home page's translations (the menu, the
    home link, the switcher's fallback) come in the same query.
    """
    if getattr(page, "_sharaka_live_translations", None) is None:
        site = Site.find_for_request(request) if request else None
        # The site's root page object too when it is this page: it is another object.
        _keep_live_translations([page] if site is None else [page, site.root_page])
    return page._sharaka_live_translations


def _keep_live_translations(pages):
    """The live translations of ``pages`` (those not kept yet), in one query, kept on each."""
    pages = [page for page in pages if getattr(page, "_sharaka_live_translations", None) is None]
    found = (
        Page.objects.filter(translation_key__in={page.translation_key for page in pages}, alias_of__isnull=True)
        .live()
        .public()
        .select_related("locale")
    )
    by_key = {page.translation_key: {} for page in pages}
    for translation_page in found:
        by_key[translation_page.translation_key][translation_page.locale.language_code] = translation_page
    for page in pages:
        page._sharaka_live_translations = by_key[page.translation_key]


def _home_pages(request):
    """Home page of each language."""
    site = Site.find_for_request(request)
    return live_translations(site.root_page, request) if site else {}


# Query parameters that mean the same in both languages (topic slugs are synchronised).
SHARED_FILTERS = ("topic", "when")


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: where the switcher should send the reader.

    On a Wagtail page, that is the page's real translation (slugs differ per
    language, so swapping the prefix would not work), keeping a listing's
    filters; without one, the other language's home page, saying so and
    without ``hreflang`` (it is not this page in another language). Plain
    Django views (search) keep their path and query under the other prefix.
    Every link goes through ``/language/<code>/``, which stores the choice.
    """
    request = context.get("request")
    current = get_language()
    page = context.get("page")
    translations = live_translations(page, request) if isinstance(page, Page) and page.pk else {}
    match = getattr(request, "resolver_match", None)
    is_django_view = match is not None and match.url_name not in (None, "wagtail_serve")
    filters = urlencode([(key, request.GET[key]) for key in SHARED_FILTERS if request and request.GET.get(key)])
    links = []
    for code, _name in settings.LANGUAGES:
        translated = True
        if code in translations:
            target = translations[code].get_url(request) + (f"?{filters}" if filters else "")
        elif is_django_view and page is None:
            target = translate_url(request.get_full_path(), code)
        else:
            home = _home_pages(request).get(code) if request else None
            target = home.get_url(request) if home else f"/{code}/"
            translated = False
        with translation.override(code):
            note = "" if translated else gettext("This page is not available in this language: home page")
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": switch_url(code, target),
                "current": code == current,
                "translated": translated,
                "note": note,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """Top-level pages of the current language's tree marked "show in menus"."""
    page = context.get("page")
    current_path = page.path if isinstance(page, Page) else ""
    items = []
    for item in _menu_and_ancestors(context)[0]:
        if page is not None and item.pk == page.pk:
            state = "page"
        elif current_path.startswith(item.path):
            state = "true"
        else:
            state = ""
        items.append({"page": item, "current": state})
    return items


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context):
    """The page's ancestors from its language's home page down (the tree's root left out)."""
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    if not page.pk:  # a preview of a page not saved yet
        return list(page.get_ancestors()[1:])
    return _menu_and_ancestors(context)[1]


def _menu_and_ancestors(context):
    """(the menu, the page's breadcrumbs), both in one query, kept for the request.

    The menu is the live, public children of the reader's language's home page marked
    "show in menus" (in the header); the breadcrumbs are the saved page's ancestors
    below the tree's root (in the content). They overlap (a section is in both).
    """
    request = context.get("request")
    home = _home_pages(request).get(get_language()) if request else None
    page = context.get("page")
    page = page if isinstance(page, Page) and page.pk else None
    key = ("menu-and-ancestors", home.pk if home else None, page.pk if page else None)
    return per_request.kept(key, lambda: _find_menu_and_ancestors(home, page))


def _find_menu_and_ancestors(home, page):
    in_menu = Q(pk__in=[])
    if home is not None:  # Wagtail's child_of(home).live().public().in_menu(), as a condition
        in_menu = Q(path__startswith=home.path, depth=home.depth + 1, live=True, show_in_menus=True)
        in_menu &= ~Page.objects.private_q()
    steplen = Page.steplen
    ancestor_paths = [page.path[:end] for end in range(2 * steplen, len(page.path), steplen)] if page else []
    found = (
        Page.objects.filter(in_menu | Q(path__in=ancestor_paths))
        .annotate(in_menu=Case(When(in_menu, then=True), default=False, output_field=BooleanField()))
        .order_by("path")
    )
    found = list(found)
    return [item for item in found if item.in_menu], [item for item in found if item.path in ancestor_paths]


@register.simple_tag(takes_context=True)
def home_page_url(context):
    request = context.get("request")
    home = _home_pages(request).get(get_language()) if request else None
    return home.get_url(request) if home else f"/{get_language()}/"


OG_LOCALES = {"ar": "ar_AR", "en": "en_GB"}


@register.inclusion_tag("includes/seo.html", takes_context=True)
def seo_tags(context, page, image=None):
    """Canonical URL, hreflang alternates and Open Graph data for a page.

    Alternates list only live translations, and only when there is more than
    one language; they are absolute and reciprocal because every translation
    builds the same set. ``x-default`` is the Arabic (default) version, or
    the language-negotiating root for home pages.
    """

    request = context["request"]
    translations = live_translations(page, request)
    alternates = []
    if len(translations) > 1:
        for code, _name in settings.LANGUAGES:
            if code in translations:
                alternates.append((code, translations[code].get_full_url(request)))
        if page.depth == 2:
            # "/" negotiates the language; built from the Site like every other absolute URL.
            site = Site.find_for_request(request)
            alternates.append(("x-default", f"{site.root_url}/" if site else request.build_absolute_uri("/")))
        elif settings.LANGUAGE_CODE in translations:
            alternates.append(("x-default", translations[settings.LANGUAGE_CODE].get_full_url(request)))
    language = get_language()
    description = getattr(page, "meta_description", "") or page.search_description
    return {
        "page": page,
        "title": getattr(page, "meta_title", "") or page.seo_title or page.title,
        "canonical": page.get_full_url(request),
        "alternates": alternates,
        "description": description,
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [OG_LOCALES.get(code, code) for code in translations if code != language],
        "og_image": request.build_absolute_uri(image.url) if image else "",
        "og_type": "article" if page.depth > 3 else "website",
    }


@register.simple_tag(takes_context=True)
def editor_userbar(context, position="bottom-right"):
    """Wagtail's userbar, for a browser with a session only (an editor signed in).

    Wagtail's tag looks up the user, which reads the session: on a visitor's page that
    would make the page vary on cookies and keep it out of the cache
    (core/page_cache.py), where a visitor without a session is always served from.
    """
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""
    return wagtailuserbar(context, position)
