import csv
import io

import pytest
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.recruitment.models import RecruitmentTarget
from drakentemmers.regions.models import Region, RegionKind

from .factories import ColleagueInvitationFactory

pytestmark = pytest.mark.django_db
OVERVIEW = reverse("recruitment:overview")
CSV = reverse("recruitment:overview_csv")
TARGETS = reverse("recruitment:targets")


@pytest.mark.parametrize("url", [OVERVIEW, CSV, TARGETS])
@pytest.mark.parametrize(
    ("persona", "expected"),
    [("nobody", 404), ("therapist", 404), ("org_staff", 404), ("coordinator", 200), ("verifier", 200)],
)
def test_access_matrix(url, persona, expected, client_for, coordinator_user, verifier_user):
    users = {
        "nobody": make_user(),
        "therapist": TherapistProfileFactory().user,
        "org_staff": make_user(Role.ORG_STAFF, mfa=True),
        "coordinator": coordinator_user,
        "verifier": verifier_user,
    }
    if url == TARGETS and persona == "coordinator":
        expected = 403  # sees the page exists (the recruitment view), may not set targets
    assert client_for(users[persona]).get(url).status_code == expected


@pytest.mark.parametrize("url", [OVERVIEW, CSV])
def test_anonymous_goes_to_login_and_no_mfa_session_to_the_mfa_step(url, client, client_for, coordinator_user):
    assert reverse("account_login") in client.get(url).url
    assert "2fa" in client_for(coordinator_user, mfa_passed=False).get(url).url


def test_the_coordinator_sees_only_their_region_with_the_right_counts(client_for, coordinator_user, region_vt):
    TherapistProfileFactory(locations=["1011"])  # Amsterdam: verified, fresh
    TherapistProfileFactory(locations=["1011"], availability_confirmed_at=None)  # verified, stale
    TherapistProfileFactory(locations=["1011"], status=VerificationStatus.SUBMITTED, verified_at=None)
    TherapistProfileFactory(locations=["1011"], status=VerificationStatus.DRAFT, verified_at=None)
    TherapistProfileFactory(locations=["3511"])  # Utrecht: another region
    ColleagueInvitationFactory(region=region_vt)
    ColleagueInvitationFactory(region=region_vt, declined_at="2026-01-01T00:00Z")
    response = client_for(coordinator_user).get(OVERVIEW)
    rows = response.context["overview"].rows
    assert [row.name for row in rows] == [region_vt.name]
    (row,) = rows
    assert (row.verified, row.verified_fresh, row.submitted, row.drafts) == (2, 1, 1, 1)
    assert (row.invited, row.accepted, row.declined) == (2, 0, 1)
    body = response.content.decode()
    assert "geen doel ingesteld" in body and "Utrecht" not in body


def test_a_target_shows_with_its_percentage(client_for, verifier_user, region_vt):
    TherapistProfileFactory(locations=["1011"])
    RecruitmentTarget.objects.create(region=region_vt, target=4)
    row = next(
        r for r in client_for(verifier_user).get(OVERVIEW).context["overview"].rows if r.region_id == region_vt.pk
    )
    assert (row.target, row.target_percent) == (4, 25)


def test_the_query_count_does_not_grow_with_regions_or_members(
    client_for, verifier_user, django_assert_max_num_queries
):
    client = client_for(verifier_user)
    client.get(OVERVIEW)
    with django_assert_max_num_queries(20) as captured:
        client.get(OVERVIEW)
    few = len(captured.captured_queries)  # read now: the next request resets the connection's query log
    for place in ["1011", "3511", "9711", "6211", "4811"]:
        TherapistProfileFactory(locations=[place])
        ColleagueInvitationFactory(region=Region.objects.filter(kind=RegionKind.VEILIG_THUIS).first())
    for region in Region.objects.filter(kind=RegionKind.VEILIG_THUIS)[:10]:
        RecruitmentTarget.objects.create(region=region, target=10)
    client.get(OVERVIEW)  # the first request after new data rebuilds the cached menu frame
    with django_assert_max_num_queries(few):
        client.get(OVERVIEW)


def test_the_csv_has_a_row_per_region(client_for, verifier_user, region_vt):
    TherapistProfileFactory(locations=["1011"])
    response = client_for(verifier_user).get(CSV)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Regio", "Doel (geverifieerde leden)", "Geverifieerde leden"]
    assert len(rows) == 1 + Region.objects.filter(kind=RegionKind.VEILIG_THUIS).count()
    amsterdam = next(r for r in rows if r[0] == region_vt.name)
    assert amsterdam[1] == "" and amsterdam[2] == "1"


def test_the_platform_team_sets_and_clears_targets(client_for, verifier_user, region_vt):
    client = client_for(verifier_user)
    field = f"region_{region_vt.pk}"
    assert client.post(TARGETS, {field: "12"}).status_code == 302
    target = RecruitmentTarget.objects.get(region=region_vt)
    assert (target.target, target.updated_by) == (12, verifier_user)
    response = client.post(TARGETS, {field: "-3"})
    assert response.status_code == 400 and 'value="-3"' in response.content.decode()
    assert client.post(TARGETS, {field: ""}).status_code == 302
    assert not RecruitmentTarget.objects.exists()


def test_a_coordinator_cannot_set_targets(client_for, coordinator_user, region_vt):
    assert client_for(coordinator_user).post(TARGETS, {f"region_{region_vt.pk}": "99"}).status_code == 403
    assert not RecruitmentTarget.objects.exists()
