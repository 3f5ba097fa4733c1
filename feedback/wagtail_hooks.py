"""Admin registration: the page comments queue, the page helpfulness report, the anonymous
questions queue, and the published answers (snippets, translated like any other)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.snippet_viewsets import WithoutChooser

from . import report
from .models import AnonymousQuestion, PublishedAnswer
from .questions_admin import QuestionViewSet
from .viewsets import CommentViewSet


@hooks.register("register_submission_viewset", order=30)
def comment_queue():
    return CommentViewSet


@hooks.register("register_submission_viewset", order=40)
def question_queue():
    return QuestionViewSet


class PublishedAnswerViewSet(WithoutChooser, SnippetViewSet):
    model = PublishedAnswer
    icon = "help"
    menu_label = _("Published answers")
    list_display = [
        "question",
        "subject",
        BooleanColumn("live", label=_("shown on the site")),
        Column("locale", label=_("Language"), accessor="locale.get_display_name"),
        "published_at",
    ]
    list_filter = ["subject", "live"]
    ordering = ["-published_at"]


register_snippet(PublishedAnswerViewSet)


@hooks.register("register_log_actions")
def register_question_log_actions(actions):
    actions.register_action("sharaka.question.answered", _("Answer question"), _("Answered the question"))
    actions.register_action(
        "sharaka.question.withdrawn", _("Withdraw published answer"), _("Withdrew the published answer")
    )


@hooks.register("before_erase_submission")
def withdraw_published_answer(record):
    """An asker who asks to be forgotten withdraws their consent to publication: the answer
    published from their question is withdrawn in every language (kept for staff to review,
    since it names nobody)."""
    if not isinstance(record, AnonymousQuestion) or record.published is None or not record.published.live:
        return {}
    answer = record.published
    answer.live = False
    answer.save()
    log(answer, "sharaka.question.withdrawn", user=None)
    return {"published answers withdrawn": 1}


@hooks.register("register_admin_urls")
def helpfulness_urls():
    return [
        path("reports/helpfulness/", report.pages_view, name="feedback_helpfulness"),
        path("reports/helpfulness/<int:pk>/", report.page_view, name="feedback_helpfulness_page"),
    ]


class HelpfulnessMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(report.PERMISSION)


@hooks.register("register_reports_menu_item")
def helpfulness_menu_item():
    return HelpfulnessMenuItem(_("Page helpfulness"), reverse("feedback_helpfulness"), icon_name="help", order=310)
