"""A questionnaire can go to a training's participants: those enrolled, not those waiting or cancelled."""

import pytest

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.learning.models import Enrolment, EnrolmentStatus
from drakentemmers.learning.tests.factories import training_with_session
from drakentemmers.surveys.audiences import audience_get
from drakentemmers.surveys.models import RespondentGroup

pytestmark = pytest.mark.django_db


def test_the_audience_lists_the_enrolled_participants_of_the_chosen_training():
    training, other = training_with_session(title="Traumasensitief verwijzen"), training_with_session(title="Anders")
    enrolled, waiting, elsewhere = make_user(), make_user(), make_user()
    for user, status, where in (
        (enrolled, EnrolmentStatus.ENROLLED, training),
        (waiting, EnrolmentStatus.WAITLISTED, training),
        (elsewhere, EnrolmentStatus.ENROLLED, other),
    ):
        Enrolment.objects.create(training=where, user=user, audience="referring", status=status)
    audience = audience_get("learning.training_participants")
    choices = dict(audience.choices())
    assert choices[str(training.pk)].startswith("Traumasensitief verwijzen (")
    recipients = audience.recipients_for({"training_id": str(training.pk)})
    assert [r.email for r in recipients] == [enrolled.email]
    assert recipients[0].group == RespondentGroup.PARTICIPANT
    assert audience.recipients_for({"training_id": "x"}) == [] and audience.recipients_for({}) == []


def test_the_home_page_counts_people_trained_this_year(client):
    from django.utils import timezone

    from drakentemmers.learning.models import Attendance

    training = training_with_session(starts_at=timezone.now().replace(month=1, day=15))
    present, absent = make_user(), make_user()
    for user, was_there in ((present, True), (absent, False)):
        enrolment = Enrolment.objects.create(
            training=training, user=user, audience="referring", status=EnrolmentStatus.ENROLLED
        )
        Attendance.objects.create(enrolment=enrolment, session=training.sessions.get(), present=was_there)
    html = client.get("/").content.decode()
    assert '<span class="dt-stat">1</span> professionals getraind' in html
