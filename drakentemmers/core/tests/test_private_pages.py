"""Issue 15, Low 13: pages with personal or client data send `Cache-Control: private, no-store`."""

import pytest
from django.test import Client
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory import services as directory_services
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.matching import services as matching_services
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db


def _assert_private(response) -> None:
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, response["Cache-Control"]


@pytest.fixture
def world():
    staff = org_staff()
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    invited = therapist()
    invitation = matching_services.candidacies_create(care_request=cr, therapist_ids=[invited.pk], by=staff)[0]
    profile = TherapistProfileFactory()
    conversation = directory_services.conversation_start(therapist=profile, sender=staff, subject="Vraag", body="Hoi")
    return {"staff": staff, "care_request": cr, "invitation": invitation, "conversation": conversation}


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("matching:request_list", None),
        ("matching:request_detail", "care_request"),
        ("matching:request_edit", "care_request"),
        ("matching:candidates", "care_request"),
        ("matching:thread", "invitation"),
        ("conversations:inbox", None),
        ("conversations:thread", "conversation"),
        ("accounts:overview", None),
        ("accounts:export", None),
        ("accounts:erase", None),
        ("core:my_home", None),
    ],
)
def test_pages_of_organisation_staff_are_not_stored(client_for, world, url_name, args):
    url = reverse(url_name, args=[world[args].pk] if args else None)
    response = client_for(world["staff"]).get(url)
    assert response.status_code == 200, url
    _assert_private(response)


@pytest.mark.parametrize(
    "url_name",
    ["directory:verification_queue", "directory:verification_therapist", "accounts:invitations"],
)
def test_verification_pages_are_not_stored(client_for, verifier_user, url_name):
    args = [TherapistProfileFactory().pk] if url_name == "directory:verification_therapist" else None
    response = client_for(verifier_user).get(reverse(url_name, args=args))
    assert response.status_code == 200
    _assert_private(response)


def test_invitation_link_is_not_stored_even_for_anonymous(verifier_user):
    from drakentemmers.accounts.models import Invitation

    invitation = Invitation.objects.create(email="x@example.nl", role=Role.THERAPIST, invited_by=verifier_user)
    response = Client().get(reverse("accounts:invitation_accept", args=[invitation.token]))
    assert response.status_code == 200
    _assert_private(response)


def test_public_pages_stay_cacheable_for_anonymous_visitors(client):
    assert "Cache-Control" not in client.get(reverse("core:home"))


def test_a_view_that_sets_its_own_policy_keeps_it(client_for):
    """The permission-checked photo may stay in the browser for a few minutes (directory sets it)."""
    from django.http import HttpResponse

    from drakentemmers.core.middleware import PrivatePagesMiddleware

    def view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "private, max-age=300"
        return response

    request = type("R", (), {"user": make_user()})()
    assert PrivatePagesMiddleware(view)(request)["Cache-Control"] == "private, max-age=300"
