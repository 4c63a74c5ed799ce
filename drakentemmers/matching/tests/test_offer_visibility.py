"""Finding 3 (issue 15): a therapist who offered themselves sees only the fitting-list summary until accepted.

Before the organisation decides, and after it declined, neither the request page, the inbox, the thread
nor any e-mail gives the therapist the organisation's name, the request's title or its context.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from drakentemmers.conversations.permissions import is_closed
from drakentemmers.conversations.services import message_post, thread_get_or_create
from drakentemmers.core.models import OutgoingEmail
from drakentemmers.matching import services
from drakentemmers.matching.models import Candidacy, CandidacyStatus, RequestStatus
from drakentemmers.matching.services.messages import REQUEST_THREAD_KIND, candidacy_thread_key

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db

CONTEXT = "Cliënte zoekt traumabehandeling na huiselijk geweld."


@pytest.fixture
def offer(client_for):
    staff = org_staff()
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    offering = therapist()
    response = client_for(offering.user).post(reverse("matching:offer", args=[cr.pk]))
    assert response.status_code == 302
    candidacy = Candidacy.objects.get(care_request=cr, therapist=offering)
    assert candidacy.offered_by_therapist and candidacy.status == CandidacyStatus.OFFERED
    OutgoingEmail.objects.all().delete()
    return {"cr": cr, "staff": staff, "therapist": offering, "candidacy": candidacy}


def _leaks(html: str, cr) -> list[str]:
    secrets = {"organisation": cr.organisation.name, "title": cr.title, "context": CONTEXT}
    return [name for name, value in secrets.items() if value in html]


def _mails_to(profile) -> list[OutgoingEmail]:
    return [m for m in OutgoingEmail.objects.all() if m.to == [profile.user.email]]


def _therapist_pages(client, offer) -> dict[str, str]:
    return {
        "detail": client.get(reverse("matching:request_detail", args=[offer["cr"].pk])).content.decode(),
        "inbox": client.get(reverse("matching:inbox")).content.decode(),
    }


def test_pending_offer_shows_only_the_summary(client_for, offer):
    client = client_for(offer["therapist"].user)
    pages = _therapist_pages(client, offer)
    for name, html in pages.items():
        assert _leaks(html, offer["cr"]) == [], name
    assert "Vrouwenopvang" in pages["detail"] or offer["cr"].organisation.get_kind_display() in pages["detail"]
    assert "EMDR" in pages["detail"]
    assert client.get(reverse("matching:thread", args=[offer["candidacy"].pk])).status_code == 404


def test_nobody_can_open_a_thread_on_a_pending_offer(client_for, offer):
    url = reverse("matching:thread", args=[offer["candidacy"].pk])
    assert client_for(offer["staff"]).get(url).status_code == 404
    assert client_for(offer["staff"]).post(url, {"body": "Wie bent u?"}).status_code == 404
    assert not OutgoingEmail.objects.exists()


def test_no_message_can_be_posted_on_a_pending_offer_whoever_calls(client_for, offer):
    """The rule lives in the request thread kind, so the conversation component refuses it too."""
    with pytest.raises(ValidationError):
        services.message_send(candidacy=offer["candidacy"], author=offer["staff"], body="Wie bent u?")
    thread = thread_get_or_create(
        kind=REQUEST_THREAD_KIND,
        key=candidacy_thread_key(offer["candidacy"].pk),
        subject="Vraag",
        participants=[offer["cr"].organisation, offer["therapist"].user],
        about=offer["candidacy"],
    )
    assert is_closed(thread)
    for author in (offer["staff"], offer["therapist"].user):
        with pytest.raises(ValidationError):
            message_post(thread=thread, author=author, body="Hallo")
    assert not thread.messages.exists()
    # The shared thread page sends on to the request thread, which is 404 for the therapist.
    client = client_for(offer["therapist"].user)
    response = client.get(reverse("conversations:thread", args=[thread.pk]), follow=True)
    assert response.status_code == 404
    assert not OutgoingEmail.objects.exists()


def test_declined_offer_shows_only_the_summary_and_the_mail_names_no_one(client_for, offer):
    services.offer_decline(candidacy=offer["candidacy"], by=offer["staff"])
    client = client_for(offer["therapist"].user)
    for name, html in _therapist_pages(client, offer).items():
        assert _leaks(html, offer["cr"]) == [], name
    assert client.get(reverse("matching:thread", args=[offer["candidacy"].pk])).status_code == 404
    (sent,) = _mails_to(offer["therapist"])
    assert _leaks(sent.body_text + sent.subject, offer["cr"]) == []


def test_offer_closed_by_another_match_mail_names_no_one(offer):
    other = therapist()
    invited = services.candidacies_create(care_request=offer["cr"], therapist_ids=[other.pk], by=offer["staff"])[0]
    services.candidacy_accept(candidacy=invited)
    services.match_confirm(candidacy=invited, by=offer["staff"])
    (sent,) = _mails_to(offer["therapist"])
    assert "gevonden" in sent.body_text
    assert _leaks(sent.body_text, offer["cr"]) == []


def test_offer_closed_by_withdrawal_mail_names_no_one(offer):
    services.care_request_withdraw(care_request=offer["cr"], by=offer["staff"])
    (sent,) = _mails_to(offer["therapist"])
    assert _leaks(sent.body_text, offer["cr"]) == []


def test_accepted_offer_reveals_the_request_and_opens_the_thread(client_for, offer):
    services.match_confirm(candidacy=offer["candidacy"], by=offer["staff"])
    client = client_for(offer["therapist"].user)
    html = client.get(reverse("matching:request_detail", args=[offer["cr"].pk])).content.decode()
    assert _leaks(html, offer["cr"]) == ["organisation", "title", "context"]
    assert client.get(reverse("matching:thread", args=[offer["candidacy"].pk])).status_code == 200


def test_invited_therapist_still_sees_everything(client_for):
    staff = org_staff()
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    invited = therapist()
    services.candidacies_create(care_request=cr, therapist_ids=[invited.pk], by=staff)
    html = client_for(invited.user).get(reverse("matching:request_detail", args=[cr.pk])).content.decode()
    assert _leaks(html, cr) == ["organisation", "title", "context"]
