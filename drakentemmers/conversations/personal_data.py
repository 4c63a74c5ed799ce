"""GDPR export and erasure for conversations (registered with accounts' registry in accounts/apps.py).

Erasure keeps every message: each is also the other party's record of the conversation, and messages
are written for a professional purpose, never about the writer's private life. The erased person is
removed as author (shown as "former user"), as a participant and from the read markers.
"""

from django.db import transaction

from .models import Message, Participant, ReadMarker


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


@transaction.atomic
def personal_data_erase(user) -> None:
    Message.objects.filter(author=user).update(author=None)
    Participant.objects.filter(user=user).delete()
    ReadMarker.objects.filter(user=user).delete()
