"""The short evaluation after attending, and the team's results page (averages and comments, no names)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.learning import selectors, services
from drakentemmers.learning.models import Audience, Evaluation

from .factories import training_with_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended():
    training = training_with_session(starts_at=timezone.now() - timedelta(hours=2))
    enrolment = services.training_enrol(training=training, user=make_user(), audience=Audience.REFERRING)
    services.attendance_mark(session=training.sessions.get(), present_ids={enrolment.pk}, by=make_user())
    return enrolment


def test_a_participant_evaluates_once_after_attending(attended):
    client = logged_in_client(attended.user)
    url = reverse("learning:evaluate", args=[attended.pk])
    assert client.post(url, {}).status_code == 200  # errors, no 500
    response = client.post(url, {"overall": "4", "usefulness": "5", "comments": "Meer casuïstiek graag."})
    assert response.status_code == 302
    assert Evaluation.objects.get(enrolment=attended).usefulness == 5
    assert client.get(url).status_code == 302  # once only
    with pytest.raises(ValidationError):
        services.evaluation_submit(enrolment=attended, overall=3, usefulness=3)


def test_no_evaluation_without_attendance():
    training = training_with_session()
    enrolment = services.training_enrol(training=training, user=make_user(), audience=Audience.HBO)
    assert not services.evaluation_open(enrolment)
    assert logged_in_client(enrolment.user).get(reverse("learning:evaluate", args=[enrolment.pk])).status_code == 302


def test_the_team_sees_averages_and_comments_without_names(attended):
    services.evaluation_submit(enrolment=attended, overall=4, usefulness=2, comments="Prima locatie.")
    results = selectors.evaluation_results(attended.training)
    assert (results.count, results.participants, results.overall, results.comments) == (1, 1, 4, ["Prima locatie."])
    editor = make_user(Role.EDITOR, mfa=True)
    page = logged_in_client(editor).get(reverse("learning_staff:evaluations", args=[attended.training.pk]))
    html = page.content.decode()
    assert "Prima locatie." in html and attended.user.last_name not in html
