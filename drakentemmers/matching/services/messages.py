"""Messages between an organisation and one invited therapist; e-mail only says there is a new message."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from drakentemmers.core.privacy.guard import privacy_assert_no_bsn
from drakentemmers.core.services import email_queue_template

from ..models import Candidacy, CandidacyStatus, Message
from .requests import organisation_recipients

# Once an invitation is withdrawn or expired the thread is read-only: the therapist is no longer involved.
CLOSED_THREAD_STATUSES = frozenset({CandidacyStatus.WITHDRAWN, CandidacyStatus.EXPIRED})


def thread_is_open(candidacy: Candidacy) -> bool:
    """A thread takes new messages while the candidacy and request are live and the therapist still exists."""
    return (
        candidacy.therapist_id is not None
        and candidacy.reveals_request
        and candidacy.status not in CLOSED_THREAD_STATUSES
        and not candidacy.care_request.is_final
    )


@transaction.atomic
def message_send(
    *, candidacy: Candidacy, author, body: str, from_organisation: bool, privacy_confirmed: bool = False
) -> Message:
    if not thread_is_open(candidacy):
        raise ValidationError(_("This conversation is closed."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    privacy_assert_no_bsn({"body": body})
    message = Message(
        care_request=candidacy.care_request,
        candidacy=candidacy,
        author=author,
        from_organisation=from_organisation,
        body=body,
        privacy_confirmed=privacy_confirmed,
    )
    message.full_clean()
    message.save()
    if from_organisation:
        to = [candidacy.therapist.user.email]
        language = candidacy.therapist.user.preferred_language
    else:
        to, language = organisation_recipients(candidacy.care_request), None
    email_queue_template(
        to=to,
        template_prefix="matching/email/message_new",
        context={"care_request": candidacy.care_request, "candidacy": candidacy},
        language=language,
    )
    return message
