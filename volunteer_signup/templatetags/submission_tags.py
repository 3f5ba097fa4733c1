from django import template

register = template.Library()


@register.filter
def survey_answers(response):
    from volunteer_signup.survey_results import answers_for_display

    return answers_for_display(response)
