"""Admin registration: the page comments queue and the page helpfulness report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import report
from .viewsets import CommentViewSet


@hooks.register("register_submission_viewset", order=30)
def comment_queue():
    return CommentViewSet


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
