"""Enrolment, waiting list, promotion with a time-limited offer, cancellation and offer expiry."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone, translation

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.models import OutgoingEmail
from drakentemmers.learning import services
from drakentemmers.learning.models import Audience, EnrolmentStatus, TrainingStatus
from drakentemmers.learning.selectors import AMSTERDAM

from .factories import training_with_session

pytestmark = pytest.mark.django_db


def _enrol(training, user=None):
    return services.training_enrol(training=training, user=user or make_user(), audience=Audience.REFERRING)


def test_enrolments_beyond_capacity_go_to_the_waiting_list_in_order():
    training = training_with_session(capacity=2)
    first, second, third, fourth = (_enrol(training) for _ in range(4))
    assert [e.status for e in (first, second)] == [EnrolmentStatus.ENROLLED] * 2
    assert [e.status for e in (third, fourth)] == [EnrolmentStatus.WAITLISTED] * 2
    assert third.queued_at <= fourth.queued_at
    subjects = list(OutgoingEmail.objects.order_by("pk").values_list("subject", flat=True))
    assert len(subjects) == 4 and "wachtlijst" in subjects[-1].lower()


def test_cancelling_a_place_offers_it_to_the_first_waiting_for_48_hours_by_email():
    training = training_with_session(capacity=1)
    holder = _enrol(training)
    waiting = _enrol(training)
    later = _enrol(training)
    now = timezone.now()
    services.enrolment_cancel(enrolment=holder, now=now)
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.status == EnrolmentStatus.OFFERED
    assert waiting.offer_expires_at == now + services.OFFER_VALID_FOR
    assert later.status == EnrolmentStatus.WAITLISTED
    offer_mail = OutgoingEmail.objects.filter(to=[waiting.user.email]).order_by("pk").last()
    assert f"/scholing/{training.pk}/" in offer_mail.body_text
    # The e-mail says until when the place is kept, in Dutch and in Amsterdam time.
    with translation.override("nl"):
        until = dateformat.format((now + services.OFFER_VALID_FOR).astimezone(AMSTERDAM), "j F Y H:i")
    assert until in offer_mail.body_text
    # The offered place is held: a newcomer waits behind.
    assert _enrol(training).status == EnrolmentStatus.WAITLISTED


def test_accepting_an_offer_enrols_and_an_expired_offer_moves_on():
    training = training_with_session(capacity=1)
    holder, first, second = _enrol(training), _enrol(training), _enrol(training)
    now = timezone.now()
    services.enrolment_cancel(enrolment=holder, now=now)
    assert services.offers_expire(now=now + timedelta(hours=47)) == 0
    assert services.offers_expire(now=now + timedelta(hours=49)) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == EnrolmentStatus.EXPIRED
    assert second.status == EnrolmentStatus.OFFERED
    with pytest.raises(ValidationError):
        services.offer_accept(enrolment=first)
    services.offer_accept(enrolment=second)
    second.refresh_from_db()
    assert second.status == EnrolmentStatus.ENROLLED
    assert services.offers_expire(now=now + timedelta(days=10)) == 0  # idempotent: nothing left to expire


def test_declining_an_offer_offers_the_place_to_the_next():
    training = training_with_session(capacity=1)
    holder, first, second = _enrol(training), _enrol(training), _enrol(training)
    services.enrolment_cancel(enrolment=holder)
    first.refresh_from_db()
    services.enrolment_cancel(enrolment=first)
    second.refresh_from_db()
    assert second.status == EnrolmentStatus.OFFERED


def test_raising_the_capacity_offers_the_new_places():
    from drakentemmers.learning.forms import TrainingForm

    training = training_with_session(capacity=1)
    _enrol(training)
    waiting = _enrol(training)
    form = TrainingForm(instance=training)
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(capacity=2, venue_confirm="on", municipality_name="Utrecht", methods=[], target_groups=[])
    data["enrolment_deadline"] = training.enrolment_deadline.strftime("%Y-%m-%dT%H:%M")
    form = TrainingForm(data, instance=training)
    assert form.is_valid(), form.errors
    services.training_save(form=form, by=make_user())
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.OFFERED


def test_enrolment_is_refused_after_the_deadline_twice_or_for_a_draft():
    training = training_with_session(enrolment_deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="inschrijftermijn"):
        _enrol(training)
    training = training_with_session()
    user = make_user()
    _enrol(training, user)
    with pytest.raises(ValidationError, match="al ingeschreven"):
        _enrol(training, user)
    draft = training_with_session(status=TrainingStatus.DRAFT)
    with pytest.raises(ValidationError):
        _enrol(draft)


def test_someone_who_cancelled_can_enrol_again():
    training = training_with_session(capacity=3)
    user = make_user()
    enrolment = _enrol(training, user)
    services.enrolment_cancel(enrolment=enrolment)
    again = _enrol(training, user)
    assert again.pk == enrolment.pk and again.status == EnrolmentStatus.ENROLLED


def test_an_attended_enrolment_cannot_be_cancelled():
    training = training_with_session(starts_at=timezone.now() - timedelta(hours=1))
    enrolment = _enrol(training)
    services.attendance_mark(session=training.sessions.get(), present_ids={enrolment.pk}, by=make_user())
    with pytest.raises(ValidationError):
        services.enrolment_cancel(enrolment=enrolment)


def test_erasure_cancels_running_places_and_keeps_attended_ones_for_the_figures():
    from drakentemmers.accounts.services import user_erase
    from drakentemmers.learning import gdpr

    past = training_with_session(starts_at=timezone.now() - timedelta(hours=2))
    coming = training_with_session(capacity=1)
    user = make_user()
    attended = services.training_enrol(training=past, user=user, audience=Audience.HBO, organisation_name="Team Zuid")
    services.attendance_mark(session=past.sessions.get(), present_ids={attended.pk}, by=make_user())
    place = _enrol(coming, user)
    waiting = _enrol(coming)
    services.calendar_token_for(user)
    exported = gdpr.export_user(user)
    assert len(exported["enrolments"]) == 2 and exported["calendar_feed"]
    user_erase(user=user)
    attended.refresh_from_db()
    place.refresh_from_db()
    waiting.refresh_from_db()
    assert attended.status == EnrolmentStatus.ENROLLED and attended.organisation_name == ""
    assert place.status == EnrolmentStatus.CANCELLED and waiting.status == EnrolmentStatus.OFFERED
    from drakentemmers.learning.models import CalendarToken

    assert not CalendarToken.objects.filter(user=user).exists()


def test_calling_a_training_off_tells_everybody_once():
    from drakentemmers.learning.forms import TrainingForm

    training = training_with_session(capacity=1)
    enrolled, waiting = _enrol(training), _enrol(training)
    OutgoingEmail.objects.all().delete()

    def save(status):
        form = TrainingForm(instance=training)
        data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
        data.update(status=status, venue_confirm="on", municipality_name="Utrecht", methods=[], target_groups=[])
        data["enrolment_deadline"] = training.enrolment_deadline.strftime("%Y-%m-%dT%H:%M")
        form = TrainingForm(data, instance=training)
        assert form.is_valid(), form.errors
        services.training_save(form=form, by=make_user())

    save(TrainingStatus.CANCELLED)
    save(TrainingStatus.CANCELLED)
    recipients = sorted(address for row in OutgoingEmail.objects.values_list("to", flat=True) for address in row)
    assert recipients == sorted([enrolled.user.email, waiting.user.email])
    assert "gaat niet door" in OutgoingEmail.objects.first().body_text
