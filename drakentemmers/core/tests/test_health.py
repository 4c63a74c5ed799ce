"""/health/: database and task-queue status as JSON; an overdue task queue gives 503."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from drakentemmers.core.models import OutgoingEmail

pytestmark = pytest.mark.django_db
HEALTH_TOKEN = "monitoring-token-0123456789"
URL = reverse("core:health")


@pytest.fixture(autouse=True)
def _token(settings):
    settings.HEALTH_TOKEN = HEALTH_TOKEN


def _get(client, token: str = HEALTH_TOKEN):
    """/health/ as the monitoring sees it: with the token, so the details are included."""
    return client.get(URL, headers={"Authorization": f"Bearer {token}"})


def _task(*, enqueued_ago: timedelta, run_after_ago: timedelta | None = None) -> DBTaskResult:
    """A READY row as the database backend writes it (no run_after = the maximum date)."""
    kwargs = {"run_after": timezone.now() - run_after_ago} if run_after_ago is not None else {}
    result = DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="drakentemmers.core.tasks.email_send",
        queue_name="email",
        backend_name="default",
        **kwargs,
    )
    DBTaskResult.objects.filter(pk=result.pk).update(enqueued_at=timezone.now() - enqueued_ago)
    return result


def test_healthy_when_database_answers_and_queue_is_empty(client):
    response = _get(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["status"] == "ok"
    assert data["checks"]["database"]["ok"] is True
    assert data["checks"]["task_queue"] == {
        "ok": True,
        "ready": 0,
        "oldest_ready_age_seconds": 0,
        "failed_emails": 0,
    }
    assert "no-cache" in response["Cache-Control"]


def test_recent_task_is_fine(client):
    _task(enqueued_ago=timedelta(minutes=1))
    data = _get(client).json()
    assert data["checks"]["task_queue"]["ok"] is True
    assert data["checks"]["task_queue"]["ready"] == 1


def test_stale_task_without_run_after_makes_it_unhealthy(client):
    _task(enqueued_ago=timedelta(minutes=30))
    response = _get(client)
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "error"
    assert data["checks"]["task_queue"]["ok"] is False
    assert data["checks"]["task_queue"]["oldest_ready_age_seconds"] >= 30 * 60 - 5


def test_retry_is_due_from_its_run_after_not_its_enqueue_time(client):
    # Enqueued long ago but only due since a minute: not overdue.
    _task(enqueued_ago=timedelta(hours=2), run_after_ago=timedelta(minutes=1))
    assert _get(client).status_code == 200


def test_overdue_retry_makes_it_unhealthy(client):
    _task(enqueued_ago=timedelta(hours=2), run_after_ago=timedelta(minutes=20))
    assert _get(client).status_code == 503


def test_finished_tasks_do_not_count(client):
    old = _task(enqueued_ago=timedelta(hours=2))
    DBTaskResult.objects.filter(pk=old.pk).update(status="SUCCESSFUL")
    assert _get(client).status_code == 200


def test_failed_emails_are_reported(client):
    OutgoingEmail.objects.create(to=["a@example.nl"], subject="x", body_text="y", status=OutgoingEmail.Status.FAILED)
    assert _get(client).json()["checks"]["task_queue"]["failed_emails"] == 1


def test_it_rejects_post(client):
    assert client.post(reverse("core:health")).status_code == 405


def test_database_failure_gives_503_without_a_crash(client, monkeypatch):
    from django.db import OperationalError, connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = _get(client)
    assert response.status_code == 503
    assert client.get(URL).json() == {"status": "error"}
    assert response.json() == {
        "status": "error",
        "checks": {"database": {"ok": False, "error": "OperationalError"}},
    }


# --- Issue 15, Low 14: the public answer is the status only -------------------------------------


def test_public_answer_is_status_only(client):
    OutgoingEmail.objects.create(to=["a@example.nl"], subject="x", body_text="y", status=OutgoingEmail.Status.FAILED)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_public_answer_still_gives_503_when_unhealthy(client):
    _task(enqueued_ago=timedelta(minutes=30))
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"status": "error"}


@pytest.mark.parametrize("header", ["Bearer wrong-token", "Bearer ", f"Basic {HEALTH_TOKEN}", HEALTH_TOKEN])
def test_a_wrong_token_gives_no_details(client, header):
    assert client.get(URL, headers={"Authorization": header}).json() == {"status": "ok"}


def test_no_token_configured_means_no_token_works(client, settings):
    settings.HEALTH_TOKEN = ""
    assert client.get(URL, headers={"Authorization": "Bearer "}).json() == {"status": "ok"}


def test_platform_team_with_passed_mfa_sees_details(client_for, verifier_user):
    assert client_for(verifier_user).get(URL).json()["checks"]["database"]["ok"] is True


def test_platform_team_without_passed_mfa_sees_status_only(client_for, verifier_user):
    assert client_for(verifier_user, mfa_passed=False).get(URL).json() == {"status": "ok"}


@pytest.mark.parametrize("fixture", ["therapist_user", "org_staff_user", "coordinator_user"])
def test_other_roles_see_status_only(client_for, request, fixture):
    assert client_for(request.getfixturevalue(fixture)).get(URL).json() == {"status": "ok"}
