"""Admin registration: the volunteer applications queue and the volunteering options."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import ApplicationViewSet, VolunteeringOptionsGroup


@hooks.register("register_submission_viewset", order=10)
def application_queue():
    return ApplicationViewSet


register_snippet(VolunteeringOptionsGroup)
