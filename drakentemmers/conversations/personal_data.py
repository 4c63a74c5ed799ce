"""GDPR export and erasure for conversations (registered with accounts' registry in accounts/apps.py).

One rule for every thread kind (contact, request threads, later ones), one function per model:

* the other side's messages stay (they are that side's record of the conversation), with the erased
  person's name and address replaced ("Dear Fenna, ..." becomes "Dear [verwijderd], ...");
* the erased person's own messages keep their place in the thread (so the replies still make sense) but
  lose their author and their text, except a message written for an organisation (``author_party_label``
  set): that is the organisation's record, so it keeps its text with the name replaced;
* the person stops taking part (participant rows and read markers go); a thread left with one side is
  closed (``permissions.is_closed``). Subjects of the person's threads lose the name as well.
"""

from django.db import transaction
from django.db.models import Q, QuerySet

from drakentemmers.core.erasure import ERASED, redact

from .models import Message, Participant, ReadMarker, Thread


def personal_data_export(user) -> dict:
    return {
        "messages_sent": [
            {"conversation": m.thread.subject, "sent_at": m.created_at.isoformat(), "body": m.body}
            for m in Message.objects.filter(author=user).select_related("thread").order_by("created_at", "pk")
        ],
        "conversations": list(
            Participant.objects.filter(user=user).values_list("thread__subject", flat=True).order_by("thread_id")
        ),
    }


def _words_of(user) -> list[str]:
    """Address and name, as ``accounts.personal_data.words_of`` (not imported: this app imports no domain app)."""
    return [user.email, user.get_full_name(), user.first_name, user.last_name]


def _threads_of(user) -> QuerySet[Thread]:
    """Threads the person took part in as themselves, or wrote in (also for an organisation)."""
    return Thread.objects.filter(Q(participants__user=user) | Q(messages__author=user)).distinct()


@transaction.atomic
def personal_data_erase(user) -> None:
    words = _words_of(user)
    threads = list(_threads_of(user).values_list("pk", flat=True))
    message_erase(user, threads=threads, words=words)
    thread_erase(threads=threads, words=words)
    participant_erase(user)
    read_marker_erase(user)


def message_erase(user, *, threads: list[int], words: list[str]) -> None:
    for message in Message.objects.filter(thread_id__in=threads):
        if message.author_id != user.pk:
            body = redact(message.body, words)
            if body != message.body:
                message.body = body
                message.save(update_fields=["body"])
            continue
        message.body = redact(message.body, words) if message.author_party_label else ERASED
        message.author = None
        message.save(update_fields=["body", "author"])


def thread_erase(*, threads: list[int], words: list[str]) -> None:
    for thread in Thread.objects.filter(pk__in=threads):
        subject = redact(thread.subject, words)
        if subject != thread.subject:
            thread.subject = subject
            thread.save(update_fields=["subject"])


def participant_erase(user) -> None:
    Participant.objects.filter(user=user).delete()


def read_marker_erase(user) -> None:
    ReadMarker.objects.filter(user=user).delete()
