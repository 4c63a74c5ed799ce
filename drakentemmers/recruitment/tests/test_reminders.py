from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core import scheduling
from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.recruitment import services
from drakentemmers.recruitment.models import ProfileReminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(db) -> TherapistProfile:
    profile = TherapistProfile.objects.create(user=make_user(first_name="Noor"))
    return profile


def _send(now, capture):
    with capture(execute=True):
        return services.profile_reminders_send(now=now)


def test_reminders_after_3_and_10_days_then_stop(draft, django_capture_on_commit_callbacks):
    start = draft.created_at
    assert _send(start + timedelta(days=2), django_capture_on_commit_callbacks) == 0
    assert _send(start + timedelta(days=3, minutes=1), django_capture_on_commit_callbacks) == 1
    assert _send(start + timedelta(days=4), django_capture_on_commit_callbacks) == 0  # idempotent
    assert _send(start + timedelta(days=10, minutes=1), django_capture_on_commit_callbacks) == 1
    assert _send(start + timedelta(days=30), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    assert "laatste herinnering" in mail.outbox[1].body and "laatste herinnering" not in mail.outbox[0].body
    assert "/werving/herinneringen-uit/" in mail.outbox[0].body


def test_a_job_that_was_down_sends_one_reminder_not_two(draft, django_capture_on_commit_callbacks):
    assert _send(draft.created_at + timedelta(days=12), django_capture_on_commit_callbacks) == 1
    assert ProfileReminder.objects.get(user=draft.user).sent_count == 2
    assert _send(draft.created_at + timedelta(days=13), django_capture_on_commit_callbacks) == 0


def test_reminders_stop_once_the_profile_is_submitted(draft, django_capture_on_commit_callbacks):
    assert _send(draft.created_at + timedelta(days=3, minutes=1), django_capture_on_commit_callbacks) == 1
    TherapistProfile.objects.filter(pk=draft.pk).update(status=VerificationStatus.SUBMITTED)
    assert _send(draft.created_at + timedelta(days=11), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1


def test_unsubscribe_link_asks_first_then_stops_reminders(draft, client, django_capture_on_commit_callbacks):
    url = reverse("recruitment:unsubscribe", args=[services.unsubscribe_token_make(draft.user)])
    assert client.get(url).status_code == 200
    assert not ProfileReminder.objects.filter(user=draft.user, unsubscribed_at__isnull=False).exists()
    response = client.post(url)
    assert response.status_code == 200 and "geen herinneringen meer" in response.content.decode()
    assert _send(draft.created_at + timedelta(days=4), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


@pytest.mark.parametrize("token", ["nonsense", "1:abc:def"])
def test_a_forged_unsubscribe_link_is_404(client, token):
    assert client.get(reverse("recruitment:unsubscribe", args=[token])).status_code == 404


def test_the_job_is_registered_on_working_days():
    job = scheduling.job_get("profile_reminders")
    assert job.working_days_only and job.get_task() is not None
