"""Site search: pages of the reader's language only, Arabic normalised, and above them the
published answers to residents' questions that match (each read on the questions page)."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from core.search import MAX_QUERY_LENGTH, normalise_query
from feedback.models import PublishedAnswer

from .models import QuestionsPage

RESULTS_PER_PAGE = 10
ANSWERS_SHOWN = 5


@require_GET
def search(request):
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    results = None
    answers, questions_page = [], None
    # The search backend normalises the query (core.search_backend); normalising
    # here only tells whether anything searchable is left of it.
    if normalise_query(query):
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query, operator="and")
        results = Paginator(pages, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        questions_page = QuestionsPage.objects.live().public().filter(locale=Locale.get_active()).first()
        if questions_page is not None and results.number == 1:
            found = PublishedAnswer.objects.live().filter(locale=questions_page.locale)
            answers = list(found.search(query, operator="and")[:ANSWERS_SHOWN])
    response = TemplateResponse(
        request,
        "campaigns/search.html",
        {
            "query": query,
            "results": results,
            "answers": answers,
            "result_count": (results.paginator.count if results else 0) + len(answers),
            "questions_page": questions_page,
            "query_string": urlencode({"q": query}),
        },
    )
    # Results pages are for people, not for search engines.
    response["X-Robots-Tag"] = "noindex"
    return response
