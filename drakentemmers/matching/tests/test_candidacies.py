import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from drakentemmers.directory.models import VerificationStatus
from drakentemmers.matching import services
from drakentemmers.matching.models import CandidacyStatus, RequestStatus
from drakentemmers.matching.services.candidacies import MAX_PENDING_CANDIDACIES

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return org_staff()


@pytest.fixture
def open_request(staff):
    return care_request(staff=staff, status=RequestStatus.OPEN)


def test_invite_sends_one_email_per_therapist_without_request_details(
    open_request, staff, django_capture_on_commit_callbacks
):
    t1, t2 = therapist(), therapist()
    with django_capture_on_commit_callbacks(execute=True):
        candidacies = services.candidacies_create(care_request=open_request, therapist_ids=[t1.pk, t2.pk], by=staff)
    assert {i.status for i in candidacies} == {CandidacyStatus.INVITED}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([t1.user.email, t2.user.email])
    body = mail.outbox[0].body
    assert f"/hulpvragen/{open_request.pk}/" in body
    assert open_request.context not in body


def test_invite_skips_already_invited_and_unverified(open_request, staff):
    t1 = therapist()
    unverified = therapist(status=VerificationStatus.SUBMITTED)
    services.candidacies_create(care_request=open_request, therapist_ids=[t1.pk], by=staff)
    again = services.candidacies_create(care_request=open_request, therapist_ids=[t1.pk, unverified.pk], by=staff)
    assert again == []
    assert open_request.candidacies.count() == 1


def test_invite_needs_open_request(staff):
    draft = care_request(staff=staff)
    with pytest.raises(ValidationError):
        services.candidacies_create(care_request=draft, therapist_ids=[therapist().pk], by=staff)


def test_invite_is_capped(open_request, staff):
    ids = [therapist().pk for _ in range(MAX_PENDING_CANDIDACIES + 1)]
    with pytest.raises(ValidationError):
        services.candidacies_create(care_request=open_request, therapist_ids=ids, by=staff)


