"""URL × persona matrix for the profile, verification, organisation and message pages.

Another organisation's data, or a therapist the viewer may not see, gives 404 (not 403).
"""

import pytest
from django.urls import reverse
from django.utils.html import escape

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory import services
from drakentemmers.directory.models import OrganisationMembership, VerificationStatus
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory

LOGIN = "login"
MFA = "mfa"


@pytest.fixture
def world(db, region_vt):
    verified = TherapistProfileFactory()
    submitted = TherapistProfileFactory(status=VerificationStatus.SUBMITTED, verified_at=None)
    organisation = OrganisationFactory()
    other_organisation = OrganisationFactory()
    pending_organisation = OrganisationFactory(status=VerificationStatus.SUBMITTED, verified_at=None)

    def staff(org, *, mfa=True, admin=False):
        user = make_user(Role.ORG_STAFF, mfa=mfa)
        OrganisationMembership.objects.create(organisation=org, user=user, is_admin=admin)
        return user

    users = {
        "anonymous": None,
        "nobody": make_user(),
        "therapist": TherapistProfileFactory().user,
        "own_therapist": verified.user,
        "org_staff": staff(organisation, admin=True),
        "other_org_staff": staff(other_organisation),
        "unverified_org_staff": staff(pending_organisation),
        "org_staff_without_mfa": staff(organisation, mfa=False),
        "coordinator": make_user(Role.COORDINATOR, mfa=True, region=region_vt),
        "verifier": make_user(Role.VERIFIER, mfa=True),
    }
    conversation = services.conversation_start(
        therapist=verified, sender=users["org_staff"], subject="Vraag", body="Hallo", organisation=organisation
    )
    return {
        "users": users,
        "verified": verified,
        "submitted": submitted,
        "organisation": organisation,
        "pending_organisation": pending_organisation,
        "conversation": conversation,
    }


URLS = {
    "therapist_detail": lambda w: reverse("directory:therapist_detail", args=[w["verified"].pk]),
    "submitted_detail": lambda w: reverse("directory:therapist_detail", args=[w["submitted"].pk]),
    "queue": lambda w: reverse("directory:verification_queue"),
    "verify_therapist": lambda w: reverse("directory:verification_therapist", args=[w["submitted"].pk]),
    "verify_organisation": lambda w: reverse(
        "directory:verification_organisation", args=[w["pending_organisation"].pk]
    ),
    "organisation": lambda w: reverse("directory:organisation_detail", args=[w["organisation"].pk]),
    "conversation": lambda w: reverse("conversations:thread", args=[w["conversation"].pk]),
    "inbox": lambda w: reverse("conversations:inbox"),
}

# persona: expected status per URL (LOGIN/MFA = redirect to the login or the MFA set-up)
MATRIX = {
    "anonymous": dict.fromkeys(URLS, LOGIN),
    "nobody": {**dict.fromkeys(URLS, 404), "inbox": 200},
    "therapist": {**dict.fromkeys(URLS, 404), "therapist_detail": 200, "inbox": 200},
    "own_therapist": {**dict.fromkeys(URLS, 404), "therapist_detail": 200, "conversation": 200, "inbox": 200},
    "org_staff": {
        **dict.fromkeys(URLS, 404),
        "therapist_detail": 200,
        "organisation": 200,
        "conversation": 200,
        "inbox": 200,
    },
    "other_org_staff": {**dict.fromkeys(URLS, 404), "therapist_detail": 200, "inbox": 200},
    "unverified_org_staff": {**dict.fromkeys(URLS, 404), "inbox": 200},
    "org_staff_without_mfa": dict.fromkeys(URLS, MFA),
    "coordinator": {**dict.fromkeys(URLS, 404), "therapist_detail": 200, "inbox": 200},
    "verifier": {
        **dict.fromkeys(URLS, 200),
        "conversation": 404,  # the platform team does not read private messages
    },
}


# One test per persona (each checks every URL): building the world costs more than the requests.
@pytest.mark.parametrize("persona", list(MATRIX))
def test_permission_matrix(world, client_for, persona):
    from django.test import Client

    user = world["users"][persona]
    client = client_for(user) if user else Client()
    failures = []
    for url_name, expected in MATRIX[persona].items():
        response = client.get(URLS[url_name](world))
        if expected == LOGIN:
            ok = response.status_code == 302 and "/account/login/" in response["Location"]
        elif expected == MFA:
            ok = response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
        else:
            ok = response.status_code == expected
        if not ok:
            failures.append((url_name, expected, response.status_code))
    assert failures == []


def test_public_mini_profile_only_when_chosen(client, db):
    hidden = TherapistProfileFactory(public_profile=False)
    shown = TherapistProfileFactory(public_profile=True, methods=["emdr"], waiting_weeks=7)
    assert client.get(reverse("directory:therapist_public", args=[hidden.pk])).status_code == 404
    response = client.get(reverse("directory:therapist_public", args=[shown.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(shown.display_name) in html and "EMDR" in html and "Amsterdam" in html
    assert "wachttijd" not in html.lower() and "7 weken" not in html and shown.user.email not in html
    unverified = TherapistProfileFactory(public_profile=True, status=VerificationStatus.SUBMITTED)
    assert client.get(reverse("directory:therapist_public", args=[unverified.pk])).status_code == 404


def test_profile_page_never_shows_email_and_marks_stale_availability(world, client_for):
    from datetime import timedelta

    from django.utils import timezone

    therapist = world["verified"]
    therapist.availability_confirmed_at = timezone.now() - timedelta(days=40)
    therapist.save()
    response = client_for(world["users"]["org_staff"]).get(URLS["therapist_detail"](world))
    html = response.content.decode()
    assert therapist.user.email not in html
    assert "verouderd" in html
    assert "Contact opnemen" in html
    assert "directory/therapist_detail.html" in [t.name for t in response.templates]
    fresh = client_for(world["users"]["therapist"]).get(URLS["therapist_detail"](world)).content.decode()
    assert "Contact opnemen" in fresh  # colleagues may contact each other too


def test_unverified_org_staff_and_nobody_cannot_contact(world, client_for):
    url = reverse("directory:therapist_contact", args=[world["verified"].pk])
    for persona in ("unverified_org_staff", "nobody", "coordinator"):
        response = client_for(world["users"][persona]).post(url, {"subject": "x", "body": "y"})
        assert response.status_code == 404, persona
    assert client_for(world["users"]["org_staff"]).get(url).status_code == 405
