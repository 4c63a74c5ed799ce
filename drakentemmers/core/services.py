"""Shared side effects: queueing e-mail, logging reads and security events, claiming invitations."""

import hashlib
import hmac
import json
import logging
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

from .client_ip import client_ip
from .models import AccessLogEntry, DigestItem, NoticePreference, OutgoingEmail, TokenInvitation


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
    subject, body = _email_render(template_prefix, context, language)
    return email_queue(to=to, subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body_text=body)


def _email_render(template_prefix: str, context: dict, language: str | None) -> tuple[str, str]:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"{template_prefix}_message.txt", context)
    return subject, body


def email_notice(*, to: Iterable[str], template_prefix: str, context: dict, language: str | None = None) -> None:
    """A notice about an event: queued now, or kept for the daily digest of the recipients who chose one.

    For mail that must arrive at once (security, sign-up, password) use email_queue_template instead.
    """
    addresses = list(dict.fromkeys(address for address in to if address))
    digest_users = {
        preference.user.email: preference.user
        for preference in NoticePreference.objects.filter(
            daily_digest=True, user__email__in=addresses, user__is_active=True
        ).select_related("user")
    }
    now_addresses = [address for address in addresses if address not in digest_users]
    if now_addresses:
        email_queue_template(to=now_addresses, template_prefix=template_prefix, context=context, language=language)
    for user in digest_users.values():
        subject, body = _email_render(template_prefix, context, user.preferred_language or language)
        DigestItem.objects.create(user=user, subject=subject[:300], body_text=body)


def notice_preference_set(*, user, daily_digest: bool) -> NoticePreference:
    preference, _created = NoticePreference.objects.update_or_create(user=user, defaults={"daily_digest": daily_digest})
    return preference


def email_digests_send() -> int:
    """Put one digest per person with kept notices in the outbox; returns how many. Idempotent and safe to rerun:
    each person's notices are locked, mailed and deleted in one transaction, so none is sent twice or lost."""
    sent = 0
    for user_id in DigestItem.objects.values_list("user_id", flat=True).distinct().order_by("user_id"):
        with transaction.atomic():
            items = list(DigestItem.objects.select_for_update(skip_locked=True).filter(user_id=user_id))
            if not items:
                continue
            user = items[0].user
            if user.is_active and user.email:
                subject, body = _email_render(
                    "core/email/digest", {"items": items, "count": len(items)}, user.preferred_language
                )
                email_queue(to=[user.email], subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body_text=body)
                sent += 1
            DigestItem.objects.filter(pk__in=[item.pk for item in items]).delete()
    return sent


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
        ip_address=client_ip(request) or None,
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


# Security events (ASVS 7.1/7.2): logins, failed logins, MFA failures, lock-outs, password and MFA changes.
# One row each in the access log (object type SECURITY_EVENT_TYPE, so the access-log page filters them) and one
# structured line on the "drakentemmers.security" logger, which the host ships to its log store.
SECURITY_EVENT_TYPE = "security.event"
SECURITY_EVENT_FAILURES = frozenset({"login_failed", "login_locked", "mfa_failed", "api_token_refused"})
security_logger = logging.getLogger("drakentemmers.security")


def security_pseudonym(typed: str) -> str:
    """A stable pseudonym for a login name that matches no account.

    What people type into the e-mail field of a failed login may be a stranger's address or even their password
    typed in the wrong field: it is never stored. A keyed hash (HMAC-SHA256 with SECRET_KEY) still groups repeated
    attempts against the same name, so an administrator sees one name being tried from many addresses.
    """
    digest = hmac.new(settings.SECRET_KEY.encode(), typed.strip().lower().encode(), hashlib.sha256).hexdigest()
    return f"unknown:{digest[:12]}"


def security_event_record(
    *, event: str, request: HttpRequest | None = None, user=None, typed_login: str = "", **details
) -> AccessLogEntry:
    """Write one security event: a row in the access log and a structured line on the security logger.

    Never a password or a code: callers pass the user (or, for an unknown account, what was typed as login
    name, which is pseudonymised here) and small non-secret details (the authenticator type, a reason).
    """
    if user is not None and not getattr(user, "pk", None):
        user = None
    label = user.email if user is not None else (security_pseudonym(typed_login) if typed_login else "anonymous")
    ip = (client_ip(request) if request is not None else "") or None
    entry = AccessLogEntry.objects.create(
        user=user,
        user_label=label[:255],
        action=event[:32],
        object_type=SECURITY_EVENT_TYPE,
        object_id=str(user.pk) if user is not None else "-",
        path=request.get_full_path()[:512] if request is not None else "",
        ip_address=ip,
    )
    record = {"event": event, "user_id": user.pk if user is not None else None, "account": label, "ip": ip}
    record.update({key: str(value)[:200] for key, value in details.items()})
    level = logging.WARNING if event in SECURITY_EVENT_FAILURES else logging.INFO
    security_logger.log(level, "security_event %s", json.dumps(record, sort_keys=True), extra={"security": record})
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
