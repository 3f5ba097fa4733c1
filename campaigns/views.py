"""Site search: pages of the reader's language only, Arabic normalised."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from core.search import MAX_QUERY_LENGTH, normalise_query

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    results = None
    # The search backend normalises the query (core.search_backend); normalising
    # here only tells whether anything searchable is left of it.
    if normalise_query(query):
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query, operator="and")
        results = Paginator(pages, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    response = TemplateResponse(
        request,
        "campaigns/search.html",
        {"query": query, "results": results, "query_string": urlencode({"q": query})},
    )
    # Results pages are for people, not for search engines.
    response["X-Robots-Tag"] = "noindex"
    return response
