"""Pages editors chose as links, in the reader's language: any number in one query.

Page links that wagtail-localize synchronises (the home page's buttons, the site's
privacy notice) keep pointing at the source-language page. Wagtail's ``localized``
finds each one's translation with a query or two per link; a page that shows several
asks for them all at once here, and each answer is kept for the request
(``per_request``): the footer's privacy notice, asked for again, costs nothing.
"""

from django.db.models import Q
from wagtail.models import Page

from core import per_request


def in_language(page_ids, locale_id):
    """``{chosen id: page}`` for ``page_ids``, as Wagtail's ``localized`` finds each page.

    The chosen page's live translation in ``locale_id``, else the chosen page itself (as
    Wagtail: also when the translation is a draft, or ``locale_id`` is None because the
    language has no locale). Plain ``Page`` objects: a link needs no specific type. Ids
    that are None (an empty chooser) are left out; a deleted page is missing.
    """
    chosen = {page_id for page_id in page_ids if page_id is not None}
    known = per_request.kept("page-links", dict)
    missing = {page_id for page_id in chosen if (page_id, locale_id) not in known}
    if missing:
        known.update(_find(missing, locale_id))
    return {page_id: known[page_id, locale_id] for page_id in chosen if known[page_id, locale_id] is not None}


def _find(chosen, locale_id):
    source_keys = Page.objects.filter(pk__in=chosen).values("translation_key")
    wanted = Q(pk__in=chosen) | Q(live=True, locale_id=locale_id)
    found = sorted(Page.objects.filter(wanted, translation_key__in=source_keys), key=lambda page: page.path)
    translated = {page.translation_key: page for page in reversed(found) if page.live and page.locale_id == locale_id}
    pages = {page.pk: translated.get(page.translation_key, page) for page in found if page.pk in chosen}
    return {(page_id, locale_id): pages.get(page_id) for page_id in chosen}
