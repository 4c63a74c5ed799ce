"""Reminders to non-responders (once, through the outbox), audiences, the menu count and the KPI."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.core import scheduling
from drakentemmers.core.kpis import KpiPeriod, kpi_get
from drakentemmers.core.models import OutgoingEmail
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.regions.selectors import reporting_region_kind, reporting_regions
from drakentemmers.surveys import audiences, services
from drakentemmers.surveys.kpis import response_rate
from drakentemmers.surveys.models import SurveyInvitation
from drakentemmers.surveys.tests.factories import invitation_make, q, questionnaire_make

pytestmark = pytest.mark.django_db


def _age(invitation, days: int) -> None:
    SurveyInvitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_a_non_responder_gets_one_reminder_after_a_week():
    questionnaire = questionnaire_make(closes_on=timezone.localdate() + timedelta(days=30))
    waiting = invitation_make(questionnaire, email="wacht@example.org")
    fresh = invitation_make(questionnaire, email="nieuw@example.org")
    done = invitation_make(questionnaire, email="klaar@example.org")
    services.response_submit(invitation=done, answers={q(questionnaire, "Gebruik je het platform?").key: "Nee"})
    for invitation in (waiting, done):
        _age(invitation, 8)
    _age(fresh, 2)
    assert services.reminders_send() == 1
    mail = OutgoingEmail.objects.get(to=["wacht@example.org"])
    assert waiting.token in mail.body_text
    assert services.reminders_send() == 0  # idempotent
    assert not OutgoingEmail.objects.filter(to=["nieuw@example.org"]).exists()


def test_a_reminder_comes_earlier_when_the_closing_date_nears():
    questionnaire = questionnaire_make(closes_on=timezone.localdate() + timedelta(days=2))
    invitation = invitation_make(questionnaire)
    _age(invitation, 3)
    assert services.reminders_send() == 1


def test_the_reminder_job_is_scheduled():
    job = next(job for job in scheduling.jobs() if job.name == "questionnaire_reminders")
    assert job.get_task().name == "questionnaire_reminders"


def test_audiences_take_parameters_and_an_app_can_register_one():
    inside = TherapistProfileFactory(locations=["1011"])  # Amsterdam
    TherapistProfileFactory(locations=["3511"])  # Utrecht
    trainee = TherapistProfileFactory(registration_kind="trainee", locations=["3511"])
    everyone = audiences.audience_get("members").recipients_for({})
    assert len(everyone) == 3
    amsterdam = next(r for r in everyone if r.user == inside.user).region_id
    chosen = audiences.audience_get("region_members").recipients_for({"regions": [amsterdam]})
    assert [r.user for r in chosen] == [inside.user]
    assert [r.user for r in audiences.audience_get("trainees").recipients_for({})] == [trainee.user]
    audiences.audience_register(
        audiences.Audience(
            "test.training",
            "Deelnemers",
            lambda params: [audiences.Recipient(email=f"t{params['training_id']}@x.nl")],
            param="training_id",
        )
    )
    assert audiences.audience_get("test.training").recipients_for({"training_id": 7})[0].email == "t7@x.nl"
    audiences._AUDIENCES.pop("test.training")


def test_coordinators_audience():
    region = reporting_regions().first()
    coordinator = make_user(Role.COORDINATOR, mfa=True, region=region)
    recipients = audiences.audience_get("coordinators").recipients_for({})
    assert [(r.user, r.region_id, r.group) for r in recipients] == [(coordinator, region.pk, "coordinator")]


def test_the_menu_counts_open_questionnaires():
    therapist = TherapistProfileFactory().user
    questionnaire = questionnaire_make()
    invitation_make(questionnaire, email=therapist.email, user=therapist)
    client = logged_in_client(therapist)
    html = client.get("/vragenlijsten/").content.decode()
    assert questionnaire.title in html
    assert 'href="/vragenlijsten/"' in client.get("/").content.decode()


def test_the_kpi_counts_answered_invitations_of_questionnaires_closing_in_the_period():
    assert kpi_get("surveys.response_rate") is not None
    questionnaire = questionnaire_make(closes_on=timezone.localdate() + timedelta(days=3))
    first = invitation_make(questionnaire, email="a@x.nl")
    invitation_make(questionnaire, email="b@x.nl")
    services.response_submit(invitation=first, answers={})
    today = timezone.localdate()
    measured = response_rate(
        KpiPeriod(start=today, end=today + timedelta(days=10), region_kind=reporting_region_kind())
    )
    assert (measured.national.numerator, measured.national.denominator, measured.national.value) == (1, 2, 50.0)
    empty = response_rate(KpiPeriod(start=date(2020, 1, 1), end=date(2020, 2, 1), region_kind=reporting_region_kind()))
    assert empty.national.value is None
