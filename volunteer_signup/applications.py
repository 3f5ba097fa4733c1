"""The volunteer application as an embedded form: how it is built and saved."""

from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Locale, Site

from core import page_cache
from core.models import SiteSettings
from submissions import embedding
from submissions.notifications import queue_emails, staff_addresses, staff_recipients

from .forms import VolunteerApplicationForm
from .models import ApplicantLink, VolunteerApplication, VolunteerRole


@dataclass(frozen=True)
class PrivacyNotice:
    """What an application needs of the privacy notice: its link, and the revision the
    applicant consents to."""

    url: str
    revision_id: int | None


def privacy_notice(page, request):
    """The live privacy notice in the page's language (else the original), or None.

    Kept for the generation (``page_cache.remembered``): every application shown and sent
    asks, and only publishing a page or saving the site's settings changes the answer,
    which ends the generation.
    """
    if page is None:
        return None

    def find():
        settings = SiteSettings.for_page(page)
        notice = settings.privacy_notice(page.locale_id) if settings else None
        return PrivacyNotice(notice.get_url(request), notice.live_revision_id) if notice else None

    site = Site.find_for_request(request) if request is not None else None  # the link is relative to it
    return page_cache.remembered("privacy_notice", (site.pk if site else None, page.pk), find)


class VolunteerApplicationHandler(embedding.EmbeddedForm):
    kind = "volunteer"
    model = VolunteerApplication

    def offered_roles(self, value, locale):
        chosen = [role for role in value.get("roles") or [] if role is not None]
        roles = VolunteerRole.objects.filter(locale=locale)
        if chosen:
            roles = roles.filter(translation_key__in=[role.translation_key for role in chosen])
        return roles

    def get_form(self, value, page, request, data=None, prefix=None):
        locale = page.locale if page else Locale.get_active()
        notice = privacy_notice(page, request)
        return VolunteerApplicationForm(
            data,
            prefix=prefix,
            locale=locale,
            roles=self.offered_roles(value, locale),
            privacy_url=notice.url if notice else "",
        )

    def save(self, form, value, page, request, idempotency_key):
        notice = privacy_notice(page, request)
        application = form.save(commit=False)
        application.consent_notice_id = notice.revision_id if notice else None
        application.consented_at = timezone.now()
        application.locale = page.locale
        application.source_page = page
        application.idempotency_key = idempotency_key
        application.join_volunteer()
        application.save()
        # A new record has no links to replace: add them (save_m2m's set() reads them first).
        for field in application._meta.many_to_many:
            if field.name in form.cleaned_data:
                getattr(application, field.name).add(*form.cleaned_data[field.name])
        return application

    def confirmation_secret(self, submission):
        # The confirmation shows the applicant a personal link to their page; the token
        # travels in the sender's confirmation cookie, and only its hash is stored.
        return ApplicantLink.issue(submission)

    def queue_emails(self, submission, page):
        return queue_emails(
            submission,
            page=page,
            confirmation_to=submission.email,
            confirmation_template="volunteer_signup/emails/application_confirmation",
            staff=staff_addresses(staff_recipients(VolunteerApplication)),
        )
