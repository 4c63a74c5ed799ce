"""Who may read and post in a thread. Views call ``get_thread_for_user`` first.

Only participants read a thread (a person, or a member of a participating party). Anyone else gets 404,
so that a thread's existence does not leak; the platform team reads no thread here (an app that lets it
read its threads read-only, like matching, does so on its own page with its own rule).
"""

from django.http import Http404

from .models import Participant, Thread
from .registry import thread_kind
from .selectors import participant_q


def is_participant(user, thread: Thread) -> bool:
    if not user.is_authenticated:
        return False
    cache = user.__dict__.setdefault("_thread_participation", {})
    if thread.pk not in cache:
        cache[thread.pk] = Participant.objects.filter(thread=thread).filter(participant_q(user)).exists()
    return cache[thread.pk]


def is_one_sided(thread: Thread) -> bool:
    """Only one side is left: the other person's account was erased (``personal_data`` removes them).

    A thread of a one-party kind (a group's space) has a single participant by design.
    """
    if thread_kind(thread.kind).one_party:
        return False
    return thread.participants.count() < 2


def is_closed(thread: Thread) -> bool:
    """Nobody posts in a thread its kind closed (a withdrawn candidacy), nor in one left with one side."""
    return thread_kind(thread.kind).is_closed(thread) or is_one_sided(thread)


def can_view_thread(user, thread: Thread) -> bool:
    return is_participant(user, thread)


def can_post(user, thread: Thread) -> bool:
    return can_view_thread(user, thread) and not is_closed(thread)


def get_thread_for_user(user, pk: int) -> Thread:
    thread = Thread.objects.filter(pk=pk).first()
    if thread is None or not can_view_thread(user, thread):
        raise Http404
    return thread
