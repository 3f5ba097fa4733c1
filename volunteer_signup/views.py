"""An applicant's own page, the personal link that opens it, and asking for a new link.

None of these pages is cached or indexed: each is one person's (``never_cache``, and the
page cache only keeps responses that set no cookie and do not vary on one). Their forms
carry Django's CSRF token, as any form on a page for one visitor can.
"""

import re

from django.conf import settings
from django.db import transaction
from django.db.models import Case, When
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from core.models import SiteSettings
from submissions import antiabuse
from submissions.embedding import FormState
from submissions.models import OutgoingEmail, TransitionError
from submissions.notifications import queue_notice
from submissions.tasks import enqueue

from . import applicant, hours, signups
from .applicant_forms import DetailsForm, LinkRequestForm, ReportHoursForm, WithdrawForm
from .models import (
    ApplicantLink,
    ApplicationStatus,
    Opportunity,
    ReportStatus,
    SignUp,
    SignUpStatus,
    VolunteerApplication,
)

ID = re.compile(r"[0-9]{1,18}")  # ASCII digits only: "²".isdigit() is True, and int() refuses it

DONE = {
    "details": _("Your details have been saved."),
    "withdrawn": _("Your application has been withdrawn."),
    "undone": _("Your withdrawal has been taken back: your application is as it was before."),
    "closed": _("Your page is closed on every device, and the links we sent you no longer work."),
    "booked": _("You have a place. We have emailed you the details with a calendar file."),
    "waiting": _("It is full, so you are on the waiting list. If a place opens, it is yours and we will email you."),
    "cancelled": _("You are no longer signed up. Thank you for telling us."),
    "not_found": _("That opportunity is no longer open."),
    "clash": _("You already have a place at the same time. Cancel it first if you would rather do this one."),
    "started": _("This opportunity has already started."),
    "reported": _("Thank you. Your hours count once a coordinator approves them; we will email you."),
    "report_withdrawn": _("Your report has been taken back."),
    "report_decided": _("A coordinator has already looked at that report, so it stays as it is."),
    "not_saved": _("Your page had closed (its link expired or was ended), so nothing was saved. Ask for a new link."),
    "cannot_withdraw": _("This application can no longer be withdrawn: its status has changed. Nothing was saved."),
    "cannot_undo": _("This withdrawal can no longer be taken back."),
    "limited": _("Too many changes have come from your connection. Please try again later, or call us."),
    "unknown": _("That request was not understood, so nothing was changed."),
}
#: The status of a page that refuses what was sent (else 409: the record's state forbids it).
REFUSED_STATUS = {"limited": 429, "unknown": 400}


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    patch_vary_headers(response, ("Cookie",))
    return response


def _render(request, template, context, status=200, problem=None, problem_block=""):
    """``problem``: a bound form with errors, summarised at the top of the page (base.html)."""
    context = {"contact": SiteSettings.for_page(None), "link_days": settings.PERSONAL_LINK_DAYS, **context}
    if problem is not None:
        context.update(form_error=True, form_error_state=FormState(form=problem), form_error_block=problem_block)
    return _private(render(request, template, context, status=status))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def open_link(request, token):
    """GET shows a button and changes nothing (mail scanners fetch links); POST opens the page."""
    link = ApplicantLink.find(token)
    if link is None or link.application.anonymised_at is not None:
        response = _render(request, "volunteer_signup/applicant_link.html", {"link": None}, status=404)
    elif request.method == "POST":
        response = HttpResponseRedirect(reverse("applicant_page"), status=303)
        applicant.open_link(response, link)
    else:
        response = _render(request, "volunteer_signup/applicant_link.html", {"link": link})
    # The address holds the token: a Referer sent from here names the origin only. Not
    # "no-referrer", with which browsers send "Origin: null" and the button's POST would
    # fail Django's CSRF check.
    response["Referrer-Policy"] = "strict-origin"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def applicant_page(request):
    link = applicant.current_link(request)
    if link is None:
        # Closed meanwhile (expired, revoked): a form sent now is not saved, and the page says so.
        sent = request.method == "POST"
        done = DONE["not_saved"] if sent else DONE.get(request.GET.get("done", ""))
        response = _render(
            request,
            "volunteer_signup/applicant_page.html",
            {"application": None, "done": done},
            status=403 if sent else 200,
        )
        applicant.close_link(response)
        return response
    application = link.application
    locale = Locale.get_active()  # the page's language, whatever the application's
    accepted = application.status == ApplicationStatus.ACCEPTED and application.volunteer_id
    details = DetailsForm(instance=application)
    withdraw = WithdrawForm()
    report = ReportHoursForm(locale=locale)
    problem = None
    refused = ""
    if request.method == "POST":
        if antiabuse.ip_limited(request, "applicant"):
            antiabuse.log_event("rate_limited", "applicant", request)
            refused = "limited"
            action = None
        else:
            action = request.POST.get("action")
        if action == "details":
            details = DetailsForm(request.POST, instance=application)
            if details.is_valid():
                with transaction.atomic():
                    # Only these fields: a coordinator's change made meanwhile is kept.
                    details.instance.save(update_fields=[*DetailsForm.Meta.fields, "search_text"])
                    applicant.log_details_changed(application)
                return _done("details")
            problem = details
        elif action == "withdraw":
            withdraw = WithdrawForm(request.POST)
            if withdraw.is_valid():
                try:
                    applicant.withdraw(application, withdraw.reason_text())
                except TransitionError:
                    refused = "cannot_withdraw"  # decided meanwhile, or sent twice
                else:
                    return _done("withdrawn")
            else:
                problem = withdraw
        elif action == "undo":
            try:
                applicant.undo_withdrawal(application)
            except TransitionError:
                refused = "cannot_undo"
            else:
                return _done("undone")
        elif action in ("sign_up", "cancel_sign_up"):
            if not accepted:
                refused = "not_found"
            else:
                return _change_place(request, application, action)
        elif action == "report_hours" and accepted:
            report = ReportHoursForm(request.POST, locale=locale, volunteer=application.volunteer)
            if report.is_valid():
                hours.report(application.volunteer, **report.cleaned_data)
                return _done("reported")
            problem = report
        elif action == "withdraw_report" and accepted:
            chosen = request.POST.get("report", "")
            reports = application.volunteer.reported_hours.filter(pk=chosen if ID.fullmatch(chosen) else None)
            if not reports.exists():
                refused = "unknown"
            elif not reports.filter(status=ReportStatus.PENDING).delete()[0]:
                refused = "report_decided"
            else:
                return _done("report_withdrawn")
        elif action == "close":
            # Every link to this application stops working, on every device.
            application.links.revoke()
            response = HttpResponseRedirect(reverse("applicant_page") + "?done=closed", status=303)
            applicant.close_link(response)
            return response
        elif action is not None:
            refused = "unknown"
        if refused:
            application.refresh_from_db()
    step, late = applicant.next_step(application)
    context = {
        "application": application,
        "timeline": applicant.timeline(application),
        "next_step": step,
        "late": late,
        "undo_until": applicant.undo_deadline(application),
        "can_withdraw": applicant.can_withdraw(application),
        "details_form": details,
        "withdraw_form": withdraw,
        "done": DONE.get(refused or request.GET.get("done", "")),
        "link": link,
        "settings_undo_days": settings.APPLICANT_UNDO_WITHDRAWAL_DAYS,
        "places": signups.places(application.volunteer, locale) if accepted else [],
        "record": _record(application.volunteer, locale) if accepted else None,
        "opportunities": signups.open_to(application.volunteer, locale) if accepted else [],
        "report_form": report,
        "reports": _reports(application.volunteer) if accepted else [],
    }
    status = 400 if problem is not None else (REFUSED_STATUS.get(refused, 409) if refused else 200)
    block = {details: "details", report: "hours"}.get(problem, "withdraw")
    return _render(request, "volunteer_signup/applicant_page.html", context, status, problem, block)


