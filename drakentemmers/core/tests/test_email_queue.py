"""core.services.email_queue and the email_send task: stored first, sent by the worker, retried, never lost."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from drakentemmers.core.models import OutgoingEmail
from drakentemmers.core.services import EMAIL_SWEEP_AFTER, email_outbox_sweep, email_queue, email_queue_template
from drakentemmers.core.tasks import email_retry_delay, email_send

pytestmark = pytest.mark.django_db
FAILING_BACKEND = "drakentemmers.core.tests.failing_email_backend.FailingEmailBackend"


def test_message_is_stored_and_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = email_queue(to=["a@example.nl"], subject="Hallo\nwereld", body_text="Tekst", body_html="<p>Tekst</p>")
        assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["a@example.nl"]
    assert sent.subject == "Hallo wereld"
    assert sent.alternatives[0][0] == "<p>Tekst</p>"
    assert sent.from_email == "Drakentemmers <noreply@drakentemmers.localhost>"


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_queue(to=["a@example.nl"], subject="x", body_text="y")
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_template_mail_is_rendered_in_dutch(django_capture_on_commit_callbacks, verifier_user):
    from drakentemmers.accounts.models import Invitation, Role

    invitation = Invitation.objects.create(email="x@example.nl", role=Role.THERAPIST, invited_by=verifier_user)
    with django_capture_on_commit_callbacks(execute=True):
        email_queue_template(
            to=["x@example.nl"],
            template_prefix="accounts/email/invitation",
            context={"invitation": invitation, "accept_url": "http://x/", "valid_days": 14},
        )
    assert mail.outbox[0].subject == "[Drakentemmers] Je bent uitgenodigd voor Drakentemmers"


def test_failing_backend_retries_later_and_keeps_the_message(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    # The real database backend: enqueueing writes a DBTaskResult row that the worker would pick up.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}}
    with django_capture_on_commit_callbacks(execute=True):
        message = email_queue(to=["a@example.nl"], subject="Belangrijk", body_text="Bericht")
    first = DBTaskResult.objects.get()
    assert first.args_kwargs["args"] == [message.pk]
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert email_send.call(message.pk) == OutgoingEmail.Status.RETRYING
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.RETRYING
    assert message.attempts == 1
    assert "ConnectionRefusedError: mail server down" in message.last_error
    assert (message.subject, message.body_text, message.to) == ("Belangrijk", "Bericht", ["a@example.nl"])
    retry = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert retry.task_path == "drakentemmers.core.tasks.email_send"
    assert retry.args_kwargs["args"] == [message.pk]
    assert retry.run_after >= before + timedelta(seconds=59)
    assert retry.run_after <= timezone.now() + timedelta(seconds=61)
    assert mail.outbox == []


def test_message_fails_permanently_after_max_attempts(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    settings.EMAIL_MAX_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=False):
        message = email_queue(to=["a@example.nl"], subject="Belangrijk", body_text="Bericht")
    for expected_attempt in (1, 2):
        # Each retry runs when it is due (email_send skips a task that comes early, see the outbox sweep).
        with (
            time_machine.travel(message.next_attempt_at or timezone.now(), tick=False),
            django_capture_on_commit_callbacks(execute=False) as retries,
        ):
            assert email_send.call(message.pk) == OutgoingEmail.Status.RETRYING
        assert len(retries) == 1
        message.refresh_from_db()
        assert message.attempts == expected_attempt
    with (
        time_machine.travel(message.next_attempt_at, tick=False),
        django_capture_on_commit_callbacks(execute=False) as retries,
    ):
        assert email_send.call(message.pk) == OutgoingEmail.Status.FAILED
    assert retries == []
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.FAILED
    assert message.attempts == 3
    # After the last attempt the body goes too (issue 15, Low 12); what the platform team needs stays.
    assert message.subject == "Belangrijk" and message.to == ["a@example.nl"]
    assert (message.body_text, message.body_html) == ("", "")
    # A failed message is not retried again by a stray task.
    assert email_send.call(message.pk) == "skipped"


def test_sent_message_is_not_sent_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = email_queue(to=["a@example.nl"], subject="x", body_text="y")
    assert email_send.call(message.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_retry_delay_backs_off_and_is_capped():
    assert email_retry_delay(1) == timedelta(minutes=1)
    assert email_retry_delay(2) == timedelta(minutes=2)
    assert email_retry_delay(4) == timedelta(minutes=8)
    assert email_retry_delay(20) == timedelta(hours=1)


def test_retry_delay_base_comes_from_the_settings(settings):
    settings.EMAIL_RETRY_BASE_SECONDS = 2
    assert email_retry_delay(1) == timedelta(seconds=2)
    assert email_retry_delay(3) == timedelta(seconds=8)


def test_every_attempt_of_a_message_carries_the_same_message_id(django_capture_on_commit_callbacks):
    """A worker killed between the server's 250 and the SENT commit sends again: the copy is recognisable."""
    with django_capture_on_commit_callbacks(execute=True):
        message = email_queue(to=["a@example.nl"], subject="Twee keer", body_text="Tekst")
    OutgoingEmail.objects.filter(pk=message.pk).update(status=OutgoingEmail.Status.QUEUED, body_text="Tekst")
    email_send.call(message.pk)
    other = email_queue(to=["b@example.nl"], subject="Ander", body_text="Tekst")
    email_send.call(other.pk)
    first, again, different = (sent.extra_headers["Message-ID"] for sent in mail.outbox)
    assert first == again == f"<outbox-{message.pk}@drakentemmers.localhost>"
    assert different != first


