"""Contact a therapist: a thread in the shared conversation component, about the therapist's profile.

A staff member writes on behalf of their organisation, so the thread belongs to the organisation (its
verified staff share it); a colleague therapist writes as themselves.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from drakentemmers.accounts.models import User
from drakentemmers.conversations.models import Thread
from drakentemmers.conversations.services import thread_create

from ..models import Organisation, TherapistProfile

CONTACT_THREAD_KIND = "contact"
# Threads moved from the old directory Conversation model carry this key, so old e-mail links still work.
LEGACY_CONVERSATION_KEY = "directory.conversation:{pk}"


@transaction.atomic
def conversation_start(
    *,
    therapist: TherapistProfile,
    sender: User,
    subject: str,
    body: str,
    organisation: Organisation | None = None,
    privacy_confirmed: bool = False,
) -> Thread:
    if therapist.user_id == sender.pk:
        raise ValidationError(_("You cannot send a message to yourself."), code="self")
    return thread_create(
        kind=CONTACT_THREAD_KIND,
        subject=subject,
        author=sender,
        body=body,
        participants=[therapist.user, organisation if organisation is not None else sender],
        about=therapist,
        privacy_confirmed=privacy_confirmed,
    )
