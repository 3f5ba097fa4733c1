"""Admin registration: the survey responses queue and the survey snippets."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import ResponseViewSet, SurveyViewSet


@hooks.register("register_submission_viewset", order=20)
def response_queue():
    return ResponseViewSet


register_snippet(SurveyViewSet)
