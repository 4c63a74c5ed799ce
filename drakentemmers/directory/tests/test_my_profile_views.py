from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import OrganisationMembership, TherapistProfile
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory

pytestmark = pytest.mark.django_db


def test_still_up_to_date_confirms_with_one_click(client_for):
    profile = TherapistProfileFactory(availability_confirmed_at=timezone.now() - timedelta(days=40))
    client = client_for(profile.user)
    page = client.get(reverse("directory:my_profile"))
    assert "Je beschikbaarheid is ouder dan vier weken" in page.content.decode()
    assert "directory/my_profile.html" in [t.name for t in page.templates]
    response = client.post(reverse("directory:availability"), {"confirm": "1"})
    assert response["Location"] == reverse("directory:my_profile")
    profile.refresh_from_db()
    assert not profile.availability_is_stale
    assert profile.accepting == "yes"  # nothing else changed


def test_availability_form_saves_and_keeps_input_on_error(client_for):
    profile = TherapistProfileFactory()
    client = client_for(profile.user)
    data = {"accepting": "limited", "free_places_adults": 1, "free_places_children": 0, "waiting_weeks": 200}
    response = client.post(reverse("directory:availability"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "hoogstens 104 weken" in html and 'value="200"' in html
    data["waiting_weeks"] = 6
    data["earliest_start"] = "2026-12-14"
    assert client.post(reverse("directory:availability"), data).status_code == 302
    profile.refresh_from_db()
    assert profile.accepting == "limited" and profile.waiting_weeks == 6 and str(profile.earliest_start) == "2026-12-14"


def test_availability_page_needs_a_profile(client_for, client):
    assert client_for(make_user()).get(reverse("directory:availability")).status_code == 404
    assert client.get(reverse("directory:availability")).status_code == 302


def test_start_creates_draft_and_resumes_and_submitted_goes_to_my_profile(client_for):
    user = make_user()
    client = client_for(user)
    assert client.get(reverse("directory:my_profile"))["Location"] == reverse("directory:therapist_start")
    response = client.get(reverse("directory:therapist_start"))
    assert TherapistProfile.objects.get(user=user).status == "draft"
    assert response["Location"] == reverse("directory:therapist_step", kwargs={"step": "profession"})
    verified = TherapistProfileFactory()
    response = client_for(verified.user).get(reverse("directory:therapist_start"))
    assert response["Location"] == reverse("directory:my_profile")


def test_navigation_entries_per_role(client_for):
    home = reverse("core:my_home")
    nobody_html = client_for(make_user()).get(home).content.decode()
    assert "Aanmelden als behandelaar" in nobody_html and "Organisatie aanmelden" in nobody_html
    therapist_html = client_for(TherapistProfileFactory().user).get(home).content.decode()
    assert reverse("directory:my_profile") in therapist_html and reverse("conversations:inbox") in therapist_html
    assert "Aanmelden als behandelaar" not in therapist_html
    verifier_html = client_for(make_user(Role.VERIFIER, mfa=True)).get(home).content.decode()
    assert reverse("directory:verification_queue") in verifier_html


def test_my_organisation_redirects_to_own_organisation(client_for):
    organisation = OrganisationFactory()
    staff = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembership.objects.create(organisation=organisation, user=staff)
    response = client_for(staff).get(reverse("directory:organisation_mine"))
    assert response["Location"] == reverse("directory:organisation_detail", args=[organisation.pk])
    loner = make_user(Role.ORG_STAFF, mfa=True)
    assert client_for(loner).get(reverse("directory:organisation_mine"))["Location"] == reverse(
        "directory:organisation_create"
    )


@pytest.mark.parametrize(
    "model", ["profession", "expertise", "method", "language", "fundingroute", "targetgroup", "therapistprofile"]
)
def test_admin_lists_vocabularies_and_profiles(client_for, model):
    admin = make_user(is_staff=True, is_superuser=True, mfa=True)
    TherapistProfileFactory()
    response = client_for(admin).get(reverse(f"admin:directory_{model}_changelist"))
    assert response.status_code == 200
    if model == "method":
        assert "VRT (Vroegkinderlijke Traumabehandeling)" in response.content.decode()