def test_accept_tells_the_organisation(open_request, staff, django_capture_on_commit_callbacks):
    candidacy = services.candidacies_create(care_request=open_request, therapist_ids=[therapist().pk], by=staff)[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.candidacy_accept(candidacy=candidacy)
    assert candidacy.status == CandidacyStatus.ACCEPTED and candidacy.responded_at
    assert mail.outbox[0].to == [staff.email]


def test_answer_twice_is_refused(open_request, staff):
    candidacy = services.candidacies_create(care_request=open_request, therapist_ids=[therapist().pk], by=staff)[0]
    services.candidacy_decline(candidacy=candidacy, reason="no_place")
    with pytest.raises(ValidationError):
        services.candidacy_accept(candidacy=candidacy)


def test_decline_requires_valid_reason_and_note_for_other(open_request, staff):
    candidacy = services.candidacies_create(care_request=open_request, therapist_ids=[therapist().pk], by=staff)[0]
    with pytest.raises(ValidationError):
        services.candidacy_decline(candidacy=candidacy, reason="bogus")
    with pytest.raises(ValidationError):
        services.candidacy_decline(candidacy=candidacy, reason="other", note=" ")
    services.candidacy_decline(candidacy=candidacy, reason="funding", note="Geen contract met deze gemeente")
    candidacy.refresh_from_db()
    assert (candidacy.status, candidacy.decline_reason) == ("declined", "funding")


def test_confirm_matches_and_withdraws_the_others_politely(open_request, staff, django_capture_on_commit_callbacks):
    t1, t2, t3 = therapist(), therapist(), therapist()
    inv1, inv2, _inv3 = services.candidacies_create(
        care_request=open_request, therapist_ids=[t1.pk, t2.pk, t3.pk], by=staff
    )
    services.candidacy_accept(candidacy=inv1)
    services.candidacy_accept(candidacy=inv2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.match_confirm(candidacy=inv1, by=staff)
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.MATCHED and open_request.matched_therapist == t1
    statuses = dict(open_request.candidacies.values_list("therapist_id", "status"))
    assert statuses == {t1.pk: "accepted", t2.pk: "withdrawn", t3.pk: "withdrawn"}
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([t1.user.email, t2.user.email, t3.user.email])
    assert any("gevonden" in m.body or "found a therapist" in m.body for m in mail.outbox if m.to == [t2.user.email])


def test_confirm_requires_acceptance(open_request, staff):
    candidacy = services.candidacies_create(care_request=open_request, therapist_ids=[therapist().pk], by=staff)[0]
    with pytest.raises(ValidationError):
        services.match_confirm(candidacy=candidacy, by=staff)


def test_second_confirmation_is_refused(open_request, staff):
    inv1, inv2 = services.candidacies_create(
        care_request=open_request, therapist_ids=[therapist().pk, therapist().pk], by=staff
    )
    services.candidacy_accept(candidacy=inv1)
    services.candidacy_accept(candidacy=inv2)
    services.match_confirm(candidacy=inv1, by=staff)
    inv2.refresh_from_db()
    with pytest.raises(ValidationError):
        services.match_confirm(candidacy=inv2, by=staff)


def test_offer_then_confirm(open_request, staff, django_capture_on_commit_callbacks):
    t = therapist()
    with django_capture_on_commit_callbacks(execute=True):
        offer = services.candidacy_offer(care_request=open_request, therapist=t)
    assert offer.status == CandidacyStatus.OFFERED and mail.outbox[-1].to == [staff.email]
    with pytest.raises(ValidationError):
        services.candidacy_offer(care_request=open_request, therapist=t)
    services.match_confirm(candidacy=offer, by=staff)
    offer.refresh_from_db()
    assert offer.status == CandidacyStatus.ACCEPTED
    assert open_request.status == RequestStatus.MATCHED


def test_offer_decline_tells_therapist(open_request, staff, django_capture_on_commit_callbacks):
    t = therapist()
    offer = services.candidacy_offer(care_request=open_request, therapist=t)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_decline(candidacy=offer, by=staff)
    assert offer.status == CandidacyStatus.WITHDRAWN
    assert mail.outbox[-1].to == [t.user.email]


def test_message_send_emails_only_a_notice(open_request, staff, django_capture_on_commit_callbacks):
    t = therapist()
    candidacy = services.candidacies_create(care_request=open_request, therapist_ids=[t.pk], by=staff)[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(candidacy=candidacy, author=staff, body="Kun je op dinsdag starten?")
    assert mail.outbox[0].to == [t.user.email]
    assert "dinsdag" not in mail.outbox[0].body
    assert f"/uitnodiging/{candidacy.pk}/berichten/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(candidacy=candidacy, author=t.user, body="Ja, dat kan.")
    assert mail.outbox[-1].to == [staff.email]


def test_message_rejects_bsn_and_closed_threads(open_request, staff):
    candidacy = services.candidacies_create(care_request=open_request, therapist_ids=[therapist().pk], by=staff)[0]
    with pytest.raises(ValidationError):
        services.message_send(candidacy=candidacy, author=staff, body="bsn 111222333")
    services.care_request_withdraw(care_request=open_request, by=staff)
    candidacy.refresh_from_db()
    with pytest.raises(ValidationError):
        services.message_send(candidacy=candidacy, author=staff, body="Nog een vraag")


def test_decline_note_with_an_address_is_refused(open_request, staff):
    candidacy = services.candidacies_create(care_request=open_request, therapist_ids=[therapist().pk], by=staff)[0]
    with pytest.raises(ValidationError) as error:
        services.candidacy_decline(candidacy=candidacy, reason="other", note="Ik werk niet op de Dorpsweg 3")
    assert "decline_note" in error.value.message_dict
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.INVITED
