"""The thread between an organisation (as a party: its verified staff share it) and one candidate therapist.

One thread per Candidacy in the shared conversation component, created with the first message. E-mail only
says there is a new message (the component's notice, a link and nothing else).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from drakentemmers.conversations.models import Message, Thread
from drakentemmers.conversations.registry import ThreadKind
from drakentemmers.conversations.selectors import thread_by_key
from drakentemmers.conversations.services import message_post, thread_get_or_create

from ..models import Candidacy, CandidacyStatus

REQUEST_THREAD_KIND = "request"
# Once a candidacy is withdrawn or expired the thread is read-only: the therapist is no longer involved.
CLOSED_THREAD_STATUSES = frozenset({CandidacyStatus.WITHDRAWN, CandidacyStatus.EXPIRED})


def candidacy_thread_key(candidacy_id: int) -> str:
    return f"matching.candidacy:{candidacy_id}"


def thread_is_open(candidacy: Candidacy) -> bool:
    """A thread takes new messages while the candidacy and request are live and the therapist still exists.

    An offer the organisation has not accepted has no thread at all (``get_candidacy_for_thread`` gives 404):
    the therapist may not yet, or no longer, learn who the organisation is, so neither side can write.
    """
    return (
        candidacy.therapist_id is not None
        and candidacy.reveals_request
        and candidacy.status not in CLOSED_THREAD_STATUSES
        and not candidacy.care_request.is_final
    )


def candidacy_thread(candidacy: Candidacy) -> Thread | None:
    return thread_by_key(candidacy_thread_key(candidacy.pk))


def _thread_closed(thread: Thread) -> bool:
    """The conversation component asks this before every post (``message_post``), whoever calls it."""
    candidacy = Candidacy.objects.select_related("care_request").filter(pk=thread.about_id).first()
    return candidacy is None or not thread_is_open(candidacy)


REQUEST_THREAD = ThreadKind(
    key=REQUEST_THREAD_KIND,
    url=lambda thread: reverse("matching:thread", args=[thread.about_id]),
    is_closed=_thread_closed,
)


@transaction.atomic
def message_send(*, candidacy: Candidacy, author, body: str, privacy_confirmed: bool = False) -> Message:
    """Post in the candidacy's thread (creating it on the first message) as the organisation or the therapist."""
    if not thread_is_open(candidacy):
        raise ValidationError(_("This conversation is closed."))
    thread = thread_get_or_create(
        kind=REQUEST_THREAD_KIND,
        key=candidacy_thread_key(candidacy.pk),
        subject=candidacy.care_request.title,
        participants=[candidacy.care_request.organisation, candidacy.therapist.user],
        about=candidacy,
    )
    return message_post(thread=thread, author=author, body=body, privacy_confirmed=privacy_confirmed)