def _reports(volunteer):
    """Every report still waiting (so each can be taken back), then the latest decided."""
    reports = volunteer.reported_hours.all()
    waiting = list(reports.filter(status=ReportStatus.PENDING))
    return waiting + list(reports.exclude(status=ReportStatus.PENDING)[:20])


def _record(volunteer, locale):
    """The volunteer's hours that count and the training courses they completed."""
    counted, trainings = hours.totals(volunteer)
    return {"hours": counted, "trainings": signups.all_in_language(trainings, locale)}


def _change_place(request, application, action):
    """Sign up for an opportunity, or give up a place, from the volunteer's page."""
    try:
        if action == "sign_up":
            chosen = request.POST.get("opportunity", "")
            opportunity = Opportunity.objects.filter(pk=chosen).first() if ID.fullmatch(chosen) else None
            if opportunity is None:
                return _done("not_found")
            signup = signups.sign_up(application.volunteer, opportunity)
            return _done("booked" if signup.status == SignUpStatus.BOOKED else "waiting")
        chosen = request.POST.get("signup", "")
        signup = SignUp.objects.filter(
            pk=chosen if ID.fullmatch(chosen) else None, volunteer_id=application.volunteer_id
        ).first()
        if signup is None:
            return _done("not_found")
        signups.cancel(signup)
        return _done("cancelled")
    except signups.SignUpRefused as refusal:
        return _done(refusal.code)


def _done(what):
    return HttpResponseRedirect(f"{reverse('applicant_page')}?done={what}", status=303)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def new_link(request):
    """Send a new personal link, only ever to the email address of the application itself.

    The answer is the same whether or not we hold an application with these details, so
    the form tells nobody who applied.
    """
    form = LinkRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if antiabuse.ip_limited(request, "link"):
            antiabuse.log_event("rate_limited", "link", request)
            response = _render(
                request, "volunteer_signup/applicant_new_link.html", {"form": form, "limited": True}, status=429
            )
            response["Retry-After"] = str(antiabuse.ip_window())
            return response
        if form.is_valid():
            _send_link(form.cleaned_data["contact"])
            return HttpResponseRedirect(f"{reverse('applicant_new_link')}?sent=1", status=303)
        return _render(
            request,
            "volunteer_signup/applicant_new_link.html",
            {"form": form},
            status=400,
            problem=form,
            problem_block="new-link",
        )
    return _render(
        request, "volunteer_signup/applicant_new_link.html", {"form": form, "sent": request.GET.get("sent") == "1"}
    )


def _send_link(contact):
    application = (
        VolunteerApplication.held_about(**contact)
        .filter(anonymised_at__isnull=True)
        .exclude(email="")
        .select_related("locale", "source_page")
        # An accepted volunteer who applied again gets the link to the page with their places.
        .order_by(Case(When(status=ApplicationStatus.ACCEPTED, then=0), default=1), "-submitted_at")
        .first()
    )
    if application is None:
        return
    with transaction.atomic():
        email = queue_notice(
            application,
            to=application.email,
            template="volunteer_signup/emails/new_link",
            kind=OutgoingEmail.Kind.LINK,
        )
        if email.status == OutgoingEmail.Status.PENDING:
            transaction.on_commit(lambda: enqueue([email.pk]))
