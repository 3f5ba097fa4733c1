"""Admin registration: the volunteer applications queue and the volunteering options."""

from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet

from .in_use import in_use, refusal
from .models import Area, VolunteerRole
from .viewsets import ApplicationViewSet, VolunteeringOptionsGroup


@hooks.register("register_submission_viewset", order=10)
def application_queue():
    return ApplicationViewSet


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
