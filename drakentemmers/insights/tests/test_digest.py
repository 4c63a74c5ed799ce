"""The daily moderation digest: scheduled, idempotent, a count and a link but never a report's text."""

import pytest
from django.core import mail

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.scheduling import jobs
from drakentemmers.insights import services

from .factories import moderator, report

pytestmark = pytest.mark.django_db


def test_moderators_hear_once_about_new_reports(django_capture_on_commit_callbacks):
    mod = moderator()
    make_user(Role.THERAPIST)
    report(description="Geheime tekst die niet in een e-mail hoort.")
    report()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.moderation_digest_send() == 2
    assert [m.to for m in mail.outbox] == [[mod.email]]
    message = mail.outbox[0]
    assert "2 nieuwe" in message.subject
    assert "/beheer/signalen/" in message.body and "Geheime tekst" not in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert services.moderation_digest_send() == 0
    assert len(mail.outbox) == 1
    report()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.moderation_digest_send() == 1
    assert "In totaal wachten 3 meldingen" in mail.outbox[-1].body


def test_the_digest_is_a_scheduled_job():
    job = next(job for job in jobs() if job.name == "insights_moderation_digest")
    assert job.working_days_only and job.get_task() is not None
