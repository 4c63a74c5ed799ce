"""Trainings, their sessions, enrolments (with waitlist and offers), attendance and calendar tokens.

A place is taken by an enrolment that is ENROLLED or OFFERED (an offer holds the place until it is accepted
or expires); the services count those under a lock on the training row, so a training never overbooks.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    THERAPISTS = "therapists", _("Therapists")
    HBO = "hbo", _("HBO-trained professionals")
    REFERRING = "referring", _("Referring professionals")


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    ADVANCED = "advanced", _("Advanced")
    EXPERT = "expert", _("Expert")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class TrainingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class ProfessionalBody(models.TextChoices):
    NIP = "nip", _("NIP")
    NVO = "nvo", _("NVO")
    FGZPT = "fgzpt", _("FGzPt")
    NVP = "nvp", _("NVP")
    SKJ = "skj", _("SKJ")
    BPSW = "bpsw", _("BPSW")
    V_VN = "vvn", _("V&VN")


class Training(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.INTRODUCTORY)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices, default=Format.IN_PERSON)
    status = models.CharField(
        _("status"), max_length=16, choices=TrainingStatus.choices, default=TrainingStatus.DRAFT, db_index=True
    )
    regions = models.ManyToManyField(
        "regions.Region",
        verbose_name=_("regions"),
        blank=True,
        related_name="+",
        help_text=_("The regions the training is meant for. Leave empty for a national training."),
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=_("municipality of the venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A training venue (a conference centre, an office), never a shelter: shelter addresses stay secret.
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address of the venue"), max_length=200, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), blank=True, related_name="trainings_given"
    )
    capacity = models.PositiveIntegerField(_("number of places"))
    price = models.DecimalField(
        _("price (euro)"), max_digits=8, decimal_places=2, default=Decimal("0"), help_text=_("0 means free.")
    )
    enrolment_deadline = models.DateTimeField(_("enrolment deadline"))
    materials = models.TextField(_("materials"), max_length=5000, blank=True)
    methods = models.ManyToManyField(
        "directory.Method", verbose_name=_("methods covered"), blank=True, related_name="+"
    )
    target_groups = models.ManyToManyField(
        "directory.TargetGroup", verbose_name=_("target groups covered"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["enrolment_deadline", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(price__gte=0), name="learning_training_price_gte_0")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_free(self) -> bool:
        return not self.price

    @property
    def free_places(self) -> int:
        """Places left; needs the `taken` annotation of learning.selectors (0 taken without it)."""
        return max(self.capacity - getattr(self, "taken", 0), 0)


class Accreditation(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="accreditations")
    body = models.CharField(_("professional body"), max_length=16, choices=ProfessionalBody.choices)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["body"]
        constraints = [models.UniqueConstraint(fields=["training", "body"], name="learning_accreditation_once")]

    def __str__(self) -> str:
        return f"{self.get_body_display()}: {self.points}"


class Session(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="learning_session_ends")
        ]

    def __str__(self) -> str:
        return f"{self.training}: {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def hours(self) -> Decimal:
        return (Decimal((self.ends_at - self.starts_at).total_seconds()) / 3600).quantize(Decimal("0.1"))


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waiting list")
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Offer expired")


# The statuses that hold one of the training's places.
PLACE_HOLDING = (EnrolmentStatus.ENROLLED, EnrolmentStatus.OFFERED)


def certificate_code_new() -> str:
    return secrets.token_urlsafe(16)


class Enrolment(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    audience = models.CharField(_("you take part as"), max_length=16, choices=Audience.choices)
    organisation_name = models.CharField(_("organisation you work for"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=EnrolmentStatus.choices, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The waiting list runs in order of this moment (set again when someone re-joins it).
    queued_at = models.DateTimeField(_("joined the waiting list at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_week_at = models.DateTimeField(null=True, blank=True)
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    certificate_code = models.CharField(max_length=32, unique=True, null=True, blank=True)
    certificate_issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["training", "user"], name="learning_enrolment_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.training}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("present"), default=False)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="learning_attendance_once")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} @ {self.session_id}: {self.present}"


def calendar_token_new() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret in a person's 'my trainings' feed URL; regenerating it revokes the old URL."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_calendar")
    token = models.CharField(max_length=64, unique=True, default=calendar_token_new)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar token of {self.user_id}"


class Evaluation(models.Model):
    """A participant's short evaluation after attending; the team sees averages and comments, never names."""

    RATINGS = [(value, str(value)) for value in range(1, 6)]

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="evaluation")
    overall = models.PositiveSmallIntegerField(_("overall, from 1 (poor) to 5 (excellent)"), choices=RATINGS)
    usefulness = models.PositiveSmallIntegerField(
        _("useful for your work, from 1 (not at all) to 5 (very)"), choices=RATINGS
    )
    comments = models.TextField(_("what should we keep or change?"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overall__range=(1, 5), usefulness__range=(1, 5)), name="learning_evaluation_range"
            )
        ]

    def __str__(self) -> str:
        return f"evaluation of {self.enrolment_id}"
