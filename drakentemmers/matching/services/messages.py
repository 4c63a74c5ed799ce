"""Messages between an organisation and one invited therapist; e-mail only says there is a new message."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from drakentemmers.core.services import email_queue_template

from ..models import Invitation, InvitationStatus, Message
from .privacy import privacy_assert_no_bsn
from .requests import organisation_recipients

# Once an invitation is withdrawn or expired the thread is read-only: the therapist is no longer involved.
CLOSED_THREAD_STATUSES = frozenset({InvitationStatus.WITHDRAWN, InvitationStatus.EXPIRED})


@transaction.atomic
def message_send(
    *, invitation: Invitation, author, body: str, from_organisation: bool, privacy_confirmed: bool = False
) -> Message:
    if invitation.status in CLOSED_THREAD_STATUSES or invitation.care_request.is_final:
        raise ValidationError(_("This conversation is closed."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    privacy_assert_no_bsn({"body": body})
    message = Message(
        care_request=invitation.care_request,
        invitation=invitation,
        author=author,
        from_organisation=from_organisation,
        body=body,
        privacy_confirmed=privacy_confirmed,
    )
    message.full_clean()
    message.save()
    if from_organisation:
        to = [invitation.therapist.user.email]
        language = invitation.therapist.user.preferred_language
    else:
        to, language = organisation_recipients(invitation.care_request), None
    email_queue_template(
        to=to,
        template_prefix="matching/email/message_new",
        context={"care_request": invitation.care_request, "invitation": invitation},
        language=language,
    )
    return message
