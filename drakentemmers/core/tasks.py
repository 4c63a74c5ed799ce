"""Background tasks of the core app. Each task is thin and calls into services or models."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

# Back-off between delivery attempts: 1, 2, 4, 8, 16... minutes (settings.EMAIL_RETRY_BASE_SECONDS), capped at an hour.
EMAIL_RETRY_MAX_SECONDS = 3600
# A task that comes this much before the message's next attempt is due is a duplicate (see the outbox sweep).
EMAIL_EARLY_TOLERANCE = timedelta(seconds=30)


def email_retry_delay(attempts: int) -> timedelta:
    return timedelta(
        seconds=min(settings.EMAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), EMAIL_RETRY_MAX_SECONDS)
    )


def email_message_id(message: OutgoingEmail) -> str:
    """A Message-ID that stays the same over every attempt of one outbox message."""
    domain = message.from_email.rpartition("@")[2].strip(" >") or "drakentemmers.localhost"
    return f"<outbox-{message.pk}@{domain}>"


@task(queue_name="email")
def email_send(message_id: int) -> str:
    """Deliver one stored e-mail; on failure schedule another attempt until EMAIL_MAX_ATTEMPTS.

    Every attempt carries the same Message-ID (email_message_id): if the worker dies after the mail server
    accepted the message but before the SENT status was committed, the message is sent again after the
    restart, and the receiving systems can recognise the copy.

    Once sent, or after the last failed attempt, the bodies are purged: they may hold live links (password
    reset, invitations). Recipients, subject, status, times and attempts stay for the platform team.
    """
    with transaction.atomic():
        message = OutgoingEmail.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status in (OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED):
            return "skipped"
        if message.next_attempt_at and message.next_attempt_at > timezone.now() + EMAIL_EARLY_TOLERANCE:
            return "not due"
        message.attempts += 1
        try:
            mail = EmailMultiAlternatives(
                subject=message.subject,
                body=message.body_text,
                from_email=message.from_email,
                to=message.to,
                headers={"Message-ID": email_message_id(message)},
            )
            if message.body_html:
                mail.attach_alternative(message.body_html, "text/html")
            mail.send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - any transport error must lead to a retry, not a loss
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= settings.EMAIL_MAX_ATTEMPTS:
                message.status = OutgoingEmail.Status.FAILED
                message.purge_bodies()
                logger.error("E-mail %s failed permanently: %s", message.pk, message.last_error)
            else:
                message.status = OutgoingEmail.Status.RETRYING
                run_after = timezone.now() + email_retry_delay(message.attempts)
                message.next_attempt_at = run_after
                transaction.on_commit(lambda: email_send.using(run_after=run_after).enqueue(message_id))
            message.save(
                update_fields=["attempts", "last_error", "status", "next_attempt_at", "body_text", "body_html"]
            )
            return message.status
        message.status = OutgoingEmail.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.next_attempt_at = None
        message.purge_bodies()
        message.save(
            update_fields=["attempts", "last_error", "status", "sent_at", "next_attempt_at", "body_text", "body_html"]
        )
        return message.status


@task()
def email_outbox_sweep() -> int:
    from .services import email_outbox_sweep as sweep

    return sweep()


@task()
def email_digests_send() -> int:
    from .services import email_digests_send as send

    return send()


@task()
def retention_purge() -> dict:
    from .retention import retention_purge as purge

    return purge()
