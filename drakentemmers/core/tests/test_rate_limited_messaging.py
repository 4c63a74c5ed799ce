"""Issue 15, Medium 7: one account cannot flood others with contact requests, replies, thread messages or
published requests. A limited attempt gets 429 with the form as typed and a Dutch "try again in N minutes"."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from drakentemmers.conversations.models import Message, Thread
from drakentemmers.directory import services as directory_services
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.matching import services as matching_services
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db
TRY_AGAIN = "Je hebt dit te vaak gedaan in korte tijd. Probeer het opnieuw over 60 minuten."


@pytest.fixture(autouse=True)
def _low_limits(settings):
    settings.PLATFORM_RATE_LIMITS = {
        "contact": "2/h",
        "message_reply": "2/h",
        "thread_message": "2/h",
        "request_publish": "2/h",
    }


@pytest.fixture
def staff():
    return org_staff()


def test_contact_requests_are_limited_and_keep_what_was_typed(client_for, staff):
    client = client_for(staff)
    for _attempt in range(2):
        therapist_profile = TherapistProfileFactory()
        url = reverse("directory:therapist_contact", args=[therapist_profile.pk])
        assert client.post(url, {"subject": "Verwijzing", "body": "Heb je plek?"}).status_code == 302
    url = reverse("directory:therapist_contact", args=[TherapistProfileFactory().pk])
    response = client.post(url, {"subject": "Mijn derde vraag", "body": "Nog een bericht"})
    assert response.status_code == 429
    html = response.content.decode()
    assert escape(TRY_AGAIN) in html
    assert 'value="Mijn derde vraag"' in html and "Nog een bericht" in html
    assert Thread.objects.filter(kind="contact").count() == 2


def test_replies_are_limited(client_for, staff):
    profile = TherapistProfileFactory()
    thread = directory_services.conversation_start(therapist=profile, sender=staff, subject="Vraag", body="Hoi")
    client = client_for(profile.user)
    url = reverse("conversations:thread", args=[thread.pk])
    for _attempt in range(2):
        assert client.post(url, {"body": "Antwoord"}).status_code == 302
    response = client.post(url, {"body": "Mijn derde antwoord"})
    assert response.status_code == 429
    html = response.content.decode()
    assert escape(TRY_AGAIN) in html and "Mijn derde antwoord" in html
    assert Message.objects.filter(thread=thread).count() == 3  # the first message and two replies


def test_thread_messages_are_limited(client_for, staff):
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    invitation = matching_services.candidacies_create(care_request=cr, therapist_ids=[therapist().pk], by=staff)[0]
    client = client_for(staff)
    url = reverse("matching:thread", args=[invitation.pk])
    for _attempt in range(2):
        assert client.post(url, {"body": "Kun je dinsdag?", "privacy_confirm": "False"}).status_code == 302
    response = client.post(url, {"body": "Of woensdag?", "privacy_confirm": "False"})
    assert response.status_code == 429
    html = response.content.decode()
    assert escape(TRY_AGAIN) in html and "Of woensdag?" in html
    assert Message.objects.filter(thread__kind="request").count() == 2


def test_publishing_requests_is_limited(client_for, staff):
    client = client_for(staff)
    drafts = [care_request(staff=staff) for _draft in range(3)]
    for draft in drafts[:2]:
        response = client.post(reverse("matching:request_publish", args=[draft.pk]))
        assert response["Location"] == reverse("matching:candidates", args=[draft.pk])
    response = client.post(reverse("matching:request_publish", args=[drafts[2].pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("matching:request_detail", args=[drafts[2].pk])
    assert escape(TRY_AGAIN) in response.content.decode()
    drafts[2].refresh_from_db()
    assert drafts[2].status == RequestStatus.DRAFT


def test_limits_count_per_user(client_for, staff):
    other = org_staff()
    for user in (staff, staff, other):
        url = reverse("directory:therapist_contact", args=[TherapistProfileFactory().pk])
        assert client_for(user).post(url, {"subject": "Vraag", "body": "Hoi"}).status_code == 302
