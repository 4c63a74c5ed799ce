"""Shared side effects: queueing e-mail and logging reads of sensitive records."""

from collections.abc import Iterable

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from .models import AccessLogEntry, OutgoingEmail


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
