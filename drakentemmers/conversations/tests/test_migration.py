"""The data migrations move every old message into the component, with authors, bodies, times and read state.

Runs the real migrations on real rows: back to the state before the move, old rows written through the
historical models, then forward again.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.conversations.models import Message, Participant, ReadMarker, Thread
from drakentemmers.conversations.permissions import is_closed
from drakentemmers.directory.models import OrganisationMembership
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory
from drakentemmers.matching import services as matching_services
from drakentemmers.matching.models import Candidacy, RequestStatus
from drakentemmers.matching.tests.factories import care_request, therapist

BEFORE = [
    ("directory", "0005_erasure_keeps_other_party"),
    ("matching", "0005_erasure_keeps_other_party"),
    ("conversations", "0001_initial"),
]
AFTER = "latest"  # every app's newest migration: later migrations (e.g. matching 0008) must be back too


def _regions_ensure() -> None:
    # A transactional test flushes the tables, the regional data the session loaded once included.
    from drakentemmers.regions.models import Municipality
    from drakentemmers.regions.services import regions_load

    if not Municipality.objects.exists():
        regions_load()


@pytest.fixture(autouse=True)
def _back_to_latest(transactional_db):
    """Regional data for the factories; afterwards the latest state and the data again for later tests."""
    _regions_ensure()
    yield
    _migrate(AFTER)
    _regions_ensure()


def _migrate(targets):
    executor = MigrationExecutor(connection)
    if targets == AFTER:
        targets = executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_message_is_moved_with_author_body_time_and_read_state():
    organisation = OrganisationFactory(name="Opvang Oost")
    staff = make_user(Role.ORG_STAFF)
    OrganisationMembership.objects.create(organisation=organisation, user=staff)
    profile = TherapistProfileFactory()
    colleague_therapist = TherapistProfileFactory()
    request = care_request(staff=staff, status=RequestStatus.OPEN)
    candidate = therapist()
    candidacy = matching_services.candidacies_create(care_request=request, therapist_ids=[candidate.pk], by=staff)[0]

    old = _migrate(BEFORE)
    Conversation = old.get_model("directory", "Conversation")
    DirectoryMessage = old.get_model("directory", "Message")
    MatchingMessage = old.get_model("matching", "Message")
    t0 = timezone.now() - timedelta(days=30)
    shared = Conversation.objects.create(
        therapist_id=profile.pk,
        started_by_id=staff.pk,
        organisation_id=organisation.pk,
        subject="Plek voor een kind?",
        last_message_at=t0 + timedelta(hours=2),
        therapist_read_at=t0 + timedelta(hours=2),
        starter_read_at=t0 + timedelta(hours=1),
    )
    personal = Conversation.objects.create(
        therapist_id=profile.pk,
        started_by_id=colleague_therapist.user_id,
        subject="Intervisie",
        last_message_at=t0 + timedelta(hours=3),
    )
    rows = [
        (DirectoryMessage, {"conversation": shared, "sender_id": staff.pk, "body": "Heb je plek?"}, t0),
        (
            DirectoryMessage,
            {"conversation": shared, "sender_id": profile.user_id, "body": "Ja"},
            t0 + timedelta(hours=2),
        ),
        (
            DirectoryMessage,
            {"conversation": personal, "sender_id": None, "body": "Van een oud account"},
            t0 + timedelta(hours=3),
        ),
        (
            MatchingMessage,
            {
                "care_request_id": request.pk,
                "candidacy_id": candidacy.pk,
                "author_id": staff.pk,
                "from_organisation": True,
                "body": "Welke dagen?",
                "privacy_confirmed": True,
            },
            t0 + timedelta(days=1),
        ),
        (
            MatchingMessage,
            {
                "care_request_id": request.pk,
                "candidacy_id": candidacy.pk,
                "author_id": candidate.user_id,
                "from_organisation": False,
                "body": "Dinsdag",
            },
            t0 + timedelta(days=2),
        ),
    ]
    for model, fields, at in rows:
        row = model.objects.create(**fields)
        model.objects.filter(pk=row.pk).update(created_at=at)  # auto_now_add ignores a given value
    before = sorted(((f.get("sender_id", f.get("author_id")) or 0), f["body"], at) for _, f, at in rows)
    counts_before = DirectoryMessage.objects.count() + MatchingMessage.objects.count()

    _migrate(AFTER)

    assert Message.objects.count() == counts_before == 5
    assert (
        sorted((a or 0, b, t) for a, b, t in Message.objects.values_list("author_id", "body", "created_at")) == before
    )
    assert Thread.objects.filter(kind="contact").count() == 2 and Thread.objects.filter(kind="request").count() == 1
    moved = Thread.objects.get(key=f"directory.conversation:{shared.pk}")
    assert moved.subject == "Plek voor een kind?" and moved.about_id == profile.pk
    assert moved.last_message_at == t0 + timedelta(hours=2)
    assert set(moved.participants.values_list("user_id", "party_id")) == {
        (profile.user_id, None),
        (None, organisation.pk),
    }
    assert dict(moved.read_markers.values_list("user_id", "last_read_at")) == {
        profile.user_id: t0 + timedelta(hours=2),
        staff.pk: t0 + timedelta(hours=1),
    }
    assert moved.messages.get(author=staff).author_party_label == "Opvang Oost"
    personal_thread = Thread.objects.get(key=f"directory.conversation:{personal.pk}")
    assert set(personal_thread.participants.values_list("user_id", flat=True)) == {
        profile.user_id,
        colleague_therapist.user_id,
    }
    request_thread = Thread.objects.get(key=f"matching.candidacy:{candidacy.pk}")
    assert request_thread.about_id == candidacy.pk and request_thread.subject == request.title
    assert list(request_thread.messages.values_list("author_party_label", "privacy_confirmed")) == [
        ("Opvang Oost", True),
        ("", False),
    ]
    assert Participant.objects.filter(thread=request_thread, party_id=organisation.pk).exists()
    # No read state existed for request threads: they start read for both sides, not as a flood of unread.
    assert set(ReadMarker.objects.filter(thread=request_thread).values_list("user_id", flat=True)) == {
        staff.pk,
        candidate.user_id,
    }


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_reversed_without_loss():
    organisation = OrganisationFactory()
    staff = make_user(Role.ORG_STAFF)
    OrganisationMembership.objects.create(organisation=organisation, user=staff)
    profile = TherapistProfileFactory()
    old = _migrate(BEFORE)
    Conversation = old.get_model("directory", "Conversation")
    DirectoryMessage = old.get_model("directory", "Message")
    conversation = Conversation.objects.create(
        therapist_id=profile.pk, started_by_id=staff.pk, organisation_id=organisation.pk, subject="S"
    )
    DirectoryMessage.objects.create(conversation=conversation, sender_id=staff.pk, body="Een")
    _migrate(AFTER)
    old = _migrate(BEFORE)
    Conversation = old.get_model("directory", "Conversation")
    back = Conversation.objects.get()
    assert (back.pk, back.started_by_id, back.organisation_id, back.subject) == (
        conversation.pk,
        staff.pk,
        organisation.pk,
        "S",
    )
    assert list(old.get_model("directory", "Message").objects.values_list("body", flat=True)) == ["Een"]


@pytest.mark.django_db(transaction=True)
def test_rows_an_erasure_left_half_empty_move_to_the_side_that_is_left():
    """Since directory/matching 0005 an erased therapist or starter is NULL on the old rows (SET_NULL)."""
    organisation = OrganisationFactory(name="Opvang West")
    staff = make_user(Role.ORG_STAFF)
    OrganisationMembership.objects.create(organisation=organisation, user=staff)
    profile = TherapistProfileFactory()
    request = care_request(staff=staff, status=RequestStatus.OPEN)
    candidacy = matching_services.candidacies_create(care_request=request, therapist_ids=[therapist().pk], by=staff)[0]
    Candidacy.objects.filter(pk=candidacy.pk).update(therapist=None)

    old = _migrate(BEFORE)
    Conversation = old.get_model("directory", "Conversation")
    DirectoryMessage = old.get_model("directory", "Message")
    MatchingMessage = old.get_model("matching", "Message")
    no_therapist = Conversation.objects.create(
        therapist_id=None, started_by_id=staff.pk, organisation_id=organisation.pk, subject="Therapeut gewist"
    )
    no_starter = Conversation.objects.create(
        therapist_id=profile.pk, started_by_id=None, organisation_id=organisation.pk, subject="Starter gewist"
    )
    alone = Conversation.objects.create(therapist_id=profile.pk, started_by_id=None, subject="Collega gewist")
    for conversation, sender, body in (
        (no_therapist, staff.pk, "Heb je plek?"),
        (no_therapist, None, "[verwijderd]"),
        (no_starter, None, "Namens de opvang"),
        (no_starter, profile.user_id, "Ja"),
        (alone, None, "[verwijderd]"),
    ):
        DirectoryMessage.objects.create(conversation=conversation, sender_id=sender, body=body)
    MatchingMessage.objects.create(
        care_request_id=request.pk, candidacy_id=candidacy.pk, author_id=staff.pk, from_organisation=True, body="Hoi"
    )

    _migrate(AFTER)

    assert Message.objects.count() == 6
    gone_therapist = Thread.objects.get(key=f"directory.conversation:{no_therapist.pk}")
    assert gone_therapist.about_id is None and gone_therapist.about_type is None
    assert list(gone_therapist.participants.values_list("user_id", "party_id")) == [(None, organisation.pk)]
    assert dict(gone_therapist.messages.values_list("body", "author_party_label")) == {
        "Heb je plek?": "Opvang West",
        "[verwijderd]": "",
    }
    assert is_closed(gone_therapist)
    # The starter wrote for the organisation: it keeps the thread with the therapist, who can still answer.
    gone_starter = Thread.objects.get(key=f"directory.conversation:{no_starter.pk}")
    assert set(gone_starter.participants.values_list("user_id", "party_id")) == {
        (profile.user_id, None),
        (None, organisation.pk),
    }
    assert dict(gone_starter.messages.values_list("body", "author_party_label")) == {
        "Namens de opvang": "Opvang West",
        "Ja": "",
    }
    assert not is_closed(gone_starter)
    alone_thread = Thread.objects.get(key=f"directory.conversation:{alone.pk}")
    assert list(alone_thread.participants.values_list("user_id", flat=True)) == [profile.user_id]
    assert is_closed(alone_thread)
    request_thread = Thread.objects.get(key=f"matching.candidacy:{candidacy.pk}")
    assert list(request_thread.participants.values_list("user_id", "party_id")) == [(None, organisation.pk)]
    assert set(request_thread.read_markers.values_list("user_id", flat=True)) == {staff.pk}
    assert is_closed(request_thread)
