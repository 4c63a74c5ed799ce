import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory import services
from drakentemmers.directory.models import OrganisationMembership, VerificationStatus
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory
from drakentemmers.regions.selectors import place_resolve

pytestmark = pytest.mark.django_db


def test_queue_lists_submitted_with_bounded_queries(client_for, verifier_user, django_assert_max_num_queries):
    for _ in range(3):
        TherapistProfileFactory(status=VerificationStatus.SUBMITTED, verified_at=None)
        OrganisationFactory(status=VerificationStatus.SUBMITTED, verified_at=None)
    TherapistProfileFactory()  # verified: not in the queue
    client = client_for(verifier_user)
    client.get(reverse("directory:verification_queue"))  # warm session/MFA caches
    with django_assert_max_num_queries(12) as captured:
        response = client.get(reverse("directory:verification_queue"))
    small = len(captured)
    for _ in range(15):
        TherapistProfileFactory(status=VerificationStatus.SUBMITTED, verified_at=None)
        OrganisationFactory(status=VerificationStatus.SUBMITTED, verified_at=None)
    client.get(reverse("directory:verification_queue"))  # the first request after new data rebuilds the menu frame
    with django_assert_max_num_queries(small) as captured:
        response = client.get(reverse("directory:verification_queue"))
    assert response.status_code == 200
    assert "directory/verification_queue.html" in [t.name for t in response.templates]
    assert len(response.context["therapists"]) == 18 and len(response.context["organisations"]) == 18
    print(f"verification queue: {len(captured)} queries for 18 therapists + 18 organisations")


def test_approve_therapist_records_method_and_mails(client_for, verifier_user, django_capture_on_commit_callbacks):
    profile = TherapistProfileFactory(status=VerificationStatus.SUBMITTED, verified_at=None)
    url = reverse("directory:verification_therapist", args=[profile.pk])
    client = client_for(verifier_user)
    assert "directory/verification_therapist.html" in [t.name for t in client.get(url).templates]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"decision": "verify", "method": "BIG-register", "note": "gecontroleerd 23-11", "confirm": "on"}
        )
    assert response.status_code == 302 and response["Location"] == reverse("directory:verification_queue")
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.VERIFIED
    assert profile.verification_method == "BIG-register: gecontroleerd 23-11"
    assert profile.verified_by == verifier_user
    assert mail.outbox[0].to == [profile.user.email]
    assert LogEntry.objects.get_for_object(profile).exists()


def test_reject_without_reason_keeps_form_and_status(client_for, verifier_user):
    profile = TherapistProfileFactory(status=VerificationStatus.SUBMITTED, verified_at=None)
    url = reverse("directory:verification_therapist", args=[profile.pk])
    response = client_for(verifier_user).post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 200 and "Dit veld is verplicht" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.SUBMITTED


def test_reject_therapist_with_reason(client_for, verifier_user, django_capture_on_commit_callbacks):
    profile = TherapistProfileFactory(status=VerificationStatus.SUBMITTED, verified_at=None)
    url = reverse("directory:verification_therapist", args=[profile.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(verifier_user).post(url, {"decision": "reject", "reason": "Onbekend BIG-nummer"})
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.REJECTED
    assert "Onbekend BIG-nummer" in mail.outbox[0].body


def test_organisation_page_shows_domains_and_verifies(client_for, verifier_user, django_capture_on_commit_callbacks):
    creator = make_user(email="jan@gmail.com")
    organisation = services.organisation_create(
        creator=creator,
        fields={
            "name": "Opvang Noord",
            "kind": "womens_shelter",
            "kvk_number": "12345678",
            "contact_name": "Jan",
            "contact_email": "info@opvangnoord.nl",
        },
        place=place_resolve("9711"),
        covered=[],
    )
    url = reverse("directory:verification_organisation", args=[organisation.pk])
    client = client_for(verifier_user)
    html = client.get(url).content.decode()
    assert "opvangnoord.nl" in html and "gmail.com" in html and "ander domein" in html and "vorm klopt" in html
    response = client.post(url, {"decision": "verify"})
    assert response.status_code == 200  # the checkbox is required
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "verify", "checked": "on"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.is_verified
    assert mail.outbox[-1].to == [creator.email]
    assert OrganisationMembership.objects.get(user=creator).is_admin


def test_approving_needs_an_explicit_confirmation(client_for, verifier_user):
    profile = TherapistProfileFactory(status=VerificationStatus.SUBMITTED, verified_at=None)
    url = reverse("directory:verification_therapist", args=[profile.pk])
    response = client_for(verifier_user).post(url, {"decision": "verify", "method": "BIG-register"})
    assert response.status_code == 200
    assert 'href="#id_confirm"' in response.content.decode()  # the error summary leads to the checkbox
    assert "Vink dit vakje aan om te bevestigen dat je de registratie en het profiel hebt" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.SUBMITTED


def test_the_verifier_sees_the_wait_and_a_big_register_link(client_for, verifier_user, time_machine):
    time_machine.move_to("2026-11-20 10:00")
    profile = TherapistProfileFactory(status=VerificationStatus.SUBMITTED, big_number="19012345601")
    profile.submitted_at = timezone.now()
    profile.save()
    time_machine.move_to("2026-11-23 10:00")
    client = client_for(verifier_user)
    queue = client.get(reverse("directory:verification_queue")).content.decode()
    assert "3\xa0dagen" in queue  # timesince keeps number and unit together
    html = client.get(reverse("directory:verification_therapist", args=[profile.pk])).content.decode()
    assert 'href="https://zoeken.bigregister.nl/bignummer/19012345601"' in html
