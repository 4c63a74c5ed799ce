"""One conversation component: threads, who takes part, messages and read markers.

A participant is a person (a user) or a party (any object, e.g. an organisation, whose members are
resolved through ``registry.register_party_resolver``), so a thread of an organisation is shared by its
verified staff without this app knowing what an organisation is.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SUBJECT_MAX_LENGTH = 150
BODY_MAX_LENGTH = 5000


class Thread(models.Model):
    kind = models.CharField(_("kind"), max_length=32, help_text=_("Which app's thread this is, e.g. contact."))
    # A natural key for threads that exist once per thing ("matching.candidacy:42"), and for the threads
    # moved from the old models ("directory.conversation:7"), so old links can be redirected.
    key = models.CharField(_("key"), max_length=100, unique=True, null=True, blank=True, editable=False)
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    about_type = models.ForeignKey(
        ContentType, verbose_name=_("about (type)"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Null until the first message: a thread without messages is not shown in any inbox.
    last_message_at = models.DateTimeField(_("last message at"), null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-pk"]
        indexes = [
            models.Index(fields=["-last_message_at", "-id"], name="conv_thread_recent"),
            models.Index(fields=["about_type", "about_id"], name="conv_thread_about"),
        ]

    def __str__(self) -> str:
        return self.subject


class Participant(models.Model):
    """A person, or a party whose members share the thread; exactly one of the two."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversation_participations",
    )
    party_type = models.ForeignKey(
        ContentType, verbose_name=_("party (type)"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    party_id = models.PositiveBigIntegerField(_("party (id)"), null=True, blank=True)
    party = GenericForeignKey("party_type", "party_id")

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(party_type__isnull=True) & Q(party_id__isnull=True))
                | (Q(user__isnull=True) & Q(party_type__isnull=False) & Q(party_id__isnull=False)),
                name="conv_participant_person_or_party",
            ),
            models.UniqueConstraint(
                fields=["thread", "user"], condition=Q(user__isnull=False), name="conv_participant_unique_user"
            ),
            models.UniqueConstraint(
                fields=["thread", "party_type", "party_id"],
                condition=Q(party_id__isnull=False),
                name="conv_participant_unique_party",
            ),
        ]
        # The inbox looks participants up by user and by party, then joins to the thread.
        indexes = [
            models.Index(fields=["user", "thread"], name="conv_participant_user"),
            models.Index(fields=["party_type", "party_id", "thread"], name="conv_participant_party"),
        ]

    def __str__(self) -> str:
        return str(self.user or self.party)


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversation_messages",
    )
    # The party the author wrote for, as it was called then (an organisation may be renamed later).
    author_party_label = models.CharField(_("on behalf of"), max_length=255, blank=True)
    body = models.TextField(_("message"), max_length=BODY_MAX_LENGTH)
    privacy_confirmed = models.BooleanField(
        _("possible personal data confirmed as not about the client"), default=False
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"], name="conv_message_thread")]

    def __str__(self) -> str:
        return f"{self.thread_id}: {self.created_at:%Y-%m-%d %H:%M}"


class ReadMarker(models.Model):
    """Up to when one person has read one thread (each colleague of a party has their own)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_markers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField(_("last read at"))

    class Meta:
        verbose_name = _("read marker")
        verbose_name_plural = _("read markers")
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="conv_readmarker_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} at {self.last_read_at:%Y-%m-%d %H:%M}"
