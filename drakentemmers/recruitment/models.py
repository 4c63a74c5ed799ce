"""Colleague invitations, the addresses that asked not to be invited, region targets and reminder state."""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.models import InvitationStatus, TokenInvitation

# A personal link to join stays valid this long.
COLLEAGUE_INVITATION_VALID_DAYS = 21
NOTE_MAX_LENGTH = 1000


def email_hash(email: str, *, key: str | None = None) -> str:
    """HMAC-SHA256 of the lower-cased, stripped address with SECRET_KEY: recognisable, not readable.

    Keyed, so a leaked table cannot be matched against a list of addresses without the key.
    """
    normalised = (email or "").strip().lower().encode()
    return hmac.new((key or settings.SECRET_KEY).encode(), normalised, hashlib.sha256).hexdigest()


def email_hashes(email: str) -> list[str]:
    """The hash under SECRET_KEY and under each SECRET_KEY_FALLBACKS: an opt-out survives a key rotation."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [email_hash(email, key=key) for key in keys]


class ColleagueInvitation(TokenInvitation):
    """A member or coordinator invites a therapist to join, with a personal note; the link works once.

    Accepting gives the invitee a draft therapist profile (the wizard continues from there); the therapist
    role comes, as for everyone, when the profile is submitted. `region` is the reporting region the
    colleague works in, as the inviter said, so coordinators see invitations per region.
    """

    VALID_DAYS = COLLEAGUE_INVITATION_VALID_DAYS
    # Emptied with the address when an invitation nobody accepted is past its retention (core.retention).
    RETENTION_CLEAR = {"note": ""}

    note = models.TextField(_("personal note"), max_length=NOTE_MAX_LENGTH, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(TokenInvitation.Meta):
        verbose_name = _("colleague invitation")
        verbose_name_plural = _("colleague invitations")
        indexes = [models.Index(fields=["created_at"]), models.Index(fields=["email"])]

    def __str__(self) -> str:
        return f"{self.email or '—'} ({self.created_at:%Y-%m-%d})" if self.created_at else self.email

    @property
    def status_label(self) -> str:
        return str(InvitationStatus(self.status).label)

    def get_absolute_url(self) -> str:
        return reverse("recruitment:invitation", args=[self.token])

    def grant(self, user):
        """A draft therapist profile: the sign-up wizard starts from it."""
        from drakentemmers.directory.services import therapist_profile_get_or_create

        return therapist_profile_get_or_create(user=user)


class InvitationOptOut(models.Model):
    """Someone asked never to be invited again. Only the keyed hash of the address is kept (models.email_hash)."""

    email_hash = models.CharField(_("address hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("do-not-invite entry")
        verbose_name_plural = _("do-not-invite list")

    def __str__(self) -> str:
        return self.email_hash[:12]


class RecruitmentTarget(models.Model):
    """How many verified members the platform team aims for in one region of the reporting unit."""

    region = models.OneToOneField(
        "regions.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="recruitment_target"
    )
    target = models.PositiveIntegerField(_("target (verified members)"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("recruitment target")
        verbose_name_plural = _("recruitment targets")
        ordering = ["region__name"]

    def __str__(self) -> str:
        return f"{self.region}: {self.target}"


class ProfileReminder(models.Model):
    """Reminder state for one person's unfinished profile: how many were sent, and whether they opted out."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="profile_reminder"
    )
    sent_count = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_sent_at = models.DateTimeField(_("last reminder sent"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("profile reminder")
        verbose_name_plural = _("profile reminders")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.sent_count}"
