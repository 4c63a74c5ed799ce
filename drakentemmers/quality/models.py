"""The quality mark (kwaliteitskeurmerk): criteria the platform team sets, the member's signed declaration,
the team's reviews of criteria the platform has no data for, and the marks themselves.

A mark is valid from its award to `valid_until` (inclusive). While valid it may be "in notice": a criterion
lapsed, the member was told, and the mark is withdrawn when the grace period ends unmet. Whether a mark is
valid on a given day is `status_on(day)`, so a page never shows a mark valid after its end date even when the
daily job has not run yet.
"""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The text members sign; a new version (a changed text) needs a new signature. The text lives in the
# template quality/includes/declaration_text.html, translated; bump this when that text changes.
DECLARATION_VERSION = "2026-1"
NOTE_MAX_LENGTH = 1000


def mark_code() -> str:
    """The public verification code: unguessable (128 bits), URL-safe, short enough to print."""
    return secrets.token_urlsafe(16)


class CriterionKind(models.TextChoices):
    VERIFIED_REGISTRATION = "verified_registration", _("Verified registration")
    TRAINING_HOURS = "training_hours", _("Training hours")
    INTERVISION = "intervision", _("Intervision attendance")
    AVAILABILITY_CURRENT = "availability_current", _("Availability kept current")
    DECLARATION = "declaration", _("Signed declaration")


class QualityCriterion(models.Model):
    """One requirement for the mark, edited by the platform team. Only active criteria count."""

    kind = models.CharField(_("kind"), max_length=32, choices=CriterionKind.choices)
    threshold = models.DecimalField(
        _("threshold (N)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("For example the number of training hours or intervision meetings. Empty: not applicable."),
    )
    period_months = models.PositiveSmallIntegerField(
        _("period (months)"),
        null=True,
        blank=True,
        help_text=_("Counted over the last this many months. Empty: no period."),
    )
    description = models.TextField(
        _("description for members"),
        max_length=1000,
        help_text=_("What the criterion asks and what a member can do to meet it."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("quality criterion")
        verbose_name_plural = _("quality criteria")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def requirement(self) -> str:
        """ "at least 20 in the last 24 months", from the threshold and the period; empty when neither is set."""
        from django.utils.formats import number_format
        from django.utils.translation import gettext, ngettext

        parts = []
        if self.threshold is not None:
            parts.append(gettext("at least %(n)s") % {"n": number_format(self.threshold.normalize(), use_l10n=True)})
        if self.period_months:
            parts.append(
                ngettext("in the last %(months)s month", "in the last %(months)s months", self.period_months)
                % {"months": self.period_months}
            )
        return " ".join(parts)


class DeclarationSignature(models.Model):
    """A member signed the declaration text of `version` on `signed_on`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE, related_name="quality_signatures"
    )
    version = models.CharField(_("version"), max_length=16)
    signed_at = models.DateTimeField(_("signed at"))

    class Meta:
        verbose_name = _("signed declaration")
        verbose_name_plural = _("signed declarations")
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["user", "version", "signed_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.version}"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


class CriterionReview(models.Model):
    """The team's judgement of a criterion the platform has no data for (its evaluator said None).

    A member asks for it with a short statement; the team records met / not met with an evidence note. A
    result that is met holds until `valid_until`.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE, related_name="quality_reviews"
    )
    criterion = models.ForeignKey(
        QualityCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="reviews"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True
    )
    member_note = models.TextField(_("statement by the member"), max_length=NOTE_MAX_LENGTH, blank=True)
    evidence_note = models.TextField(_("evidence note"), max_length=NOTE_MAX_LENGTH, blank=True)
    valid_until = models.DateField(_("result valid until"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("criterion review")
        verbose_name_plural = _("criterion reviews")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "criterion"], condition=Q(status="pending"), name="quality_one_pending_review"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.criterion}"


class MarkStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class QualityMark(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE, related_name="quality_marks"
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True, default=mark_code)
    status = models.CharField(
        _("status"), max_length=16, choices=MarkStatus.choices, default=MarkStatus.VALID, db_index=True
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    notice_given_on = models.DateField(_("notice given on"), null=True, blank=True)
    notice_until = models.DateField(_("withdrawn after"), null=True, blank=True)
    # The end date the renewal reminder was sent for: one reminder per period, however often the job runs.
    renewal_reminded_for = models.DateField(_("renewal reminder sent for"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason"), max_length=NOTE_MAX_LENGTH, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when the team withdraws a mark by hand: the daily job then awards no new mark until the team allows it.
    blocks_new_award = models.BooleanField(_("no new mark until the team allows it"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("quality mark")
        verbose_name_plural = _("quality marks")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(status="valid"), name="quality_one_valid_mark"),
            models.CheckConstraint(condition=Q(valid_until__gte=models.F("valid_from")), name="quality_mark_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.valid_from}–{self.valid_until})"

    def status_on(self, day: date) -> str:
        if self.status == MarkStatus.VALID and day > self.valid_until:
            return MarkStatus.EXPIRED
        return self.status

    def is_valid_on(self, day: date) -> bool:
        return self.status_on(day) == MarkStatus.VALID

    @property
    def in_notice(self) -> bool:
        return self.status == MarkStatus.VALID and self.notice_given_on is not None
