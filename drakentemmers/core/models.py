from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """Every e-mail the platform sends is stored first and delivered by the task worker.

    Keeping the message in the database means a failing mail server never loses a message: the
    worker retries with back-off and the platform team can see what did not go out. The bodies are
    kept only until delivery (or the last failed attempt): they may hold live password-reset links.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")

    to = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    from_email = models.CharField(_("sender"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Set when an attempt failed; the outbox sweep (core.tasks.email_outbox_sweep) re-enqueues a message
    # whose retry is long overdue, and email_send skips a duplicate task that comes too early.
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"

    def purge_bodies(self) -> None:
        """Forget the text once it is no longer needed for delivery (call save() after)."""
        self.body_text = ""
        self.body_html = ""


class AccessLogEntry(models.Model):
    """A read of a sensitive record by a person (NEN 7513): who, what, when, from where.

    Rows are append-only; the admin shows them read-only.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField(_("user (at the time)"), max_length=255)
    action = models.CharField(_("action"), max_length=32, default="view")
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    path = models.CharField(_("path"), max_length=512, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user_label} {self.action} {self.object_type}#{self.object_id}"


class ScheduledJobRun(models.Model):
    """What the scheduler knows about one scheduled job (core.scheduling): one row per job name.

    `last_success_at` is when the newest successful run was enqueued: everything due by then has been
    handled, so the scheduler catches up (once) only when a slot after it was missed.
    """

    name = models.CharField(_("job"), max_length=100, unique=True)
    registered_at = models.DateTimeField(_("first seen by the scheduler"), default=timezone.now)
    last_enqueued_at = models.DateTimeField(_("last enqueued at"), null=True, blank=True)
    last_result_id = models.CharField(_("last task id"), max_length=64, blank=True)
    last_success_at = models.DateTimeField(_("last successful run enqueued at"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last run finished at"), null=True, blank=True)
    last_status = models.CharField(_("last run status"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("scheduled job run")
        verbose_name_plural = _("scheduled job runs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
