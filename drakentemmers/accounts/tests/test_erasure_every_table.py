"""Finding 6 (issue 15): after erasure no table holds the person's name, e-mail address or BIG number,
and the other party's records (their messages, the organisation's request history) still exist.

The search is generic: every text, char and JSON column of every model Django knows (``apps.get_models``),
so a new model (like the conversation component) is covered without changing this test.
"""

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.db import models
from django.db.models import Q
from django.urls import reverse

from drakentemmers.accounts.services import user_details_update, user_erase
from drakentemmers.conversations.models import Message, Thread
from drakentemmers.conversations.services import message_post
from drakentemmers.core.models import AccessLogEntry, OutgoingEmail
from drakentemmers.directory import services as directory_services
from drakentemmers.directory.models import TherapistProfile
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.matching import services as matching_services
from drakentemmers.matching.models import Candidacy, CandidacyStatus, RequestStatus
from drakentemmers.matching.services.messages import candidacy_thread
from drakentemmers.matching.tests.factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db

IP = "198.51.100.77"
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def leftovers(tokens: list[str]) -> dict[str, list[str]]:
    """Every model and column that still contains any token, as {model label: [column, ...]}."""
    found: dict[str, list[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            query = Q()
            for token in tokens:
                query |= Q(**{f"{field.name}__icontains": token})
            if model._default_manager.filter(query).exists():
                found.setdefault(model._meta.label, []).append(field.name)
    return found


@pytest.fixture
def persona(client_for):
    """A rich therapist and an organisation staff member, with traces in every app and shared table."""
    staff = org_staff(first_name="Wigbolda", last_name="Zeldenrust", email="wigbolda.zeldenrust@opvang.example")
    profile = therapist(
        user__first_name="Quirijntje",
        user__last_name="Vlasbloemer",
        user__email="quirijntje.vlasbloemer@praktijk.example",
        big_number="49123456789",
    )
    user = profile.user
    # Matching: invited, accepted, messages both ways (the organisation greets the therapist by name).
    invited_on = care_request(staff=staff, status=RequestStatus.OPEN)
    candidacy = matching_services.candidacies_create(care_request=invited_on, therapist_ids=[profile.pk], by=staff)[0]
    matching_services.candidacy_accept(candidacy=candidacy)
    matching_services.message_send(candidacy=candidacy, author=staff, body="Beste Quirijntje, kun je dinsdag?")
    matching_services.message_send(candidacy=candidacy, author=user, body="Ja. Groet, Quirijntje Vlasbloemer")
    # Matching: an offer on another request.
    offered_on = care_request(staff=staff, status=RequestStatus.OPEN)
    matching_services.candidacy_offer(care_request=offered_on, therapist=profile)
    # Directory: a contact thread started by other staff as themselves, the therapist replies.
    other_staff = org_staff()
    conversation = directory_services.conversation_start(
        therapist=profile,
        sender=other_staff,
        subject="Vraag aan Quirijntje Vlasbloemer",
        body="Beste Quirijntje, heb je plek?",
    )
    message_post(thread=conversation, author=user, body="Groet, Quirijntje (BIG 49123456789)")
    # Directory: the staff member contacts another therapist for the organisation, who replies.
    colleague = TherapistProfileFactory()
    staff_conversation = directory_services.conversation_start(
        therapist=colleague,
        sender=staff,
        subject="Vraag van Wigbolda",
        body="Groet, Wigbolda Zeldenrust",
        organisation=staff.organisation_memberships.first().organisation,
    )
    message_post(thread=staff_conversation, author=colleague.user, body="Dag Wigbolda, ja.")
    # Reads (access log, label = e-mail), a change through a request (audit log with actor and IP),
    # a name change (outbox mail "checked again") and a changed BIG number (audit row with old and new).
    client = client_for(user)
    client_for(staff).get(reverse("matching:request_detail", args=[invited_on.pk]), REMOTE_ADDR=IP)
    assert client.get(reverse("matching:request_detail", args=[invited_on.pk]), REMOTE_ADDR=IP).status_code == 200
    step = {
        "first_name": "Quirijntje",
        "last_name": "Vlasbloemer",
        "profession": profile.profession_id,
        "registration_kind": "big",
        "big_number": "49123456780",
        "practice_name": "Praktijk De Brug",
    }
    url = reverse("directory:therapist_step", kwargs={"step": "profession"})
    assert client.post(url, step, REMOTE_ADDR=IP).status_code == 302
    user_details_update(user=user, fields={"last_name": "Vlasbloemer-Zonderland"})
    user_details_update(user=user, fields={"last_name": "Vlasbloemer"})
    return {
        "therapist": user,
        "profile_pk": profile.pk,
        "staff": staff,
        "candidacy": candidacy,
        "conversation": conversation,
        "staff_conversation": staff_conversation,
        "colleague": colleague,
        "other_staff": other_staff,
    }


THERAPIST_TOKENS = [
    "Quirijntje",
    "Vlasbloemer",
    "quirijntje.vlasbloemer@praktijk.example",
    "49123456789",
    "49123456780",
    "Zonderland",
]
STAFF_TOKENS = ["Wigbolda", "Zeldenrust", "wigbolda.zeldenrust@opvang.example"]


def test_the_persona_really_leaves_traces_everywhere(persona):
    """Guards the test itself: without erasure the search finds the person in each shared table."""
    found = leftovers(THERAPIST_TOKENS)
    for label in ["auditlog.LogEntry", "core.OutgoingEmail", "core.AccessLogEntry", "accounts.User"]:
        assert label in found, found
    assert "conversations.Message" in found and "conversations.Thread" in found
    assert LogEntry.objects.filter(actor=persona["therapist"], remote_addr=IP).exists()


def test_erasing_a_therapist_leaves_no_trace_and_keeps_the_other_side(persona):
    user = persona["therapist"]
    user_erase(user=user)
    assert leftovers(THERAPIST_TOKENS) == {}
    assert not LogEntry.objects.filter(remote_addr=IP).exists()
    assert not TherapistProfile.objects.filter(pk=persona["profile_pk"]).exists()
    # The organisation keeps its request history and its own messages; the therapist's are blanked.
    candidacy = Candidacy.objects.get(pk=persona["candidacy"].pk)
    assert candidacy.therapist_id is None and candidacy.status == CandidacyStatus.WITHDRAWN
    request_thread = candidacy_thread(candidacy)
    org_message = request_thread.messages.get(author_party_label__gt="")
    assert org_message.body == "Beste [verwijderd], kun je dinsdag?" and org_message.author == persona["staff"]
    own = request_thread.messages.get(author_party_label="")
    assert own.body == "[verwijderd]" and own.author is None
    assert not request_thread.participants.filter(user=user).exists()
    # The contact thread stays for the staff member who started it, with the therapist's reply blanked and
    # no longer about the deleted profile.
    conversation = Thread.objects.get(pk=persona["conversation"].pk)
    assert conversation.subject == "Vraag aan [verwijderd]"
    assert conversation.about_id is None
    assert list(conversation.participants.values_list("user_id", flat=True)) == [persona["other_staff"].pk]
    assert dict(conversation.messages.values_list("author_id", "body")) == {
        persona["other_staff"].pk: "Beste [verwijderd], heb je plek?",
        None: "[verwijderd]",
    }
    # Access-log rows stay (NEN 7513) under a pseudonym.
    assert AccessLogEntry.objects.filter(user=user, user_label=f"erased-{user.pk}@erased.invalid").exists()
    # Mails to the person are purged and will not be sent.
    to_person = [m for m in OutgoingEmail.objects.all() if m.to == [f"erased-{user.pk}@erased.invalid"]]
    assert to_person and all(m.body_text == "" and m.status != OutgoingEmail.Status.QUEUED for m in to_person)


def test_erasing_a_staff_member_leaves_no_trace_and_keeps_the_other_side(persona):
    staff = persona["staff"]
    user_erase(user=staff)
    assert leftovers(STAFF_TOKENS) == {}
    # The therapist's messages stay, and so do the organisation's (its record), without the author.
    candidacy = Candidacy.objects.get(pk=persona["candidacy"].pk)
    assert candidacy.therapist_id is not None
    request_thread = candidacy_thread(candidacy)
    assert request_thread.messages.get(author=persona["therapist"]).body == "Ja. Groet, Quirijntje Vlasbloemer"
    org_message = request_thread.messages.get(author_party_label__gt="")
    assert org_message.author_id is None and org_message.body == "Beste Quirijntje, kun je dinsdag?"
    # The contact thread was the organisation's: it keeps it (and can go on writing), the name replaced.
    conversation = Thread.objects.get(pk=persona["staff_conversation"].pk)
    assert conversation.subject == "Vraag van [verwijderd]" and conversation.about_id == persona["colleague"].pk
    bodies = set(Message.objects.filter(thread=conversation).values_list("body", flat=True))
    assert bodies == {"Groet, [verwijderd]", "Dag [verwijderd], ja."}
    assert conversation.participants.count() == 2


def test_the_other_side_can_still_open_the_conversation_read_only(persona, client_for):
    user_erase(user=persona["therapist"])
    client = client_for(persona["other_staff"])
    response = client.get(reverse("conversations:thread", args=[persona["conversation"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beste [verwijderd], heb je plek?" in html
    assert 'name="body"' not in html
    assert "Gesprek met Voormalige gebruiker" in html
    inbox = client.get(reverse("conversations:inbox"))
    assert inbox.status_code == 200 and "Vraag aan [verwijderd]" in inbox.content.decode()
    thread = client_for(persona["staff"]).get(reverse("matching:thread", args=[persona["candidacy"].pk]))
    assert thread.status_code == 200 and thread.context["form"] is None
