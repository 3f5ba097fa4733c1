"""``{% start_widget %}``: the inert start marker our overrides of Wagtail's widget templates write."""

import json

from django import template

from core.admin_scripts import start_marker

register = template.Library()


@register.simple_tag
def start_widget(name, *args, options_json=None):
    """Start ``name(*args, options)``; Wagtail's templates hold the options as a JSON string."""
    if options_json is not None:
        args = (*args, json.loads(options_json))
    return start_marker(name, *args)
