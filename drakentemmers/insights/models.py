"""Bottlenecks and good practices from practice (knelpunten en good practices), with endorsements and moderation.

A report never stores who sent it: no user, no e-mail address, no IP address. A logged-in member's role and
the reporting-unit region of their work are kept (both coarse, both useful to the policy report); an anonymous
submitter's self-declared role only. A moderator's edit for anonymity overwrites the text; the moderation log
records what was done, never the removed text (see services.report_edit).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 4000
SHORT_TEXT_MAX_LENGTH = 2000
COMMENT_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000


class ReportKind(models.TextChoices):
    BOTTLENECK = "bottleneck", _("Bottleneck")
    GOOD_PRACTICE = "good_practice", _("Good practice")


class Theme(models.TextChoices):
    NEED = "need", _("Need")
    AVAILABILITY = "availability", _("Availability")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    EFFECTIVENESS = "effectiveness", _("Effectiveness")
    FUNDING = "funding", _("Funding")
    WAITING_TIMES = "waiting_times", _("Waiting times")
    COOPERATION = "cooperation", _("Cooperation")
    OTHER = "other", _("Other")


class TargetGroup(models.TextChoices):
    ADULTS = "adults", _("Adults")
    CHILDREN = "children", _("Children and young people")
    FAMILIES = "families", _("Families")
    VICTIMS = "victims", _("Victims")
    PERPETRATORS = "perpetrators", _("Perpetrators")
    PROFESSIONALS = "professionals", _("Professionals")
    EVERYONE = "everyone", _("Everyone / not specific")


class SubmitterRole(models.TextChoices):
    THERAPIST = "therapist", _("Therapist")
    ORG_STAFF = "org_staff", _("Professional at an organisation")
    COORDINATOR = "coordinator", _("Regional coordinator")
    EXPERT_BY_EXPERIENCE = "expert_by_experience", _("Expert by experience")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged into another report")


class Report(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices)
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices, db_index=True)
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("regions"), blank=True, related_name="insight_reports"
    )
    target_group = models.CharField(_("target group"), max_length=16, choices=TargetGroup.choices)
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH)
    effect = models.TextField(_("effect"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    suggested_action = models.TextField(_("suggested action"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    # Coarse facts about the sender only: never a user, an e-mail address or an IP address.
    submitter_role = models.CharField(_("submitted by (role)"), max_length=24, choices=SubmitterRole.choices)
    submitter_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region of the submitter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.PENDING, db_index=True
    )
    is_public = models.BooleanField(_("shown publicly"), default=False)
    rejection_reason = models.TextField(_("reason for rejection"), max_length=REASON_MAX_LENGTH, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    # Set by the daily digest (services.moderation_digest_send), so no report is announced twice.
    moderators_notified_at = models.DateTimeField(_("moderators notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bottleneck or good practice")
        verbose_name_plural = _("bottlenecks and good practices")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "kind", "theme"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(is_public=True) | models.Q(status="accepted"), name="insight_public_is_accepted"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}: {self.get_theme_display()}"

    @property
    def title(self) -> str:
        """A short line for lists: the first words of the description (no separate title to keep anonymous)."""
        first = self.description.strip().splitlines()[0] if self.description.strip() else ""
        return first if len(first) <= 90 else first[:87].rstrip() + "…"

    @property
    def description_continues(self) -> bool:
        """Whether the description says more than the title (a long first line, or more lines)."""
        return self.title != self.description.strip()


class ModerationAction(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    EDITED = "edited", _("Edited for anonymity")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged into another report")
    ABSORBED = "absorbed", _("Absorbed a duplicate")
    PUBLISHED = "published", _("Shown publicly")
    UNPUBLISHED = "unpublished", _("No longer shown publicly")


class ModerationLogEntry(models.Model):
    """What a moderator did to a report: the action and the names of changed fields, never removed text."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="moderation_log")
    action = models.CharField(_("action"), max_length=16, choices=ModerationAction.choices)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moderator"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    fields_changed = models.CharField(_("fields changed"), max_length=255, blank=True)
    other_report = models.ForeignKey(
        Report, verbose_name=_("other report"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.get_action_display()}"


class Endorsement(models.Model):
    """'Dit herken ik': one per member per report, with the member's region at that moment."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="insight_endorsements")
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="unique_insight_endorsement")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.report_id}"


class Comment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="insight_comments"
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.body[:40]}"
