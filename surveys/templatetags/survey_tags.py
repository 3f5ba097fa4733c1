from django import template

register = template.Library()


@register.filter
def survey_answers(response):
    from ..results import answers_for_display

    return answers_for_display(response)
