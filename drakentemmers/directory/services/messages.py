"""Contact between organisation staff and therapists: conversations and messages."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.accounts.models import User
from drakentemmers.core.services import email_queue_template

from ..models import (
    Conversation,
    Message,
    Organisation,
    TherapistProfile,
)
from ._common import _site_url


def _notify_new_message(*, conversation: Conversation, recipient: User) -> None:
    """Only 'you have a new message' with a link: the content stays inside the platform."""
    email_queue_template(
        to=[recipient.email],
        template_prefix="directory/email/new_message",
        context={"url": _site_url(reverse("directory:conversation_detail", args=[conversation.pk]))},
        language=recipient.preferred_language,
    )


@transaction.atomic
def conversation_start(
    *, therapist: TherapistProfile, sender: User, subject: str, body: str, organisation: Organisation | None = None
) -> Conversation:
    if therapist.user_id == sender.pk:
        raise ValidationError(_("You cannot send a message to yourself."), code="self")
    now = timezone.now()
    conversation = Conversation(
        therapist=therapist,
        started_by=sender,
        organisation=organisation,
        subject=subject.strip(),
        last_message_at=now,
        starter_read_at=now,
    )
    conversation.full_clean()
    conversation.save()
    message = Message(conversation=conversation, sender=sender, body=body.strip())
    message.full_clean()
    message.save()
    _notify_new_message(conversation=conversation, recipient=therapist.user)
    return conversation


def conversation_is_open(conversation: Conversation) -> bool:
    """Both parties still exist: after an erasure the other party keeps the thread, read-only."""
    return conversation.therapist_id is not None and conversation.started_by_id is not None


@transaction.atomic
def message_send(*, conversation: Conversation, sender: User, body: str) -> Message:
    if not conversation_is_open(conversation):
        raise ValidationError(_("This conversation is closed: the other person's account has been erased."))
    message = Message(conversation=conversation, sender=sender, body=body.strip())
    message.full_clean()
    message.save()
    now = timezone.now()
    conversation.last_message_at = now
    is_therapist = sender.pk == conversation.therapist.user_id
    if is_therapist:
        conversation.therapist_read_at = now
    else:
        conversation.starter_read_at = now
    conversation.save(update_fields=["last_message_at", "therapist_read_at", "starter_read_at"])
    recipient = conversation.started_by if is_therapist else conversation.therapist.user
    _notify_new_message(conversation=conversation, recipient=recipient)
    return message


def conversation_mark_read(*, conversation: Conversation, user: User) -> None:
    is_therapist = conversation.therapist is not None and user.pk == conversation.therapist.user_id
    field = "therapist_read_at" if is_therapist else "starter_read_at"
    Conversation.objects.filter(pk=conversation.pk).update(**{field: timezone.now()})
