"""Health endpoint: is the database reachable and is the task worker keeping up?"""

from datetime import timedelta

from django.db import connection
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

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
    # A retry scheduled for later is due from its run_after, not from when it was enqueued.
    ready = DBTaskResult.objects.ready().annotate(due_at=Coalesce("run_after", "enqueued_at"))
    oldest = ready.order_by("due_at").values_list("due_at", flat=True).first()
    overdue = oldest is not None and now - oldest > TASK_QUEUE_STALE_AFTER
    checks["task_queue"] = {
        "ok": not overdue,
        "ready": ready.count(),
        "oldest_ready_age_seconds": int((now - oldest).total_seconds()) if oldest else 0,
        "failed_emails": OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).count(),
    }
    return all(check["ok"] for check in checks.values()), checks
