"""The asker's private page: their question, and the answer once there is one.

Reached only with the link their confirmation gave them (the token in the address is
the key, kept as a hash: feedback/models/questions.py). Never cached, never indexed,
and sends no referrer, so the link does not leak to a page the answer links to.
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail import hooks

from .asking import help_lines_context
from .models import QuestionLink

QUESTIONS_PAGE_HOOK = "sharaka_questions_page"


def questions_page(locale):
    """The public questions page in ``locale`` (from the content app's hook), or None."""
    for hook in hooks.get_hooks(QUESTIONS_PAGE_HOOK):
        page = hook(locale)
        if page is not None:
            return page
    return None


@never_cache
@require_safe
def answer(request, token):
    link = QuestionLink.find(token)
    if link is None:
        response = render(request, "feedback/answer_not_found.html", status=404)
    else:
        question = link.question
        published = question.published if question.published and question.published.live else None
        context = {
            "question": question,
            "answered": question.answer_on_page and bool(question.answer),
            "published": published,
            "questions_page": questions_page(question.locale) if published else None,
            **help_lines_context(question.locale, question.source_page),
            "link": link,
        }
        response = render(request, "feedback/answer.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
