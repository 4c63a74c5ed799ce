"""Shared side effects: queueing e-mail, logging reads of sensitive records, claiming invitations."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import AccessLogEntry, OutgoingEmail, TokenInvitation


def email_queue(
    *,
    to: Iterable[str],
    subject: str,
    body_text: str,
    body_html: str = "",
    from_email: str = "",
) -> OutgoingEmail:
    """Store the message and hand it to the task worker once the surrounding transaction commits.

    Nothing is sent inline, so a slow or failing mail server never breaks a page, and a failure is
    retried by the worker (see core.tasks.email_send).
    """
    from .tasks import email_send

    message = OutgoingEmail.objects.create(
        to=list(to),
        subject=subject.replace("\n", " ").strip(),
        body_text=body_text,
        body_html=body_html,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
    )
    transaction.on_commit(lambda: email_send.enqueue(message.pk))
    return message


def email_queue_template(
    *, to: Iterable[str], template_prefix: str, context: dict, language: str | None = None
) -> OutgoingEmail:
    """Render `<prefix>_subject.txt` and `<prefix>_message.txt` in the recipient's language and queue."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"{template_prefix}_message.txt", context)
    return email_queue(to=to, subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body_text=body)


# Mail still queued this long after it was written, or a retry this much overdue, lost its delivery task.
EMAIL_SWEEP_AFTER = timedelta(minutes=15)
EMAIL_SWEEP_BATCH = 500


def email_outbox_sweep(*, now: datetime | None = None) -> int:
    """Enqueue delivery again for mail whose task was lost (an enqueue that failed, a queue that was wiped).

    Safe to run any number of times: email_send locks the message, skips it once sent and skips a
    task that comes before the message's next attempt is due, so a duplicate task never sends twice.
    Returns the number of messages handed to the worker again.
    """
    from .tasks import email_send

    now = now or timezone.now()
    stale = now - EMAIL_SWEEP_AFTER
    lost = OutgoingEmail.objects.filter(
        Q(status=OutgoingEmail.Status.QUEUED, next_attempt_at__isnull=True, created_at__lte=stale)
        | Q(status__in=[OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.RETRYING], next_attempt_at__lte=stale)
    ).order_by("created_at")
    ids = list(lost.values_list("pk", flat=True)[:EMAIL_SWEEP_BATCH])
    # Due now, so the task is not taken for an early duplicate; the next sweep looks again only after a while.
    OutgoingEmail.objects.filter(pk__in=ids).update(next_attempt_at=now)
    for message_id in ids:
        email_send.enqueue(message_id)
    return len(ids)


def _access_log_entry(request: HttpRequest, obj: models.Model, action: str) -> AccessLogEntry:
    user = request.user if request.user.is_authenticated else None
    return AccessLogEntry(
        user=user,
        user_label=user.email if user else "anonymous",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        path=request.get_full_path()[:512],
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )


def access_log_record(*, request: HttpRequest, obj: models.Model, action: str = "view") -> AccessLogEntry:
    """Write one access-log row for a person reading a sensitive record."""
    entry = _access_log_entry(request, obj, action)
    entry.save()
    return entry


def access_log_record_query(*, request: HttpRequest, action: str = "query") -> AccessLogEntry:
    """Reading the access log is an access too: one row, the filters in the logged path."""
    entry = _access_log_entry(request, AccessLogEntry(pk="*"), action)
    entry.save()
    return entry


def access_log_record_list(*, request: HttpRequest, objects, action: str = "list") -> list[AccessLogEntry]:
    """Log a list page: one row per record shown, written in a single INSERT.

    One row per record rather than one row with all ids: the question NEN 7513 asks is "who saw this
    record, when", and per-record rows answer it with the indexed (object_type, object_id) lookup the
    access-log page filters on; a list of ids in one column could only be searched by text. The cost is
    one query per page view, whatever the number of records (lists are paginated or capped).
    """
    entries = [_access_log_entry(request, obj, action) for obj in objects]
    return AccessLogEntry.objects.bulk_create(entries) if entries else []


@transaction.atomic
def invitation_claim(*, invitation: TokenInvitation, user) -> object:
    """Accept `invitation` for the logged-in `user` and return what its `grant(user)` made.

    Guarantees: the invitation is still usable and was sent to one of the user's *verified* e-mail
    addresses (compared case-insensitively); the row is locked (select_for_update) while it is checked
    and marked accepted, so a double click or a second browser claims it at most once and `grant` runs
    once. Raises ValidationError (code "unusable" or "wrong_user") with a Dutch message otherwise.
    """
    invitation = type(invitation).objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(
            _("This invitation link no longer works. Ask the person who invited you for a new one."), code="unusable"
        )
    if not EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Log in with that e-mail address to accept it."),
            code="wrong_user",
            params={"email": invitation.email},
        )
    granted = invitation.grant(user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return granted
