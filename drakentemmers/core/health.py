"""Health endpoint: is the database reachable and is the task worker keeping up?

Anyone may ask whether the platform is up (`{"status": "ok"}` and the HTTP code, for load balancers and
uptime monitors). The details (database vendor, task backlog, failed e-mails) help an attacker too, so
they go only to monitoring with the HEALTH_TOKEN from the environment (`Authorization: Bearer <token>`)
or to a person an app allows through `health_details_viewer_register` (accounts: platform team with a
session that passed MFA).
"""

import hmac
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Case, F, When
from django.http import HttpRequest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import OutgoingEmail

# A task that should have run more than this long ago means the worker is down or overloaded.
TASK_QUEUE_STALE_AFTER = timedelta(minutes=10)


def health_status() -> tuple[bool, dict]:
    checks: dict[str, dict] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # noqa: BLE001 - the endpoint reports, it must not crash
        checks["database"] = {"ok": False, "error": type(exc).__name__}
        return False, checks

    now = timezone.now()
    # A retry scheduled for later is due from its run_after, not from when it was enqueued. django-tasks-db
    # stores "no run_after" as the maximum date, so those rows are due from their enqueue time.
    ready = DBTaskResult.objects.ready().annotate(
        due_at=Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    )
    oldest = ready.order_by("due_at").values_list("due_at", flat=True).first()
    overdue = oldest is not None and now - oldest > TASK_QUEUE_STALE_AFTER
    checks["task_queue"] = {
        "ok": not overdue,
        "ready": ready.count(),
        "oldest_ready_age_seconds": int((now - oldest).total_seconds()) if oldest else 0,
        "failed_emails": OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).count(),
    }
    return all(check["ok"] for check in checks.values()), checks


_DETAIL_VIEWERS: list[Callable[[object], bool]] = []


def health_details_viewer_register(predicate: Callable[[object], bool]) -> None:
    """Apps say who may read the details (core knows no roles); called from AppConfig.ready()."""
    if predicate not in _DETAIL_VIEWERS:
        _DETAIL_VIEWERS.append(predicate)


def _bearer_token(request: HttpRequest) -> str:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def health_details_allowed(request: HttpRequest) -> bool:
    """A matching HEALTH_TOKEN (compared in constant time) or a person a registered predicate allows."""
    expected = getattr(settings, "HEALTH_TOKEN", "")
    token = _bearer_token(request)
    if expected and token and hmac.compare_digest(token.encode(), expected.encode()):
        return True
    user = getattr(request, "user", None)
    try:
        return bool(user is not None and user.is_authenticated and any(allowed(user) for allowed in _DETAIL_VIEWERS))
    except DatabaseError:  # the session and the user live in the database: without it, only the token counts
        return False
