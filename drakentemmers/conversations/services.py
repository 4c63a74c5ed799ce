"""Writes: start a thread, post a message, mark a thread read.

``message_post`` is the one way a message is stored: it runs the privacy guard again (a valid BSN, a street
address or a full postcode is refused even when the user confirmed the form's findings), refuses closed
threads and non-participants, and queues a notice per other participant that holds only a link, never the
subject or the message.
"""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.core import navigation
from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_notice

from .models import Message, Participant, ReadMarker, Thread
from .permissions import can_view_thread, is_closed
from .registry import party_resolver_for, thread_kind
from .selectors import author_party_for, thread_members


def thread_url(thread: Thread) -> str:
    """Where the thread is read: the app's own page for its kind, or the shared thread page."""
    kind = thread_kind(thread.kind)
    return kind.url(thread) if kind.url else reverse("conversations:thread", args=[thread.pk])


def _participant(thread: Thread, who: models.Model) -> Participant:
    if isinstance(who, get_user_model()):
        return Participant(thread=thread, user=who)
    party_resolver_for(type(who))  # fail early for a party nobody can resolve
    return Participant(thread=thread, party_type=ContentType.objects.get_for_model(who), party_id=who.pk)


@transaction.atomic
def thread_get_or_create(
    *,
    kind: str,
    subject: str,
    participants: Iterable[models.Model],
    about: models.Model | None = None,
    key: str | None = None,
) -> Thread:
    """A thread between the given persons (users) and parties; with a key, the existing one if any.

    Without messages a thread shows in no inbox, so creating one ahead of the first message is harmless.
    """
    if key:
        existing = Thread.objects.select_for_update().filter(key=key).first()
        if existing:
            return existing
    subject = " ".join(subject.split())
    privacy_assert_storable({"subject": subject})
    thread = Thread(kind=kind, key=key or None, subject=subject)
    if about is not None:
        thread.about_type = ContentType.objects.get_for_model(about)
        thread.about_id = about.pk
    thread.full_clean()
    thread.save()
    rows = [_participant(thread, who) for who in participants]
    for row in rows:
        row.full_clean(exclude=["thread"])
    Participant.objects.bulk_create(rows)
    navigation.frame_changed()  # bulk_create sends no signal: the participants' menus count the new thread
    return thread


@transaction.atomic
def thread_create(
    *,
    kind: str,
    subject: str,
    author,
    body: str,
    participants: Iterable[models.Model],
    about: models.Model | None = None,
    key: str | None = None,
    privacy_confirmed: bool = False,
) -> Thread:
    """Start a thread with its first message (the author must be among the participants, or act for one)."""
    if not subject.strip():
        raise ValidationError({"subject": _("Write a subject.")})
    if not body.strip():
        raise ValidationError({"body": _("Write a message.")})
    privacy_assert_storable({"subject": subject, "body": body})
    thread = thread_get_or_create(kind=kind, subject=subject, participants=participants, about=about, key=key)
    message_post(thread=thread, author=author, body=body, privacy_confirmed=privacy_confirmed)
    return thread


def _notify(*, thread: Thread, author) -> None:
    """One notice per recipient, in their own language, with only the link (no subject, no content)."""
    url = settings.SITE_URL + thread_url(thread)
    for user in thread_members(thread):
        if user.pk == author.pk or not user.email:
            continue
        email_notice(
            to=[user.email],
            template_prefix="conversations/email/new_message",
            context={"url": url},
            language=getattr(user, "preferred_language", None) or None,
        )


@transaction.atomic
def message_post(*, thread: Thread, author, body: str, privacy_confirmed: bool = False) -> Message:
    """Store a message, mark the thread read for its author and notify the other participants.

    Raises PermissionDenied for someone who does not take part, ValidationError for a closed thread,
    an empty message, or a BSN, street address or full postcode (no confirmation overrides that).
    """
    if not can_view_thread(author, thread):
        raise PermissionDenied(_("You do not take part in this conversation."))
    if is_closed(thread):
        raise ValidationError(_("This conversation is closed."), code="closed")
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    privacy_assert_storable({"body": body})
    # In a group's own space (a one-party thread) naming the group next to every author says nothing.
    party = None if thread_kind(thread.kind).one_party else author_party_for(thread, author)
    now = timezone.now()
    message = Message(
        thread=thread,
        author=author,
        author_party_label=party_resolver_for(type(party)).label(party)[:255] if party is not None else "",
        body=body,
        privacy_confirmed=privacy_confirmed,
        created_at=now,
    )
    message.full_clean()
    message.save()
    Thread.objects.filter(pk=thread.pk).update(last_message_at=now)
    navigation.frame_changed()  # the unread counts in the participants' menus (update() sends no signal)
    thread.last_message_at = now
    thread_mark_read(thread=thread, user=author, at=now)
    _notify(thread=thread, author=author)
    return message


def threads_about_forget(*, about: models.Model) -> int:
    """The record threads are about is deleted (e.g. an erased therapist's profile): the threads stay for
    the other side, about nothing (like a SET_NULL foreign key). Returns the number of threads changed."""
    changed = Thread.objects.filter(about_type=ContentType.objects.get_for_model(about), about_id=about.pk).update(
        about_type=None, about_id=None
    )
    if changed:
        navigation.frame_changed()
    return changed


def thread_mark_read(*, thread: Thread, user, at: datetime | None = None) -> None:
    """Record that the user has read the thread up to now (never moves the marker backwards)."""
    at = at or timezone.now()
    updated = ReadMarker.objects.filter(thread=thread, user=user, last_read_at__lt=at).update(last_read_at=at)
    if updated:
        navigation.frame_changed()  # the unread count in the menu drops (update() sends no signal)
    else:
        ReadMarker.objects.get_or_create(thread=thread, user=user, defaults={"last_read_at": at})
