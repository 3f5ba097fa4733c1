"""Admin registration: the volunteer applications queue and the volunteering options."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .attendance import attendance_view
from .hours_report import PERMISSION as HOURS_REPORT_PERMISSION
from .hours_report import report_view
from .in_use import in_use, refusal
from .models import Area, Opportunity, ReportedHours, SignUp, SignUpStatus, VolunteerRole
from .places_admin import give_up_place_view
from .reported_admin import DecidedNotEdited
from .signals import erase_hours
from .viewsets import ApplicationViewSet, VolunteeringOptionsGroup


@hooks.register("register_submission_viewset", order=10)
def application_queue():
    return ApplicationViewSet


hooks.register("before_erase_submission", erase_hours)
register_permission_policy(ReportedHours, DecidedNotEdited(ReportedHours))
register_snippet(VolunteeringOptionsGroup)


@hooks.register("before_delete_snippet")
def refuse_deleting_options_in_use(request, instances):
    """A role or area that applications chose is closed or archived, not deleted."""
    options = [instance for instance in instances if isinstance(instance, VolunteerRole | Area)]
    used = in_use(options)
    if not used:
        return None
    messages.error(request, refusal(used))
    return redirect(reverse(type(used[0]).snippet_viewset.get_url_name("list")))


@hooks.register("register_log_actions")
def register_applicant_log_actions(actions):
    actions.register_action(
        "sharaka.applicant.details",
        _("Applicant updated their details"),
        _("The applicant updated their contact details or availability on their page"),
    )
    actions.register_action(
        "sharaka.applicant.links_revoked", _("End personal links"), _("Ended every personal link to the application")
    )
    actions.register_action("sharaka.attendance", _("Mark attendance"), _("Marked attendance"))
    actions.register_action("sharaka.signup.given_up", _("Give up a place"), _("Gave up a volunteer's place for them"))
    actions.register_action("sharaka.hours.approved", _("Approve hours"), _("Approved the reported hours"))
    actions.register_action("sharaka.hours.declined", _("Decline hours"), _("Declined the reported hours"))


@hooks.register("register_admin_urls")
def attendance_urls():
    return [
        path("opportunities/<int:pk>/attendance/", attendance_view, name="volunteer_signup_attendance"),
        path("reports/volunteer-hours/", report_view, name="volunteer_signup_hours_report"),
        path("sign-ups/<int:pk>/give-up/", give_up_place_view, name="volunteer_signup_give_up_place"),
    ]


class HoursReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(HOURS_REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def hours_report_menu_item():
    return HoursReportMenuItem(
        _("Volunteer hours"), reverse("volunteer_signup_hours_report"), icon_name="time", order=300
    )


@hooks.register("before_delete_snippet")
def refuse_deleting_opportunities_with_places(request, instances):
    """An opportunity people hold places on (in any of its languages) is not deleted: they
    would never hear of it. Give the places up first, or change the opportunity."""
    keys = [instance.translation_key for instance in instances if isinstance(instance, Opportunity)]
    held = SignUp.objects.filter(
        opportunity__translation_key__in=keys, status__in=[SignUpStatus.BOOKED, SignUpStatus.WAITING]
    )
    if not keys or not held.exists():
        return None
    messages.error(
        request,
        _("Volunteers hold places on this opportunity, so it is not deleted. Change its details instead."),
    )
    return redirect(reverse(Opportunity.snippet_viewset.get_url_name("list")))
