"""The handover after a match: who sees it, next steps through the privacy guard, and the PDF's contents."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.models import AccessLogEntry
from drakentemmers.matching import services
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.services import care_requests_anonymise

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db

# Free text typed about the client: it must never reach the PDF (only the guarded next steps may).
TITLE = "Zoektitel-Uniek-ABC"
CONTEXT = "Contexttekst-Uniek-XYZ over de situatie"
OFFERS_OTHER = "Aanbodtekst-Uniek-QRS"
# A valid BSN (11-proof): refused by the service even when the form's check is bypassed.
VALID_BSN = "111222333"


@pytest.fixture
def matched(region_vt):
    staff = org_staff()
    cr = care_request(
        staff=staff, status=RequestStatus.MATCHED, title=TITLE, context=CONTEXT, offers_other=OFFERS_OTHER
    )
    organisation = cr.organisation
    organisation.contact_name = "Petra Contactpersoon"
    organisation.contact_phone = "020 123 4567"
    organisation.save()
    matched_therapist = cr.matched_therapist
    matched_therapist.practice_name = "Praktijk De Linde"
    matched_therapist.contact_preferences = "Bel op dinsdag"
    matched_therapist.save()
    other_invited = therapist()
    return {"cr": cr, "staff": staff, "therapist": matched_therapist, "other_invited": other_invited}


def _users(matched, region_vt):
    return {
        "anonymous": None,
        "nobody": make_user(),
        "therapist": therapist().user,
        "matched": matched["therapist"].user,
        "staff": matched["staff"],
        "other_staff": org_staff(),
        "coordinator": make_user(Role.COORDINATOR, mfa=True, region=region_vt),
        "platform": make_user(Role.VERIFIER, mfa=True),
    }


ALLOWED = {"staff", "matched"}


@pytest.mark.parametrize("name", ["matching:handover", "matching:handover_pdf"])
def test_only_the_two_parties_see_the_handover(matched, region_vt, client_for, name):
    url = reverse(name, args=[matched["cr"].pk])
    for persona, user in _users(matched, region_vt).items():
        response = client_for(user).get(url)
        expected = 302 if persona == "anonymous" else 200 if persona in ALLOWED else 404
        assert response.status_code == expected, persona
        if expected == 200:
            assert response["Cache-Control"] == "private, no-store"


def test_it_is_404_before_the_match(region_vt, client_for):
    staff = org_staff()
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    assert client_for(staff).get(reverse("matching:handover", args=[cr.pk])).status_code == 404
    assert client_for(staff).get(reverse("matching:handover_pdf", args=[cr.pk])).status_code == 404


def test_it_is_404_after_anonymisation(matched, client_for, settings, time_machine):
    cr = matched["cr"]
    services.care_request_close(care_request=cr, by=matched["staff"])
    settings.MATCHING_RETENTION_DAYS = 1
    time_machine.move_to("2099-01-01")
    care_requests_anonymise()
    assert client_for(matched["staff"]).get(reverse("matching:handover", args=[cr.pk])).status_code == 404


def test_the_page_shows_both_contacts_and_is_access_logged(matched, client_for, django_assert_max_num_queries):
    cr = matched["cr"]
    client = client_for(matched["therapist"].user)
    with django_assert_max_num_queries(21):  # + the menu count of answers to confirm
        response = client.get(reverse("matching:handover", args=[cr.pk]))
    html = response.content.decode()
    for text in ("Petra Contactpersoon", "020 123 4567", "Praktijk De Linde", "Bel op dinsdag"):
        assert text in html
    assert matched["therapist"].user.email in html
    # the therapist reads the next steps, only the organisation writes them
    assert 'name="next_steps"' not in html
    assert AccessLogEntry.objects.filter(
        user=matched["therapist"].user, action="handover", object_id=str(cr.pk)
    ).exists()


def test_a_therapist_cannot_post_next_steps(matched, client_for):
    cr = matched["cr"]
    response = client_for(matched["therapist"].user).post(
        reverse("matching:handover", args=[cr.pk]), {"next_steps": "Intake op maandag"}
    )
    assert response.status_code == 405
    cr.refresh_from_db()
    assert cr.next_steps == ""


def test_the_organisation_records_next_steps(matched, client_for):
    cr = matched["cr"]
    client = client_for(matched["staff"])
    response = client.post(reverse("matching:handover", args=[cr.pk]), {"next_steps": "Intake op maandag 14 uur"})
    assert response.status_code == 302
    cr.refresh_from_db()
    assert cr.next_steps == "Intake op maandag 14 uur"
    assert (
        cr.status_changes.filter(note__icontains="vervolgstappen").exists()
        or cr.status_changes.filter(note__icontains="next steps").exists()
    )
    html = client_for(matched["therapist"].user).get(reverse("matching:handover", args=[cr.pk])).content.decode()
    assert "Intake op maandag 14 uur" in html


def test_next_steps_pass_the_privacy_guard(matched, client_for):
    cr = matched["cr"]
    url = reverse("matching:handover", args=[cr.pk])
    response = client_for(matched["staff"]).post(url, {"next_steps": "Mevrouw Jansen, geboren 12-03-1985, belt"})
    assert response.status_code == 200  # stopped until confirmed or removed
    assert 'id="privacy-alert"' in response.content.decode()
    response = client_for(matched["staff"]).post(url, {"next_steps": f"BSN {VALID_BSN}", "privacy_confirm": "on"})
    assert response.status_code == 200
    cr.refresh_from_db()
    assert cr.next_steps == ""


def test_the_service_refuses_a_bsn_even_without_the_form(matched):
    with pytest.raises(ValidationError):
        services.handover_next_steps_set(care_request=matched["cr"], next_steps=f"bsn {VALID_BSN}", by=None)


def test_next_steps_are_read_only_once_closed(matched):
    cr = matched["cr"]
    services.care_request_close(care_request=cr, by=matched["staff"])
    with pytest.raises(ValidationError):
        services.handover_next_steps_set(care_request=cr, next_steps="Later", by=matched["staff"])


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_is_a_real_pdf_without_unguarded_free_text(matched, client_for):
    cr = matched["cr"]
    services.handover_next_steps_set(care_request=cr, next_steps="Kennismaking in de opvang", by=matched["staff"])
    response = client_for(matched["staff"]).get(reverse("matching:handover_pdf", args=[cr.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(_pdf_text(response.content).split())
    # what it must hold: contacts, next steps, the categorical profile, the area
    for expected in ("Petra Contactpersoon", "Praktijk De Linde", "Kennismaking in de opvang", "1012", "Amsterdam"):
        assert expected in text, expected
    assert matched["therapist"].user.email in text
    # what it must never hold: any free text typed about the client
    for forbidden in (TITLE, CONTEXT, OFFERS_OTHER):
        assert forbidden not in text
    assert AccessLogEntry.objects.filter(action="handover_pdf", object_id=str(cr.pk)).exists()


def test_the_request_page_leads_to_the_handover(matched, client_for):
    cr = matched["cr"]
    for user in (matched["staff"], matched["therapist"].user):
        html = client_for(user).get(reverse("matching:request_detail", args=[cr.pk])).content.decode()
        assert reverse("matching:handover", args=[cr.pk]) in html


def test_a_matched_request_no_longer_says_publish_first(matched, client_for):
    html = client_for(matched["staff"]).get(reverse("matching:candidates", args=[matched["cr"].pk])).content.decode()
    assert "Publiceer de hulpvraag eerst" not in html and "Publish the request first" not in html
    assert reverse("matching:handover", args=[matched["cr"].pk]) in html
