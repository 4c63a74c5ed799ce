"""Writes of the learning app: trainings, sessions, enrolment with waitlist and offers, attendance, certificates.

No overbooking: every change to who holds a place runs under `SELECT ... FOR UPDATE` on the training row,
so concurrent enrolments for the last place queue behind each other and the second sees the place taken.
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_queue_template

from .models import (
    PLACE_HOLDING,
    Accreditation,
    Attendance,
    CalendarToken,
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    Session,
    Training,
    TrainingStatus,
    calendar_token_new,
    certificate_code_new,
)

# How long a person promoted from the waiting list has to accept the place.
OFFER_VALID_FOR = timedelta(hours=48)
# Reminders before the first session.
REMIND_WEEK_BEFORE = timedelta(days=7)
REMIND_DAY_BEFORE = timedelta(days=1)


def _locked(training: Training) -> Training:
    return Training.objects.select_for_update().get(pk=training.pk)


def places_taken(training: Training) -> int:
    return Enrolment.objects.filter(training=training, status__in=PLACE_HOLDING).count()


@transaction.atomic
def training_save(*, form, by) -> Training:
    """Save a staff training form (fields and relations); when places were added, offer them to the waiting list."""
    training = form.save(commit=False)
    privacy_assert_storable({"description": training.description, "materials": training.materials})
    was = Training.objects.filter(pk=training.pk).values_list("status", flat=True).first() if training.pk else None
    if not training.pk:
        training.created_by = by
    training.full_clean()
    training.save()
    form.save_m2m()
    locked = _locked(training)
    if training.status == TrainingStatus.CANCELLED and was != TrainingStatus.CANCELLED:
        _tell_cancelled(locked)
    else:
        _offer_free_places(locked)
    return training


def _tell_cancelled(training: Training) -> int:
    """The training is called off: everybody holding or waiting for a place hears it (once, on the change)."""
    running = (EnrolmentStatus.ENROLLED, EnrolmentStatus.OFFERED, EnrolmentStatus.WAITLISTED)
    enrolments = list(Enrolment.objects.filter(training=training, status__in=running).select_related("user"))
    for enrolment in enrolments:
        _send(enrolment, "training_cancelled")
    return len(enrolments)


@transaction.atomic
def session_add(*, training: Training, starts_at: datetime, ends_at: datetime) -> Session:
    session = Session(training=training, starts_at=starts_at, ends_at=ends_at)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The session must end after it starts.")})
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def session_delete(*, session: Session) -> None:
    if session.attendances.filter(present=True).exists():
        raise ValidationError(_("Attendance was recorded for this session; it can no longer be removed."))
    session.delete()


@transaction.atomic
def accreditation_set(*, training: Training, body: str, points) -> Accreditation:
    accreditation, _created = Accreditation.objects.update_or_create(
        training=training, body=body, defaults={"points": points}
    )
    return accreditation


def _send(enrolment: Enrolment, template: str, **context) -> None:
    email_queue_template(
        to=[enrolment.user.email],
        template_prefix=f"learning/email/{template}",
        context={"enrolment": enrolment, "training": enrolment.training, **context},
        language=enrolment.user.preferred_language,
    )


@transaction.atomic
def training_enrol(*, training: Training, user, audience: str, organisation_name: str = "", now=None) -> Enrolment:
    """Enrol `user`: a place if one is free, otherwise the waiting list. Never more places than capacity.

    Raises ValidationError when the training is not open (not published, deadline passed) or the user
    already holds a place or waits for one.
    """
    now = now or timezone.now()
    training = _locked(training)
    if training.status != TrainingStatus.PUBLISHED:
        raise ValidationError(_("This training is not open for enrolment."))
    if training.enrolment_deadline < now:
        raise ValidationError(_("The enrolment deadline of this training has passed."))
    privacy_assert_storable({"organisation_name": organisation_name})
    enrolment = Enrolment.objects.filter(training=training, user=user).first()
    if enrolment is not None and enrolment.status not in (EnrolmentStatus.CANCELLED, EnrolmentStatus.EXPIRED):
        raise ValidationError(_("You are already enrolled or on the waiting list for this training."))
    enrolment = enrolment or Enrolment(training=training, user=user)
    enrolment.audience = audience
    enrolment.organisation_name = organisation_name
    enrolment.cancelled_at = enrolment.offer_expires_at = None
    # Someone already waiting comes first: a free place is theirs (it is being offered to them).
    waiting = Enrolment.objects.filter(training=training, status=EnrolmentStatus.WAITLISTED).exists()
    if places_taken(training) < training.capacity and not waiting:
        enrolment.status = EnrolmentStatus.ENROLLED
        enrolment.queued_at = None
    else:
        enrolment.status = EnrolmentStatus.WAITLISTED
        enrolment.queued_at = now
    enrolment.full_clean()
    enrolment.save()
    _send(enrolment, "enrolled" if enrolment.status == EnrolmentStatus.ENROLLED else "waitlisted")
    return enrolment


def _offer_free_places(training: Training, now=None) -> list[Enrolment]:
    """Offer every free place to the next on the waiting list (caller holds the training lock)."""
    now = now or timezone.now()
    offered = []
    free = training.capacity - places_taken(training)
    if free <= 0 or training.status != TrainingStatus.PUBLISHED:
        return offered
    queue = Enrolment.objects.filter(training=training, status=EnrolmentStatus.WAITLISTED).select_related("user")
    for enrolment in queue.order_by("queued_at", "pk")[:free]:
        enrolment.status = EnrolmentStatus.OFFERED
        enrolment.offer_expires_at = now + OFFER_VALID_FOR
        enrolment.save(update_fields=["status", "offer_expires_at"])
        _send(enrolment, "offer")
        offered.append(enrolment)
    return offered


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, now=None) -> Enrolment:
    """Cancel a place, a waiting-list spot or an offer; a freed place is offered to the next person."""
    now = now or timezone.now()
    training = _locked(enrolment.training)
    enrolment = Enrolment.objects.select_related("user", "training").get(pk=enrolment.pk)
    if enrolment.status in (EnrolmentStatus.CANCELLED, EnrolmentStatus.EXPIRED):
        raise ValidationError(_("This enrolment was already cancelled."))
    if enrolment.attendances.filter(present=True).exists():
        raise ValidationError(_("You attended this training already; the enrolment can no longer be cancelled."))
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.cancelled_at = now
    enrolment.offer_expires_at = None
    enrolment.save(update_fields=["status", "cancelled_at", "offer_expires_at"])
    _offer_free_places(training, now=now)
    return enrolment


@transaction.atomic
def offer_accept(*, enrolment: Enrolment, now=None) -> Enrolment:
    now = now or timezone.now()
    _locked(enrolment.training)
    enrolment = Enrolment.objects.select_related("user", "training").get(pk=enrolment.pk)
    if enrolment.status != EnrolmentStatus.OFFERED or enrolment.offer_expires_at < now:
        raise ValidationError(_("This offer is no longer valid."))
    enrolment.status = EnrolmentStatus.ENROLLED
    enrolment.offer_expires_at = None
    enrolment.save(update_fields=["status", "offer_expires_at"])
    _send(enrolment, "enrolled")
    return enrolment


def offers_expire(*, now=None) -> int:
    """Expire offers past their time and offer the place to the next person. Idempotent; returns the count."""
    now = now or timezone.now()
    expired = 0
    due = Enrolment.objects.filter(status=EnrolmentStatus.OFFERED, offer_expires_at__lt=now)
    for training_id in set(due.values_list("training_id", flat=True)):
        with transaction.atomic():
            training = Training.objects.select_for_update().get(pk=training_id)
            rows = list(due.filter(training=training).select_related("user", "training"))
            for enrolment in rows:
                enrolment.status = EnrolmentStatus.EXPIRED
                enrolment.save(update_fields=["status"])
                _send(enrolment, "offer_expired")
            expired += len(rows)
            _offer_free_places(training, now=now)
    return expired


def reminders_send(*, now=None) -> dict[str, int]:
    """Remind enrolled people a week and a day before the first session; each reminder at most once."""
    now = now or timezone.now()
    sent = {"week": 0, "day": 0}
    for kind, before, field in (
        ("day", REMIND_DAY_BEFORE, "reminded_day_at"),
        ("week", REMIND_WEEK_BEFORE, "reminded_week_at"),
    ):
        due = Enrolment.objects.filter(
            status=EnrolmentStatus.ENROLLED,
            training__status=TrainingStatus.PUBLISHED,
            training__sessions__starts_at__gt=now,
            **{f"{field}__isnull": True},
        ).select_related("user", "training")
        for enrolment in due.distinct():
            first = enrolment.training.sessions.order_by("starts_at").first()
            if first is None or not (now < first.starts_at <= now + before):
                continue
            if kind == "week" and enrolment.reminded_day_at is not None:
                continue
            with transaction.atomic():
                claimed = Enrolment.objects.filter(pk=enrolment.pk, **{f"{field}__isnull": True}).update(**{field: now})
                if claimed:
                    _send(enrolment, f"reminder_{kind}", session=first)
                    sent[kind] += 1
    return sent


@transaction.atomic
def attendance_mark(*, session: Session, present_ids: set[int], by, now=None) -> int:
    """Record who was present at a session (enrolled people only); returns the number present."""
    now = now or timezone.now()
    if session.starts_at > now:
        raise ValidationError(_("Attendance can be recorded once the session has started."))
    enrolments = Enrolment.objects.filter(training=session.training_id, status=EnrolmentStatus.ENROLLED)
    count = 0
    for enrolment in enrolments:
        present = enrolment.pk in present_ids
        Attendance.objects.update_or_create(
            session=session, enrolment=enrolment, defaults={"present": present, "marked_by": by}
        )
        count += present
    return count


def certificate_eligible(enrolment: Enrolment) -> bool:
    """Enrolled, and present at every session of the training."""
    if enrolment.status != EnrolmentStatus.ENROLLED:
        return False
    sessions = enrolment.training.sessions.count()
    present = enrolment.attendances.filter(present=True).count()
    return sessions > 0 and present == sessions


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, now=None) -> Enrolment:
    """Give the enrolment its unguessable certificate code (once; the same code on every download)."""
    if not certificate_eligible(enrolment):
        raise PermissionDenied(_("A certificate is available after you attended every session."))
    if not enrolment.certificate_code:
        enrolment.certificate_code = certificate_code_new()
        enrolment.certificate_issued_at = now or timezone.now()
        enrolment.save(update_fields=["certificate_code", "certificate_issued_at"])
    return enrolment


def calendar_token_for(user) -> CalendarToken:
    return CalendarToken.objects.get_or_create(user=user)[0]


@transaction.atomic
def calendar_token_reset(*, user) -> CalendarToken:
    """A new secret for the user's feed; the old feed URL stops working at once."""
    token, created = CalendarToken.objects.get_or_create(user=user)
    if not created:
        token.token = calendar_token_new()
        token.save(update_fields=["token", "created_at"])
    return token


def evaluation_open(enrolment: Enrolment) -> bool:
    """Whether the participant may evaluate: enrolled, present at least once, not evaluated yet."""
    return (
        enrolment.status == EnrolmentStatus.ENROLLED
        and enrolment.attendances.filter(present=True).exists()
        and not Evaluation.objects.filter(enrolment=enrolment).exists()
    )


@transaction.atomic
def evaluation_submit(*, enrolment: Enrolment, overall: int, usefulness: int, comments: str = "") -> Evaluation:
    if not evaluation_open(enrolment):
        raise ValidationError(_("You can evaluate a training once, after attending it."))
    privacy_assert_storable({"comments": comments})
    evaluation = Evaluation(enrolment=enrolment, overall=overall, usefulness=usefulness, comments=comments)
    evaluation.full_clean()
    evaluation.save()
    return evaluation
