"""Admin hooks of the core app: the translation workflow's views, our admin CSS and scripts."""

from django.urls import include, path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static

from core import translation_workflow


@hooks.register("register_admin_urls")
def register_translation_workflow_urls():
    return [path("", include(translation_workflow.urlpatterns))]


@hooks.register("insert_global_admin_js")
def start_widgets_js():
    """Starts the widgets Wagtail would start with inline scripts (core/admin_scripts.py)."""
    return format_html('<script src="{}"></script>', versioned_static("js/admin/start-widgets.js"))


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', versioned_static("css/admin.css"))
