"""The learning app's objects in the access world: a started training THERAPIST attended, given by THERAPIST_OTHER."""

from datetime import timedelta

from django.utils import timezone

from drakentemmers.core import access_matrix as am

from .factories import training_with_session


def learning_world(users: dict) -> dict[str, object]:
    from drakentemmers.learning import services
    from drakentemmers.learning.models import Audience

    now = timezone.now()
    training = training_with_session(starts_at=now - timedelta(hours=1), capacity=5)
    training.trainers.add(users[am.THERAPIST_OTHER])
    enrolment = services.training_enrol(training=training, user=users[am.THERAPIST], audience=Audience.THERAPISTS)
    session = training.sessions.get()
    services.attendance_mark(session=session, present_ids={enrolment.pk}, by=users[am.THERAPIST_OTHER])
    enrolment = services.certificate_issue(enrolment=enrolment)
    return {
        "training": training.pk,
        "training_session": session.pk,
        "training_enrolment": enrolment.pk,
        "training_certificate_code": enrolment.certificate_code,
        "training_calendar_token": services.calendar_token_for(users[am.THERAPIST]).token,
    }
