"""The public questions page: residents' anonymous questions, answered and published.

The questions and answers are ``feedback.PublishedAnswer`` snippets, written by the
Answerers from questions residents agreed to have published and edited so that they
identify nobody; this page lists those in its language, newest first, by subject and
by words (normalised as site search is). Its body carries the "ask anonymously" form.
"""

from django.core.paginator import Paginator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.lazy import lazy_values
from core.search import MAX_QUERY_LENGTH, normalise_query
from feedback.models import PublishedAnswer, Subject

from .base import SummaryAndBodyPage

ANSWERS_PER_PAGE = 20


class QuestionsPage(SummaryAndBodyPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("questions page")
        verbose_name_plural = _("questions pages")

    def answers(self):
        return PublishedAnswer.objects.live().filter(locale_id=self.locale_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        names = ("answers", "selected_subject", "query", "filtered", "query_string")
        context.update(lazy_values(lambda: self._listing(request), names))
        context["subjects"] = Subject.choices
        return context

    def _listing(self, request):
        """The page of answers asked for, made when the template first uses it (core/lazy.py)."""
        subject = request.GET.get("about", "")
        if subject not in Subject.values:
            subject = ""
        query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
        answers = self.answers()
        if subject:
            answers = answers.filter(subject=subject)
        if normalise_query(query):
            answers = answers.search(query, operator="and", order_by_relevance=False)
        else:
            query = ""
        page_obj = Paginator(answers, ANSWERS_PER_PAGE).get_page(request.GET.get("page"))
        return {
            "answers": page_obj,
            "selected_subject": subject,
            "query": query,
            "filtered": bool(subject or query),
            "query_string": urlencode({k: v for k, v in (("about", subject), ("q", query)) if v}),
        }
