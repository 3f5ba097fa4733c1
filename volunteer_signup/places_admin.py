"""A coordinator gives up a volunteer's place or waiting-list position for them: the
volunteer phoned to say they cannot come, or has no email to reach their page from.

The same rule as on the volunteer's page (``signups.cancel``): the volunteer is emailed,
the place goes to the first person waiting, and nothing changes once the opportunity
has started. Only coordinators who may see applications do it; it is logged against the
opportunity without the volunteer's name.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.log_actions import log

from . import signups
from .models import SignUp, SignUpStatus


@require_POST
def give_up_place_view(request, pk):
    user = request.user
    if not (
        user.has_perm("volunteer_signup.change_opportunity")
        and user.has_perm("volunteer_signup.view_volunteerapplication")
    ):
        raise PermissionDenied
    signup = get_object_or_404(SignUp.objects.select_related("opportunity", "volunteer"), pk=pk)
    opportunity = signup.opportunity
    inspect = opportunity.snippet_viewset.get_url_name("inspect")
    if signup.status == SignUpStatus.CANCELLED:
        messages.success(request, _("That place had already been given up."))
        return redirect(inspect, opportunity.pk)
    try:
        given_up = signups.cancel(signup, by_coordinator=True)
    except signups.SignUpRefused:
        messages.error(request, _("The opportunity has started: the place stays, and attendance is marked on it."))
        return redirect(inspect, opportunity.pk)
    if not given_up:  # another coordinator did it meanwhile
        messages.success(request, _("That place had already been given up."))
        return redirect(inspect, opportunity.pk)
    log(opportunity, "sharaka.signup.given_up", user=user, data={"volunteer": signup.volunteer.reference})
    messages.success(
        request, _("The place has been given up; the volunteer is told by email, and anyone waiting moves up.")
    )
    return redirect(inspect, opportunity.pk)
