"""Retention (ASVS 8.3.8, GDPR storage limitation): the daily job removes or anonymises exactly what is past its
period, and keeps the rest, including every NEN 7513 read and the invitation rows that figures count."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from drakentemmers.accounts.models import Invitation, Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core import scheduling
from drakentemmers.core.models import AccessLogEntry, OutgoingEmail
from drakentemmers.core.retention import retention_purge
from drakentemmers.core.services import SECURITY_EVENT_TYPE
from drakentemmers.recruitment.models import ColleagueInvitation
from drakentemmers.recruitment.selectors import recruitment_overview

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.RETENTION_INVITATION_DAYS = 90
    settings.RETENTION_EMAIL_DAYS = 90
    settings.RETENTION_SECURITY_LOG_DAYS = 365


def _days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def _aged(model, obj, days: int, field: str = "created_at"):
    model.objects.filter(pk=obj.pk).update(**{field: _days_ago(days)})
    return obj


def test_invitations_nobody_accepted_lose_address_token_and_note_after_the_period_and_stay_counted():
    old = ColleagueInvitation.objects.create(email="oud@example.org", note="Ken je Rosa nog?", expires_at=_days_ago(91))
    recent = ColleagueInvitation.objects.create(email="recent@example.org", note="Hoi", expires_at=_days_ago(89))
    declined = ColleagueInvitation.objects.create(email="nee@example.org", expires_at=_days_ago(10))
    _aged(ColleagueInvitation, declined, 100, "declined_at")
    member = make_user()
    accepted = ColleagueInvitation.objects.create(email=member.email, expires_at=_days_ago(400))
    _aged(ColleagueInvitation, accepted, 420, "accepted_at")
    role_invite = Invitation.objects.create(email="rol@example.org", role=Role.THERAPIST, expires_at=_days_ago(200))
    tokens = {i.pk: i.token for i in ColleagueInvitation.objects.all()}
    invited_before = recruitment_overview(regions=None).total.invited

    result = retention_purge()

    assert result["invitations"] == 3
    old.refresh_from_db()
    assert old.email == f"invitation-{old.pk}@expired.invalid" and old.note == "" and old.token != tokens[old.pk]
    declined.refresh_from_db()
    assert declined.email.endswith("@expired.invalid")
    role_invite.refresh_from_db()
    assert role_invite.email.endswith("@expired.invalid")
    recent.refresh_from_db()
    assert (recent.email, recent.note, recent.token) == ("recent@example.org", "Hoi", tokens[recent.pk])
    accepted.refresh_from_db()
    assert accepted.email == member.email
    assert recruitment_overview(regions=None).total.invited == invited_before == 4
    assert retention_purge()["invitations"] == 0  # idempotent


def test_old_finished_outbox_rows_go_and_queued_or_recent_ones_stay():
    def mail(status, days):
        message = OutgoingEmail.objects.create(to=["a@example.org"], subject="s", body_text="", status=status)
        return _aged(OutgoingEmail, message, days)

    old_sent, old_failed = mail(OutgoingEmail.Status.SENT, 91), mail(OutgoingEmail.Status.FAILED, 120)
    recent_sent = mail(OutgoingEmail.Status.SENT, 89)
    old_queued = mail(OutgoingEmail.Status.RETRYING, 200)  # still to deliver: never purged
    assert retention_purge()["emails"] == 2
    left = set(OutgoingEmail.objects.values_list("pk", flat=True))
    assert left == {recent_sent.pk, old_queued.pk}
    assert not {old_sent.pk, old_failed.pk} & left


def test_old_security_events_go_and_nen_7513_reads_are_kept():
    def row(object_type, days, action):
        entry = AccessLogEntry.objects.create(user_label="x", action=action, object_type=object_type, object_id="1")
        return _aged(AccessLogEntry, entry, days)

    old_event = row(SECURITY_EVENT_TYPE, 366, "login_failed")
    recent_event = row(SECURITY_EVENT_TYPE, 364, "login")
    ancient_read = row("matching.carerequest", 3000, "view")
    assert retention_purge()["security_events"] == 1
    assert set(AccessLogEntry.objects.values_list("pk", flat=True)) == {recent_event.pk, ancient_read.pk}
    assert not AccessLogEntry.objects.filter(pk=old_event.pk).exists()


def test_expired_sessions_go_and_live_ones_stay():
    live, dead = SessionStore(), SessionStore()
    live["x"], dead["x"] = 1, 2
    live.create()
    dead.create()
    Session.objects.filter(session_key=dead.session_key).update(expire_date=_days_ago(1))
    assert retention_purge()["sessions"] == 1
    assert set(Session.objects.values_list("session_key", flat=True)) == {live.session_key}


def test_the_purge_is_a_daily_scheduled_job_and_its_task_runs():
    job = {j.name: j for j in scheduling.jobs()}["retention_purge"]
    assert job.task == "drakentemmers.core.tasks.retention_purge"
    from drakentemmers.core.tasks import retention_purge as task

    message = OutgoingEmail.objects.create(to=["a@example.org"], subject="s", body_text="", status="sent")
    _aged(OutgoingEmail, message, 365)
    assert task.call()["emails"] == 1
