"""What our override of wagtail-localize's translation editor adds to it."""

from django import template
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.translation_workflow import editor_actions

register = template.Library()


def _direction(locale):
    return "rtl" if locale.is_bidi else "ltr"


@register.simple_tag(takes_context=True)
def translation_editor_extras(context):
    """Languages and directions of the source and target, the section title, our actions."""
    translation = context["translation"]
    instance = context["instance"]
    source, target = translation.source.locale, translation.target_locale
    source_name, target_name = source.get_display_name(), target.get_display_name()
    return {
        "source_lang": source.language_code,
        "source_dir": _direction(source),
        "target_lang": target.language_code,
        "target_dir": _direction(target),
        # wagtail-localize's editor titles its sections with this untranslatable template literal.
        "section_title_original": f"{source_name} to {target_name} translation",
        "section_title": _("Translation from %(source)s into %(target)s")
        % {"source": source_name, "target": target_name},
        "workflow": editor_actions(context["request"].user, instance) if isinstance(instance, Page) else None,
    }
