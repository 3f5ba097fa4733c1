"""The volunteer as a person, and the personal links that open an applicant's own page.

A volunteer is who applied, not what they sent: every application, a repeat one too,
belongs to one ``Volunteer``, and what comes after acceptance (sign-ups, hours,
certificates) will belong to the volunteer, so it outlives the retention of the
application that started it. The volunteer row holds no personal data of its own: the
name and contact details are those of their applications, which retention anonymises
or deletes; a volunteer left without any application is deleted with the last one, unless
hours of theirs count: those stay, without a person (``volunteer_signup/signals.py``).

Applicants are not Django users. Their page opens through a personal link: a random
token of ours, sent in the confirmation and in every email about the application,
stored only as its SHA-256 hash, valid for ``PERSONAL_LINK_DAYS`` and revocable.
Opening the link shows a button; only pressing it (a POST) exchanges the token for a
signed cookie naming the link, so a mail scanner that fetches every link in a message
opens nothing. Whoever holds the link sees one application: the one it was made for.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from submissions.models.submission import REFERENCE_ALPHABET


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class Volunteer(models.Model):
    """One person who applied to volunteer, however many times."""

    reference = models.CharField(_("volunteer number"), max_length=20, unique=True, editable=False)
    created_at = models.DateTimeField(_("first applied"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")

    def __str__(self):
        return self.reference

    def forget_own_words(self):
        """Once no application names the volunteer, what they wrote about hours they
        reported goes (the hours still count); reports nobody can judge any more go too."""
        self.reported_hours.filter(status="pending").delete()
        self.reported_hours.update(description="", reason="")

    def keep_only_what_counts(self):
        """The volunteer's last application is gone (retention deleted it): the hours that
        count stay, as numbers without a person, so past reports and figures do not change.
        Returns False when nothing counts, and the volunteer can go altogether."""
        came = self.signups.filter(status="booked", attendance__in=["attended", "late"])
        approved = self.reported_hours.filter(status="approved")
        if not came.exists() and not approved.exists():
            return False
        self.signups.exclude(pk__in=came.values("pk")).delete()
        self.forget_own_words()
        return True

    def save(self, *args, **kwargs):
        # Eight characters of 30 (6.6 × 10¹¹ numbers), not checked before the insert: the
        # unique index refuses the rare clash, and the form then asks to send again.
        if not self.reference:
            self.reference = "VLT-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        super().save(*args, **kwargs)


class ApplicantLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())

    def revoke(self):
        return self.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())

    def last_opened(self):
        """When the applicant last opened their page with one of these links, or None."""
        return self.aggregate(last=models.Max("last_opened_at"))["last"]


class ApplicantLink(models.Model):
    """A personal link to one application's page, kept as the hash of its token."""

    application = models.ForeignKey(
        "volunteer_signup.VolunteerApplication", on_delete=models.CASCADE, related_name="links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicantLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal link")

    def __str__(self):
        return f"{self.application} · {self.created_at:%Y-%m-%d}"

    @classmethod
    def issue(cls, application):
        """A new link for ``application``; returns the token, which is never stored."""
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        cls.objects.create(
            application=application,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + timedelta(days=settings.PERSONAL_LINK_DAYS),
        )
        return token

    @classmethod
    def find(cls, token):
        """The active link with this token, or None (unknown, expired or revoked)."""
        if not token or len(token) > 100:
            return None
        return cls.objects.active().select_related("application").filter(token_hash=hash_token(token)).first()

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
