"""Admin hooks of the home app."""

from django.urls import include, path
from wagtail import hooks

from home import translation_workflow


@hooks.register("register_admin_urls")
def register_translation_workflow_urls():
    return [path("", include(translation_workflow.urlpatterns))]
