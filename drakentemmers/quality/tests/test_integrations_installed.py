"""With the learning and colleagues apps installed, training hours and intervision are evaluated from their data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from drakentemmers.learning.models import Attendance, Enrolment, EnrolmentStatus
from drakentemmers.learning.tests.factories import training_with_session
from drakentemmers.quality import criteria, integrations
from drakentemmers.quality.criteria import evaluators_overridden
from drakentemmers.quality.models import CriterionKind

from .factories import criterion, member

pytestmark = pytest.mark.django_db


def test_both_evaluators_register_on_this_platform():
    with evaluators_overridden():
        assert sorted(integrations.register_installed()) == ["intervision", "training_hours"]


def test_training_hours_come_from_attended_sessions():
    person = member()
    training = training_with_session(starts_at=timezone.now() - timedelta(days=60), hours=6, sessions=2)
    enrolment = Enrolment.objects.create(
        training=training, user=person, audience="therapist", status=EnrolmentStatus.ENROLLED
    )
    first, second = training.sessions.order_by("starts_at")
    Attendance.objects.create(enrolment=enrolment, session=first, present=True)
    Attendance.objects.create(enrolment=enrolment, session=second, present=False)
    item = criterion(CriterionKind.TRAINING_HOURS, threshold=6, period_months=24)
    with evaluators_overridden():
        integrations.register_installed()
        assert criteria.criterion_evaluate(person, item, today=timezone.localdate()).met is True
        stricter = criterion(CriterionKind.TRAINING_HOURS, threshold=12, period_months=24)
        assert criteria.criterion_evaluate(person, stricter, today=timezone.localdate()).met is False
