from django import template

from ..results import answers_for_display

register = template.Library()


@register.filter
def survey_answers(response):
    return answers_for_display(response)
