"""Reads: the inbox, unread counts, who takes part in a thread.

The inbox is a fixed number of queries whatever the number of threads: the user's parties are a
subquery per registered party model, the read state a correlated subquery, participants one prefetch.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Case, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext as _

from .models import Message, Participant, ReadMarker, Thread
from .registry import party_resolver_for, party_resolvers, thread_kind

INBOX_PAGE_SIZE = 100


def participant_q(user) -> Q:
    """Participant rows that stand for this user: the user, or a party the user acts for."""
    q = Q(user=user)
    for model, resolver in party_resolvers().items():
        content_type = ContentType.objects.get_for_model(model)  # cached after the first call
        q |= Q(party_type=content_type, party_id__in=resolver.parties_of(user).values("pk"))
    return q


def threads_for_user(user) -> QuerySet[Thread]:
    """Every thread with messages the user takes part in, directly or through a party; newest first.

    Each thread carries ``last_read_at`` (the user's own read marker) and ``is_unread``.
    """
    if not user.is_authenticated:
        return Thread.objects.none()
    mine = Participant.objects.filter(participant_q(user)).values("thread_id")
    last_read = ReadMarker.objects.filter(thread=OuterRef("pk"), user=user).values("last_read_at")[:1]
    return (
        Thread.objects.filter(pk__in=mine, last_message_at__isnull=False)
        .annotate(last_read_at=Subquery(last_read))
        .annotate(
            is_unread=Case(
                When(Q(last_read_at__isnull=True) | Q(last_message_at__gt=F("last_read_at")), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-last_message_at", "-pk")
    )


def unread_count_for_user(user) -> int:
    """How many threads have a message the user has not read yet (one query)."""
    if not user.is_authenticated:
        return 0
    return threads_for_user(user).filter(is_unread=True).count()


def _label(participant: Participant) -> str:
    if participant.user_id:
        return participant.user.get_full_name() or participant.user.email
    if participant.party is None:
        return ""
    return party_resolver_for(type(participant.party)).label(participant.party)


def my_party_keys(user) -> set[tuple[int, int]]:
    """(content type id, object id) of every party the user acts for: one query per party model."""
    keys = set()
    for model, resolver in party_resolvers().items():
        content_type = ContentType.objects.get_for_model(model)
        keys.update((content_type.pk, pk) for pk in resolver.parties_of(user).values_list("pk", flat=True))
    return keys


def with_other_labels(threads, user) -> list[Thread]:
    """Give each thread ``others``: the names of the participants that are not the user or the user's party.

    A thread is started between two sides, so one without another side lost it to an erasure: "Former user".
    """
    mine = my_party_keys(user)
    threads = list(threads)
    for thread in threads:
        if thread_kind(thread.kind).one_party:  # a group's space: name the group
            thread.others = [_label(p) for p in thread.participants.all()]
            continue
        thread.others = [
            _label(p)
            for p in thread.participants.all()
            if p.user_id != user.pk and (p.party_type_id, p.party_id) not in mine
        ] or [_("Former user")]
    return threads


def inbox_threads(user, *, limit: int = INBOX_PAGE_SIZE) -> list[Thread]:
    participants = Prefetch(
        "participants", queryset=Participant.objects.select_related("user").prefetch_related("party")
    )
    return with_other_labels(threads_for_user(user).prefetch_related(participants)[:limit], user)


def thread_messages(thread: Thread) -> QuerySet[Message]:
    return thread.messages.select_related("author").order_by("created_at", "pk")


def thread_by_key(key: str) -> Thread | None:
    return Thread.objects.filter(key=key).first()


def thread_members(thread: Thread) -> list:
    """Every user who takes part now: the persons, and the current members of each party."""
    users = {}
    for participant in thread.participants.select_related("user", "party_type"):
        if participant.user_id:
            users[participant.user_id] = participant.user
        elif participant.party is not None:
            resolver = party_resolver_for(type(participant.party))
            for member in resolver.members(participant.party):
                users[member.pk] = member
    return [user for user in users.values() if user.is_active]


def author_party_for(thread: Thread, user):
    """The party of this thread the user acts for, or None (they take part as themselves)."""
    for participant in thread.participants.filter(party_id__isnull=False).select_related("party_type"):
        party = participant.party
        if party is None:
            continue
        resolver = party_resolver_for(type(party))
        if resolver.parties_of(user).filter(pk=party.pk).exists():
            return party
    return None
