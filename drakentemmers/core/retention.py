"""Storage limitation (GDPR art. 5(1)(e), ASVS 8.3.8): what the platform stops keeping, and when.

`retention_purge` runs daily (scheduled job `retention_purge`); every step is idempotent. What it does, with the
periods from settings (environment overrides, defaults in docs/security.md, "Retention"):

- invitations nobody accepted (every concrete TokenInvitation: accounts, directory, recruitment, surveys): once
  RETENTION_INVITATION_DAYS have passed since their expiry or decline, the address is replaced by a placeholder,
  the token by a fresh random one, and the fields the model names in RETENTION_CLEAR (a personal note, draft
  answers) are emptied. The row stays: recruitment and survey figures count invitations;
- the outbox: sent and failed e-mails older than RETENTION_EMAIL_DAYS are deleted (their bodies were already
  purged when they were sent; what is left is recipient, subject and status);
- the security log: login and security events (access-log rows of type "security.event") older than
  RETENTION_SECURITY_LOG_DAYS are deleted. The NEN 7513 rows (who read which confidential record) are kept:
  NEN 7513 asks that they stay available for control, and their period is the organisation's decision;
- sessions: expired sessions (Django's clearsessions) and allauth's records of sessions that ended.

Care requests are anonymised by their own job (matching, MATCHING_RETENTION_DAYS).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import AccessLogEntry, OutgoingEmail, TokenInvitation, invitation_token
from .services import SECURITY_EVENT_TYPE

EXPIRED_DOMAIN = "expired.invalid"


def invitation_models() -> list[type[TokenInvitation]]:
    return [m for m in apps.get_models() if issubclass(m, TokenInvitation) and not m._meta.abstract]


def invitations_anonymise(*, now: datetime) -> int:
    cutoff = now - timedelta(days=settings.RETENTION_INVITATION_DAYS)
    done = 0
    for model in invitation_models():
        old = model.objects.filter(accepted_at__isnull=True).filter(
            Q(expires_at__lt=cutoff) | Q(declined_at__lt=cutoff)
        )
        clear = dict(getattr(model, "RETENTION_CLEAR", {}))
        for invitation in old.exclude(email__endswith="@" + EXPIRED_DOMAIN).iterator(chunk_size=500):
            invitation.email = f"invitation-{invitation.pk}@{EXPIRED_DOMAIN}"
            invitation.token = invitation_token()
            for field, blank in clear.items():
                setattr(invitation, field, blank() if callable(blank) else blank)
            invitation.save(update_fields=["email", "token", *clear])
            done += 1
    return done


def outbox_purge(*, now: datetime) -> int:
    cutoff = now - timedelta(days=settings.RETENTION_EMAIL_DAYS)
    finished = [OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED]
    return OutgoingEmail.objects.filter(status__in=finished, created_at__lt=cutoff).delete()[0]


def security_log_purge(*, now: datetime) -> int:
    cutoff = now - timedelta(days=settings.RETENTION_SECURITY_LOG_DAYS)
    return AccessLogEntry.objects.filter(object_type=SECURITY_EVENT_TYPE, created_at__lt=cutoff).delete()[0]


DATABASE_SESSION_ENGINES = ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db")


def sessions_purge(*, now: datetime) -> int:
    from allauth.usersessions.models import UserSession
    from django.contrib.sessions.models import Session

    ended = 0
    if settings.SESSION_ENGINE in DATABASE_SESSION_ENGINES:
        # Expired rows only: a cached copy expires with the same age, so deleting the row is enough.
        ended = Session.objects.filter(expire_date__lt=now).delete()[0]
    else:  # pragma: no cover - the platform keeps sessions in the database (cached_db)
        from django.core.management import call_command

        call_command("clearsessions")
    # A tracked session whose stored session is gone: allauth's own check (purge) removes the record.
    gone = 0
    for session in UserSession.objects.filter(last_seen_at__lt=now - timedelta(seconds=settings.SESSION_COOKIE_AGE)):
        gone += int(session.purge())
    return ended + gone


def retention_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Run every retention step; returns how many records each one removed or anonymised."""
    now = now or timezone.now()
    result = {}
    for name, step in (
        ("invitations", invitations_anonymise),
        ("emails", outbox_purge),
        ("security_events", security_log_purge),
        ("sessions", sessions_purge),
    ):
        with transaction.atomic():
            result[name] = step(now=now)
    return result
