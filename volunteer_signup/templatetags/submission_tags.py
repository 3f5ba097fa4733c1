from django import forms, template

register = template.Library()

_GROUPED = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def error_target(bound_field):
    """Id an error-summary link should point at: the field, or a group's first option."""
    if isinstance(bound_field.field.widget, _GROUPED):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


@register.filter
def survey_answers(response):
    from volunteer_signup.survey_results import answers_for_display

    return answers_for_display(response)
