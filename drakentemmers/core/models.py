import secrets
from datetime import timedelta

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


def invitation_token() -> str:
    """43 URL-safe characters from the OS's random source: unguessable, so the link itself is the secret."""
    return secrets.token_urlsafe(32)


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("open")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    EXPIRED = "expired", _("expired")


class TokenInvitation(models.Model):
    """An invitation by e-mail whose link (the token) works once, for one person, until it expires.

    Accounts (into a role) and directory (into an organisation) use it; questionnaires and intervision
    groups will. Look the token up with `core.permissions.invitation_lookup` (unknown, expired and used
    tokens are indistinguishable) and accept with `core.services.invitation_claim` (checks the e-mail,
    claims at most once under a row lock, then calls `grant`).

    A new kind of invitation supplies three things:

    1. `VALID_DAYS`: how long its link works (a class attribute, an int); `expires_at` is filled from it on
       the first save unless the service sets it.
    2. `grant(user)`: what accepting gives the user (a role, a membership, a questionnaire slot...). It runs
       inside the claim's transaction, after the checks, at most once per invitation; return what it made.
    3. `get_absolute_url()`: its accept page, a view that calls `invitation_lookup` and on POST
       `invitation_claim`; the invitation e-mail links to it.

    Plus the fields that say what the invitation is into (a role, an organisation) and its own
    `Meta` (verbose names; ordering is inherited).
    """

    VALID_DAYS: int = 14

    email = models.EmailField(_("e-mail address"))
    # unique, so the database indexes it: the lookup by token is one index probe.
    token = models.CharField(_("token"), max_length=64, unique=True, default=invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # blank=True so full_clean() passes before save() fills it in from VALID_DAYS.
    expires_at = models.DateTimeField(_("expires at"), blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def save(self, *args, **kwargs) -> None:
        # A field default cannot know the concrete class, so the expiry is filled in here.
        if self.expires_at is None:
            self.expires_at = timezone.now() + timedelta(days=self.valid_days())
        super().save(*args, **kwargs)

    @classmethod
    def valid_days(cls) -> int:
        return cls.VALID_DAYS

    def grant(self, user) -> object:
        raise NotImplementedError(f"{type(self).__name__} must say what accepting it grants.")

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and timezone.now() >= self.expires_at

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.declined_at is None and not self.is_expired

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.declined_at is not None:
            return InvitationStatus.DECLINED
        if self.is_expired:
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING


class NoticePreference(models.Model):
    """How a person wants e-mail about events (new messages, invitations, answers): at once, or one daily digest.

    Mail that must arrive at once (password reset, sign-up, security) never waits for the digest.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notice_preference"
    )
    daily_digest = models.BooleanField(_("one e-mail a day"), default=False)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {'daily' if self.daily_digest else 'at once'}"


class DigestItem(models.Model):
    """A notice kept for the recipient's next daily digest; deleted once the digest is in the outbox."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="digest_items"
    )
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("notice for the daily digest")
        verbose_name_plural = _("notices for the daily digest")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.subject
