"""Care requests (hulpvragen), their candidacies (therapists invited or offering), messages and status history.

A care request never identifies a client: the profile is categorical, the place is a municipality or a
postcode-4 area (never a street), and every free-text field passes the privacy guard before it is saved.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.workdays import add_working_days
from drakentemmers.directory.models import AgeBand, Setting


class RequestKind(models.TextChoices):
    CLIENT = "client_request", _("Care request for a client")
    STRUCTURAL = "structural_cooperation", _("Structural cooperation")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    TREATMENT_STARTED = "treatment_started", _("Treatment started")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


# Finished requests: nothing happens to them any more except anonymisation after the retention period.
FINAL_STATUSES = frozenset({RequestStatus.CLOSED, RequestStatus.WITHDRAWN, RequestStatus.EXPIRED})
# A handover exists from the confirmed match until the request is finished; after anonymisation it is gone.
HANDOVER_STATUSES = frozenset({RequestStatus.MATCHED, RequestStatus.TREATMENT_STARTED, RequestStatus.CLOSED})


class ClientType(models.TextChoices):
    ADULT = "adult", _("Adult")
    CHILD = "child", _("Child or young person")
    FAMILY = "family", _("Family system (parent and child)")


class ClientRole(models.TextChoices):
    VICTIM = "victim", _("Victim")
    PERPETRATOR = "perpetrator", _("Perpetrator")
    WITNESS = "witness", _("Witness (e.g. a child witnessing violence)")


class GenderPreference(models.TextChoices):
    NONE = "none", _("No preference")
    FEMALE = "female", _("Female therapist")
    MALE = "male", _("Male therapist")


class Urgency(models.TextChoices):
    HIGH = "high", _("High: start as soon as possible")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low: can wait")


class HoursUnit(models.TextChoices):
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")


NEXT_STEPS_MAX_LENGTH = 1000


class CareRequest(models.Model):
    kind = models.CharField(
        _("kind of request"), max_length=32, choices=RequestKind.choices, default=RequestKind.CLIENT
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="care_requests",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT, db_index=True
    )
    title = models.CharField(
        _("short description"),
        max_length=120,
        help_text=_("For your own overview, e.g. “Mother and child, EMDR, in the shelter”. No names."),
    )

    # Anonymous client profile (client requests only).
    client_type = models.CharField(_("client"), max_length=8, choices=ClientType.choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    client_role = models.CharField(_("role in the violence"), max_length=12, choices=ClientRole.choices, blank=True)
    problems = models.ManyToManyField(
        "directory.Expertise", verbose_name=_("main problems / expertise wanted"), blank=True, related_name="+"
    )
    methods = models.ManyToManyField("directory.Method", verbose_name=_("wanted methods"), blank=True, related_name="+")
    target_groups = models.ManyToManyField(
        "directory.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="+"
    )
    languages = models.ManyToManyField("directory.Language", verbose_name=_("languages"), blank=True, related_name="+")
    gender_preference = models.CharField(
        _("preference for the therapist's gender"),
        max_length=8,
        choices=GenderPreference.choices,
        default=GenderPreference.NONE,
    )

    # Where and how; the place is never more precise than a postcode-4 area.
    setting = models.CharField(_("setting"), max_length=16, choices=Setting.choices)
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    postcode_area = models.ForeignKey(
        "regions.PostcodeArea",
        verbose_name=_("postcode area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    max_distance_km = models.PositiveSmallIntegerField(
        _("maximum travel distance (km)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use each therapist's own travel radius."),
    )
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    earliest_start = models.DateField(_("earliest start"), null=True, blank=True)
    funding_routes = models.ManyToManyField(
        "directory.FundingRoute", verbose_name=_("funding"), blank=True, related_name="+"
    )
    offers_room = models.BooleanField(_("we offer a treatment room in our location"), default=False)
    offers_mentor = models.BooleanField(_("a mentor or case manager is involved"), default=False)
    offers_interpreter = models.BooleanField(_("we arrange an interpreter"), default=False)
    offers_other = models.CharField(_("we also offer"), max_length=255, blank=True)
    context = models.TextField(
        _("context"),
        max_length=3000,
        blank=True,
        help_text=_("What a therapist needs to know to decide. Never names, dates of birth, addresses or numbers."),
    )

    # Structural cooperation only.
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    hours_unit = models.CharField(_("per"), max_length=8, choices=HoursUnit.choices, blank=True)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)

    privacy_confirmed = models.BooleanField(
        _("possible personal data confirmed as not about the client"), default=False
    )
    # Agreed next steps after the match, written by the organisation and passed through the privacy guard;
    # it is the only free text that the printable handover summary carries.
    next_steps = models.TextField(_("agreed next steps"), max_length=NEXT_STEPS_MAX_LENGTH, blank=True)
    next_steps_updated_at = models.DateTimeField(_("next steps updated at"), null=True, blank=True)
    matched_therapist = models.ForeignKey(
        "directory.TherapistProfile",
        verbose_name=_("matched therapist"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matched_care_requests",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)
    treatment_started_at = models.DateTimeField(_("treatment started at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expiry_warned_at = models.DateTimeField(_("expiry warning sent at"), null=True, blank=True)
    kept_open_at = models.DateTimeField(_("kept open at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("care request")
        verbose_name_plural = _("care requests")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["status", "closed_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_structural(self) -> bool:
        return self.kind == RequestKind.STRUCTURAL

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def place_label(self) -> str:
        if self.postcode_area_id:
            return str(self.postcode_area)
        return str(self.municipality) if self.municipality_id else ""


class StatusChange(models.Model):
    """One transition of a care request: who, when, from, to. Written in the transaction of the change."""

    care_request = models.ForeignKey(CareRequest, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=RequestStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.care_request_id}: {self.from_status} → {self.to_status}"


class CandidacyStatus(models.TextChoices):
    OFFERED = "offered", _("Offered by the therapist")
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("No answer")


# Invitations still waiting for someone to act.
PENDING_CANDIDACY_STATUSES = frozenset({CandidacyStatus.OFFERED, CandidacyStatus.INVITED})
# An invited therapist is asked to answer within this many working days (reminded after, expired after 7).
ANSWER_WITHIN_WORKING_DAYS = 3


class DeclineReason(models.TextChoices):
    NO_PLACE = "no_place", _("No place")
    OUTSIDE_EXPERTISE = "outside_expertise", _("Outside my expertise")
    FUNDING = "funding", _("Funding")
    TRAVEL = "travel", _("Travel distance")
    OTHER = "other", _("Other")


class Candidacy(models.Model):
    care_request = models.ForeignKey(CareRequest, on_delete=models.CASCADE, related_name="candidacies")
    # SET_NULL: erasing a therapist must not delete the organisation's record of the request and its messages.
    therapist = models.ForeignKey(
        "directory.TherapistProfile",
        verbose_name=_("therapist"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidacies",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CandidacyStatus.choices, default=CandidacyStatus.INVITED, db_index=True
    )
    score = models.FloatField(_("ranking score"), null=True, blank=True)
    # The therapist offered themselves (reverse matching) rather than being invited. Such a therapist sees
    # only the request's summary until the organisation accepts the offer (see matching.permissions).
    offered_by_therapist = models.BooleanField(_("offered by the therapist"), default=False)
    decline_reason = models.CharField(_("reason"), max_length=20, choices=DeclineReason.choices, blank=True)
    decline_note = models.CharField(_("explanation"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("organisation told at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["care_request", "therapist"], name="unique_candidacy_per_therapist")
        ]

    def __str__(self) -> str:
        return f"{self.care_request_id} → {self.therapist_id} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_CANDIDACY_STATUSES

    @property
    def answer_deadline(self) -> date:
        """The last working day on which the invited therapist is asked to answer."""
        return add_working_days(timezone.localdate(self.created_at), ANSWER_WITHIN_WORKING_DAYS)

    @property
    def is_overdue(self) -> bool:
        """Invited, not answered, and the answer date has passed (shown to both sides, in words)."""
        return self.status == CandidacyStatus.INVITED and timezone.localdate() > self.answer_deadline

    @property
    def reveals_request(self) -> bool:
        """Whether the therapist may see the whole request, the organisation and the thread.

        Invited therapists may; one who offered themselves only once the organisation accepted the offer.
        """
        return not self.offered_by_therapist or self.status == CandidacyStatus.ACCEPTED