def _lost_message(**fields) -> OutgoingEmail:
    """A stored message whose delivery task never reached the queue (no on_commit ran)."""
    return OutgoingEmail.objects.create(to=["a@example.nl"], subject="Verloren", body_text="Tekst", **fields)


def test_outbox_sweep_delivers_mail_whose_task_was_lost_exactly_once():
    message = _lost_message()
    fresh_later = timezone.now() + EMAIL_SWEEP_AFTER + timedelta(minutes=1)
    with time_machine.travel(fresh_later, tick=False):
        young = _lost_message()  # its own task may simply not have run yet
        assert email_outbox_sweep() == 1
        assert email_outbox_sweep() == 0  # running the job twice sends nothing twice
    with time_machine.travel(fresh_later + timedelta(hours=1), tick=False):
        assert email_outbox_sweep() == 1  # now the younger one is overdue; the sent one is left alone
    assert [m.subject for m in mail.outbox] == ["Verloren", "Verloren"]
    message.refresh_from_db()
    young.refresh_from_db()
    assert message.status == young.status == OutgoingEmail.Status.SENT and message.attempts == 1


def test_outbox_sweep_retries_an_overdue_retry_but_not_one_still_waiting(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    now = timezone.now()
    overdue = _lost_message(status=OutgoingEmail.Status.RETRYING, attempts=1, next_attempt_at=now - timedelta(hours=1))
    waiting = _lost_message(
        status=OutgoingEmail.Status.RETRYING, attempts=1, next_attempt_at=now + timedelta(minutes=2)
    )
    assert email_outbox_sweep(now=now) == 1
    overdue.refresh_from_db()
    waiting.refresh_from_db()
    assert overdue.attempts == 2 and overdue.next_attempt_at > now
    assert waiting.attempts == 1


def test_a_duplicate_task_that_comes_early_does_not_attempt_again(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    message = _lost_message()
    assert email_send.call(message.pk) == OutgoingEmail.Status.RETRYING
    assert email_send.call(message.pk) == "not due"  # e.g. the sweep's task right after the worker's own
    message.refresh_from_db()
    assert message.attempts == 1
    with time_machine.travel(message.next_attempt_at, tick=False):
        assert email_send.call(message.pk) == OutgoingEmail.Status.RETRYING


# --- Issue 15, Low 12: no live links kept in the outbox ------------------------------------------


def test_bodies_are_purged_once_sent_and_metadata_stays(django_capture_on_commit_callbacks):
    link = "https://drakentemmers.example/account/password/reset/key/abc-123/"
    with django_capture_on_commit_callbacks(execute=True):
        message = email_queue(to=["a@example.nl"], subject="Wachtwoord", body_text=link, body_html=f"<a>{link}</a>")
    assert link in mail.outbox[0].body  # delivered intact
    message.refresh_from_db()
    assert (message.body_text, message.body_html) == ("", "")
    assert (message.to, message.subject, message.status, message.attempts) == (
        ["a@example.nl"],
        "Wachtwoord",
        OutgoingEmail.Status.SENT,
        1,
    )
    assert message.created_at and message.sent_at


def test_a_retrying_message_keeps_its_body_until_sent(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=False):
        message = email_queue(to=["a@example.nl"], subject="x", body_text="Bericht", body_html="<p>Bericht</p>")
        assert email_send.call(message.pk) == OutgoingEmail.Status.RETRYING
    message.refresh_from_db()
    assert (message.body_text, message.body_html) == ("Bericht", "<p>Bericht</p>")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=False), time_machine.travel(message.next_attempt_at, tick=False):
        assert email_send.call(message.pk) == OutgoingEmail.Status.SENT
    assert mail.outbox[-1].body == "Bericht"
    message.refresh_from_db()
    assert (message.body_text, message.body_html) == ("", "")


def test_admin_never_shows_bodies(client_for, django_capture_on_commit_callbacks):
    from drakentemmers.accounts.models import Role
    from drakentemmers.accounts.tests.factories import make_user

    admin = make_user(Role.ADMINISTRATOR, mfa=True, is_staff=True, is_superuser=True)
    with django_capture_on_commit_callbacks(execute=False):
        queued = email_queue(to=["a@example.nl"], subject="Uitnodiging", body_text="GEHEIME-LINK-TEKST")
    client = client_for(admin)
    page = client.get(f"/beheer/django/core/outgoingemail/{queued.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Uitnodiging" in html and "GEHEIME-LINK-TEKST" not in html
    assert "GEHEIME-LINK-TEKST" not in client.get("/beheer/django/core/outgoingemail/").content.decode()
    assert "0 resultaten" in client.get("/beheer/django/core/outgoingemail/?q=GEHEIME").content.decode()


def test_migration_purges_bodies_already_sent():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("drakentemmers.core.migrations.0004_outgoing_email_purge_sent_bodies")
    sent = OutgoingEmail.objects.create(to=["a@x.nl"], subject="s", body_text="link", status=OutgoingEmail.Status.SENT)
    failed = OutgoingEmail.objects.create(
        to=["b@x.nl"], subject="f", body_text="link", body_html="<a>", status=OutgoingEmail.Status.FAILED
    )
    waiting = OutgoingEmail.objects.create(to=["c@x.nl"], subject="q", body_text="nog versturen")
    migration.purge_done_bodies(apps, None)
    for message in (sent, failed, waiting):
        message.refresh_from_db()
    assert (sent.body_text, failed.body_text, failed.body_html) == ("", "", "")
    assert (sent.subject, sent.to, sent.status) == ("s", ["a@x.nl"], OutgoingEmail.Status.SENT)
    assert waiting.body_text == "nog versturen"
