"""The volunteer's side of certificates (issuing one, downloading it) and the public page
that verifies one.

Issuing and downloading need the applicant's cookie (``volunteer_signup.applicant``) of an
accepted application, and a download must be one of that volunteer's own certificates;
neither is ever cached. The verification page is public and the same for every visitor,
but it is never cached either (``never_cache``): a revocation must show at once, on this
server, in Redis and in a proxy in front. It sets no cookie and is not indexed.
"""

import re

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from submissions import antiabuse
from submissions.embedding import FormState
from volunteer_signup import applicant
from volunteer_signup.models import ApplicationStatus

from . import issuing, pdf
from .forms import IssueForm
from .models import Certificate

CODE = re.compile(r"[A-Za-z0-9_-]{8,32}")
LIMITED = _("Too many requests have come from your connection. Please try again later, or call us.")


def accepted_application(request):
    """The accepted application whose page this browser opened, or None."""
    link = applicant.current_link(request)
    if link is None:
        return None
    application = link.application
    if application.status != ApplicationStatus.ACCEPTED or not application.volunteer_id:
        return None
    return application


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    patch_vary_headers(response, ("Cookie",))
    return response


def _issue_page(request, form, status):
    """The form on its own page: with the errors of what was sent, or, without an accepted
    volunteer's page open (``form`` None), how to open it."""
    context = {"form": form, "closed": form is None}
    if form is not None and form.errors:
        context.update(form_error=True, form_error_state=FormState(form=form), form_error_block="certificate")
    return _private(render(request, "certificates/issue.html", context, status=status))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def issue(request):
    """GET: the form on its own; POST: issue (or find the same) and go back to the volunteer's page."""
    application = accepted_application(request)
    if application is None:
        return _issue_page(request, None, status=403)
    if request.method != "POST":
        return _issue_page(request, IssueForm(period=issuing.default_period(application.volunteer)), status=200)
    form = IssueForm(request.POST)
    if antiabuse.ip_limited(request, "certificate"):
        antiabuse.log_event("rate_limited", "certificate", request)
        form.is_valid()
        form.add_error(None, LIMITED)
        return _issue_page(request, form, status=429)
    if not form.is_valid():
        return _issue_page(request, form, status=400)
    data = form.cleaned_data
    try:
        _certificate, created = issuing.issue(application, data["start"], data["end"], data["language"])
    except issuing.IssueRefused as refusal:
        form.add_error(None, refusal.args[0])
        return _issue_page(request, form, status=400)
    done = "issued" if created else "existing"
    return HttpResponseRedirect(f"{reverse('applicant_page')}?certificate={done}#certificates", status=303)


@never_cache
@require_GET
def download(request, code):
    """The PDF of one of this volunteer's own standing certificates, as an attachment."""
    application = accepted_application(request)
    if application is None or not CODE.fullmatch(code):
        raise Http404
    # A revoked certificate is not handed out again: the paper would say what the page denies.
    certificate = Certificate.objects.standing().filter(code=code, volunteer_id=application.volunteer_id).first()
    if certificate is None:
        raise Http404
    response = HttpResponse(pdf.render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sharaka-certificate-{certificate.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return _private(response)


@never_cache
@require_GET
def verify(request, code):
    """Public: valid (with what the certificate says), revoked, or withdrawn at the holder's request."""
    certificate = Certificate.objects.filter(code=code).first() if CODE.fullmatch(code) else None
    if certificate is None:
        response = render(
            request,
            "certificates/not_found.html",
            {"retention_years": settings.CERTIFICATE_RETENTION_YEARS},
            status=404,
        )
    else:
        response = render(request, "certificates/verify.html", {"certificate": certificate})
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
