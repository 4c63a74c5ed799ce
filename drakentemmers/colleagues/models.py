"""The colleague network: intervision groups and their meetings, supervision, and case consultation.

Members are verified therapists (trainees included: their profile's registration kind says "trainee").
Free text that may describe a client (consultation questions and replies, the group space) goes through
the privacy guard in forms and services.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 150
TEXT_MAX_LENGTH = 5000


class IntervisionGroup(models.Model):
    name = models.CharField(_("name"), max_length=120)
    theme = models.CharField(_("theme"), max_length=120, blank=True, help_text=_("For example: EMDR with children."))
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("facilitator"), on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("intervision group")
        verbose_name_plural = _("intervision groups")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Asked to join")
    ACCEPTED = "accepted", _("Member")
    DECLINED = "declined", _("Not accepted")
    LEFT = "left", _("Left the group")


class GroupMembership(models.Model):
    group = models.ForeignKey(IntervisionGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intervision_memberships")
    status = models.CharField(_("status"), max_length=16, choices=MembershipStatus.choices)
    requested_at = models.DateTimeField(_("asked at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="colleagues_membership_unique")]
        indexes = [models.Index(fields=["user", "status"], name="colleagues_membership_user")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id}: {self.status}"


class Meeting(models.Model):
    group = models.ForeignKey(IntervisionGroup, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(
        _("where"), max_length=120, help_text=_("A place name or 'online'; never a street address.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Stable across edits, so a calendar updates the event instead of adding a second one.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="colleagues_meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.starts_at:%Y-%m-%d %H:%M}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="colleagues_attendance_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} at {self.meeting_id}: {self.present}"


class SupervisionOffer(models.Model):
    """A therapist says they supervise (one row per therapist; switched off rather than deleted)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_offer")
    is_active = models.BooleanField(_("I offer supervision"), default=True)
    description = models.TextField(
        _("about your supervision"),
        max_length=1000,
        help_text=_("Your registration as a supervisor, how you work and what a trainee can expect."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("supervision offer")
        verbose_name_plural = _("supervision offers")

    def __str__(self) -> str:
        return str(self.user)


class SupervisionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class SupervisionRequest(models.Model):
    trainee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_asked")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_received"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SupervisionStatus.choices, default=SupervisionStatus.PENDING
    )
    thread = models.ForeignKey(
        "conversations.Thread", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervision request")
        verbose_name_plural = _("supervision requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "supervisor"],
                condition=Q(status="pending"),
                name="colleagues_supervision_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.trainee_id} → {self.supervisor_id}: {self.status}"


class Consultation(models.Model):
    """An anonymised case question to the whole network (group empty) or to one intervision group."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="consultations"
    )
    group = models.ForeignKey(
        IntervisionGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    question = models.TextField(_("question"), max_length=TEXT_MAX_LENGTH)
    privacy_confirmed = models.BooleanField(
        _("possible personal data confirmed as not about the client"), default=False
    )
    accepted_reply = models.OneToOneField(
        "ConsultationReply", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answer accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case consultation")
        verbose_name_plural = _("case consultations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["group", "-created_at"], name="colleagues_consult_recent")]

    def __str__(self) -> str:
        return self.title


class ConsultationReply(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("reply"), max_length=TEXT_MAX_LENGTH)
    privacy_confirmed = models.BooleanField(
        _("possible personal data confirmed as not about the client"), default=False
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.created_at:%Y-%m-%d %H:%M}"


class ConsultationFollow(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [models.UniqueConstraint(fields=["consultation", "user"], name="colleagues_follow_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.consultation_id}"
