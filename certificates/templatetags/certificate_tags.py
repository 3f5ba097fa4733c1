"""The certificates section of a volunteer's own page.

``volunteer_signup`` never imports this app (the layers go the other way), so its page
template loads this library and the section brings its own data: the volunteer's
certificates and the form to ask for one.
"""

from django import template
from django.utils.translation import gettext_lazy as _

from ..forms import IssueForm
from ..issuing import default_period
from ..models import Certificate

register = template.Library()

DONE = {
    "issued": _("Your certificate is ready. Download it below."),
    "existing": _("You already have a certificate for this period in this language: here it is again."),
}


@register.inclusion_tag("certificates/applicant_section.html", takes_context=True)
def volunteer_certificates(context, application):
    request = context["request"]
    volunteer = application.volunteer
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "certificates": list(Certificate.objects.filter(volunteer=volunteer, erased_at__isnull=True)),
        "form": IssueForm(period=default_period(volunteer)),
        "done": DONE.get(request.GET.get("certificate", "")),
        "name": application.full_name,
    }
