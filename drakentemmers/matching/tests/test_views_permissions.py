"""URL × persona matrix: only the organisation's staff, invited therapists and the platform team see a request."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.models import AccessLogEntry
from drakentemmers.matching import services
from drakentemmers.matching.models import RequestStatus

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "nobody", "therapist", "invited", "staff", "other_staff", "coordinator", "platform"]


@pytest.fixture
def world(region_vt):
    staff = org_staff()
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    invited = therapist()
    candidacy = services.candidacies_create(care_request=cr, therapist_ids=[invited.pk], by=staff)[0]
    users = {
        "anonymous": None,
        "nobody": make_user(),
        # verified, fitting, but not invited: sees nothing of the request itself
        "therapist": therapist().user,
        "invited": invited.user,
        "staff": staff,
        "other_staff": org_staff(),
        "coordinator": make_user(Role.COORDINATOR, mfa=True, region=region_vt),
        # the only platform-team role that reads requests (finding 4 of issue 15; see matching.permissions)
        "platform": make_user(Role.ADMINISTRATOR, mfa=True),
    }
    return {"cr": cr, "candidacy": candidacy, "users": users}


def _expect(row: str, allowed: set[str]) -> dict[str, int]:
    return {p: (302 if p == "anonymous" else 200 if p in allowed else 404) for p in PERSONAS}


GET_MATRIX = {
    "request_list": _expect("list", {"staff", "other_staff"}),
    "request_create": _expect("create", {"staff", "other_staff"}),
    "request_create_structural": _expect("create", {"staff", "other_staff"}),
    "request_detail": _expect("detail", {"staff", "invited", "platform"}),
    "request_edit": _expect("edit", {"staff"}),
    "candidates": _expect("candidates", {"staff"}),
    "thread": _expect("thread", {"staff", "invited", "platform"}),
    "candidacy_decline": _expect("decline", {"invited"}),
    "inbox": _expect("inbox", {"therapist", "invited"}),
    "fitting": _expect("fitting", {"therapist", "invited"}),
}


def _url(name: str, world) -> str:
    if name in ("thread", "candidacy_decline", "candidacy_accept", "candidacy_confirm", "offer_decline"):
        return reverse(f"matching:{name}", args=[world["candidacy"].pk])
    if name in ("request_detail", "request_edit", "candidates", "request_publish", "offer"):
        return reverse(f"matching:{name}", args=[world["cr"].pk])
    if name == "request_status":
        return reverse("matching:request_status", args=[world["cr"].pk, "withdraw"])
    return reverse(f"matching:{name}")


@pytest.mark.parametrize(
    ("name", "persona", "expected"),
    [(name, persona, status) for name, row in GET_MATRIX.items() for persona, status in row.items()],
)
def test_get_matrix(world, client_for, name, persona, expected):
    response = client_for(world["users"][persona]).get(_url(name, world))
    assert response.status_code == expected
    if persona == "anonymous":
        assert "/login/" in response["Location"] or "login" in response["Location"]


POST_MATRIX = {
    "request_publish": {"staff"},
    "request_status": {"staff"},
    "candidacy_confirm": {"staff"},
    "offer_decline": {"staff"},
    "candidacy_accept": {"invited"},
    "offer": {"therapist"},
}


@pytest.mark.parametrize(
    ("name", "persona"),
    [(name, persona) for name in POST_MATRIX for persona in PERSONAS if persona != "anonymous"],
)
def test_post_matrix_never_leaks(world, client_for, name, persona):
    """Everyone outside the allowed personas gets 404 and nothing changes; allowed ones are redirected."""
    cr = world["cr"]
    before = (cr.status, world["candidacy"].status, cr.candidacies.count())
    response = client_for(world["users"][persona]).post(_url(name, world))
    cr.refresh_from_db()
    world["candidacy"].refresh_from_db()
    if persona in POST_MATRIX[name]:
        assert response.status_code == 302
    else:
        assert response.status_code == 404
        assert (cr.status, world["candidacy"].status, cr.candidacies.count()) == before


def test_post_only_views_reject_get(world, client_for):
    response = client_for(world["users"]["staff"]).get(_url("request_publish", world))
    assert response.status_code == 405


def test_staff_without_mfa_is_sent_to_mfa(world, client_for, org_staff_without_mfa):
    response = client_for(org_staff_without_mfa).get(_url("request_list", world))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_draft_is_invisible_to_an_invited_therapist(client_for):
    staff = org_staff()
    cr = care_request(staff=staff)
    t = therapist()
    # An invitation on a draft can only exist through the admin; the therapist still must not see it.
    from drakentemmers.matching.models import Candidacy

    Candidacy.objects.create(care_request=cr, therapist=t)
    assert client_for(t.user).get(reverse("matching:request_detail", args=[cr.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "persona"),
    [
        ("request_detail", "staff"),
        ("request_detail", "invited"),
        ("request_detail", "platform"),
        ("request_edit", "staff"),
        ("candidates", "staff"),
        ("thread", "invited"),
        ("thread", "platform"),
        ("candidacy_decline", "invited"),
    ],
)
def test_every_view_of_a_request_is_access_logged(world, client_for, name, persona):
    user = world["users"][persona]
    assert client_for(user).get(_url(name, world)).status_code == 200
    entry = AccessLogEntry.objects.filter(user=user).latest("pk")
    assert entry.object_type == "matching.carerequest" and entry.object_id == str(world["cr"].pk)


def test_refused_views_write_no_access_log(world, client_for):
    client_for(world["users"]["other_staff"]).get(_url("request_detail", world))
    assert not AccessLogEntry.objects.filter(user=world["users"]["other_staff"]).exists()


def test_therapist_does_not_see_other_invitees(world, client_for):
    other = therapist()
    services.candidacies_create(care_request=world["cr"], therapist_ids=[other.pk], by=world["users"]["staff"])
    html = client_for(world["users"]["invited"]).get(_url("request_detail", world)).content.decode()
    assert escape(other.display_name) not in html
    assert escape(world["users"]["staff"].get_full_name()) not in html
