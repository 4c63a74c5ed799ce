"""The matching figures: selector arithmetic, regional scope, and the page's access matrix and query bound."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from drakentemmers.accounts.models import Role, RoleGrant
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import OrganisationKind
from drakentemmers.matching.models import (
    Candidacy,
    CandidacyStatus,
    CareRequest,
    DeclineReason,
    RequestKind,
    RequestStatus,
)
from drakentemmers.matching.selectors_metrics import MetricsScope, matching_metrics, metrics_scope_for_user
from drakentemmers.matching.tests.ranking_support import make_organisation, make_therapist
from drakentemmers.regions.models import Region, RegionKind

pytestmark = pytest.mark.django_db

URL = reverse("matching:metrics")
SECRET_TITLE = "Moeder met twee kinderen, EMDR"


@pytest.fixture(autouse=True)
def _english():
    """Labels are asserted in English; the page itself is Dutch by default."""
    with translation.override("en"):
        yield


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def other_region(region_vt) -> Region:
    return Region.objects.filter(kind=RegionKind.VEILIG_THUIS).exclude(pk=region_vt.pk).order_by("code").first()


def municipality_of(region: Region):
    return region.municipalities.order_by("pk").first()


def make_request(organisation, *, now, published_days_ago, matched_after_days=None, **fields) -> CareRequest:
    published = now - timedelta(days=published_days_ago)
    values = {
        "organisation": organisation,
        "title": SECRET_TITLE,
        "setting": "outpatient",
        "status": RequestStatus.OPEN,
        "published_at": published,
        "municipality": organisation.municipality,
    }
    if matched_after_days is not None:
        values |= {"status": RequestStatus.MATCHED, "matched_at": published + timedelta(days=matched_after_days)}
    return CareRequest.objects.create(**(values | fields))


def answer(care_request, therapist, *, after_days, status=CandidacyStatus.DECLINED, reason="") -> Candidacy:
    return Candidacy.objects.create(
        care_request=care_request,
        therapist=therapist,
        status=status,
        decline_reason=reason,
        responded_at=care_request.published_at + timedelta(days=after_days),
    )


@pytest.fixture
def world(region_vt, other_region, now):
    """Requests in the coordinator's region (VT01) and one in another region, with known outcomes."""
    shelter = make_organisation(municipality=municipality_of(region_vt), kind=OrganisationKind.WOMENS_SHELTER)
    team = make_organisation(municipality=municipality_of(region_vt), kind=OrganisationKind.MDA)
    elsewhere = make_organisation(municipality=municipality_of(other_region), kind=OrganisationKind.WOMENS_SHELTER)
    therapists = [make_therapist() for _ in range(3)]
    in_time = make_request(shelter, now=now, published_days_ago=20, matched_after_days=5)
    answer(in_time, therapists[0], after_days=1, reason=DeclineReason.NO_PLACE)
    answer(in_time, therapists[1], after_days=3, status=CandidacyStatus.ACCEPTED)
    late = make_request(team, now=now, published_days_ago=40, matched_after_days=20)
    answer(late, therapists[0], after_days=4, reason=DeclineReason.FUNDING)
    answer(late, therapists[1], after_days=6, reason=DeclineReason.NO_PLACE)
    Candidacy.objects.create(care_request=late, therapist=therapists[2], status=CandidacyStatus.EXPIRED)
    make_request(shelter, now=now, published_days_ago=30, status=RequestStatus.EXPIRED)
    make_request(shelter, now=now, published_days_ago=3)  # too early to judge
    CareRequest.objects.create(organisation=shelter, title="draft", setting="outpatient")  # never published
    structural = make_request(
        shelter, now=now, published_days_ago=10, matched_after_days=2, kind=RequestKind.STRUCTURAL, setting="in_shelter"
    )
    answer(structural, therapists[2], after_days=2, status=CandidacyStatus.ACCEPTED)
    make_request(elsewhere, now=now, published_days_ago=20, matched_after_days=1)
    return {"region": region_vt, "other": other_region}


def by_kind(metrics):
    return {kind.kind: kind for kind in metrics}


def test_national_figures_count_client_requests_and_structural_cooperation_apart(world, now):
    metrics = by_kind(matching_metrics(scope=MetricsScope(regions=None), since=None, now=now))
    client = metrics[RequestKind.CLIENT].total
    assert (client.published, client.matched, client.matched_in_time, client.decided) == (5, 3, 2, 4)
    assert client.matched_in_time_percent == 50
    assert client.median_first_response_days == pytest.approx(2.5)  # first answers after 1 and 4 days
    assert client.median_match_days == pytest.approx(5)  # matches after 1, 5 and 20 days
    structural = metrics[RequestKind.STRUCTURAL].total
    assert (structural.published, structural.matched, structural.matched_in_time) == (1, 1, 1)
    assert dict(metrics[RequestKind.CLIENT].no_match_reasons) == {
        "No place": 2,
        "Funding": 1,
        "Invitation not answered": 1,
        "Request expired without a match": 1,
    }
    assert metrics[RequestKind.STRUCTURAL].no_match_reasons == []


def test_figures_are_split_per_region_and_type_of_organisation(world, now):
    client = by_kind(matching_metrics(scope=MetricsScope(regions=None), since=None, now=now))[RequestKind.CLIENT]
    regions = {row.label: row.published for row in client.by_region}
    assert regions[world["region"].name] == 4
    assert regions[world["other"].name] == 1
    kinds = {row.label: (row.published, row.matched) for row in client.by_organisation_kind}
    assert kinds == {"Women's shelter": (4, 2), "MDA++ team": (1, 1)}


def test_a_coordinator_scope_counts_only_their_region(world, now):
    scope = MetricsScope(regions=(world["region"],))
    client = by_kind(matching_metrics(scope=scope, since=None, now=now))[RequestKind.CLIENT]
    assert client.total.published == 4
    assert [row.label for row in client.by_region] == [world["region"].name]


def test_the_period_leaves_out_older_requests(world, now):
    client = by_kind(matching_metrics(scope=MetricsScope(regions=None), since=now - timedelta(days=25), now=now))[
        RequestKind.CLIENT
    ]
    assert client.total.published == 3  # the 30- and 40-day-old requests fall outside


def test_scope_follows_the_role(coordinator_user, verifier_user, org_staff_user, therapist_user, region_vt):
    assert metrics_scope_for_user(verifier_user).is_national
    assert metrics_scope_for_user(coordinator_user).regions == (region_vt,)
    coordinator_without_region = make_user(mfa=True)
    RoleGrant.objects.create(user=coordinator_without_region, role=Role.COORDINATOR)
    for user in (org_staff_user, therapist_user, coordinator_without_region):
        with pytest.raises(PermissionDenied):
            metrics_scope_for_user(user)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, 302),
        ("nobody", 403),
        ("therapist_user", 403),
        ("org_staff_user", 403),
        ("org_staff_without_mfa", 302),
        ("coordinator_user", 200),
        ("verifier_user", 200),
    ],
)
def test_access_matrix(request, client_for, persona, expected):
    user = request.getfixturevalue(persona) if persona else None
    assert client_for(user).get(URL).status_code == expected


def test_it_rejects_post(client_for, verifier_user):
    assert client_for(verifier_user).post(URL).status_code == 405


def test_the_page_shows_aggregates_never_request_content(world, client_for, verifier_user):
    response = client_for(verifier_user).get(URL, {"period": "all"})
    html = response.content.decode()
    assert SECRET_TITLE not in html
    assert world["region"].name in html
    assert 'scope="row"' in html and 'scope="col"' in html
    assert response.context["period"] == "all"


def test_coordinators_page_hides_other_regions(world, client_for, coordinator_user):
    html = client_for(coordinator_user).get(URL, {"period": "all"}).content.decode()
    assert world["region"].name in html
    assert world["other"].name not in html


def test_unknown_period_falls_back_to_the_default(client_for, verifier_user):
    response = client_for(verifier_user).get(URL, {"period": "<script>"})
    assert response.status_code == 200
    assert response.context["period"] == "365"


def test_the_page_runs_a_fixed_number_of_queries(
    world, client_for, coordinator_user, django_assert_max_num_queries, now
):
    client = client_for(coordinator_user)
    with django_assert_max_num_queries(16) as small:  # 7 of them: session, user, MFA, user-sessions
        client.get(URL)
    organisation = make_organisation(municipality=municipality_of(world["region"]))
    therapist = make_therapist()
    for days in range(30):
        care_request = make_request(organisation, now=now, published_days_ago=days, matched_after_days=0)
        answer(care_request, therapist, after_days=0, reason=DeclineReason.OTHER)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(URL)


def test_medians_with_known_timestamps_show_hours_under_two_days(region_vt, now):
    from drakentemmers.matching.templatetags.metrics_format import duration

    shelter = make_organisation(municipality=municipality_of(region_vt))
    therapist = make_therapist()
    # first answers after 2, 6 and 30 hours: median 6 hours; matches after 12 h, 3 days, 5 days: median 3 days
    for answer_hours, match_days in ((2, 0.5), (6, 3), (30, 5)):
        cr = make_request(shelter, now=now, published_days_ago=20, matched_after_days=match_days)
        answer(cr, therapist, after_days=answer_hours / 24, status=CandidacyStatus.ACCEPTED)
    total = by_kind(matching_metrics(scope=MetricsScope(regions=None), since=None, now=now))[RequestKind.CLIENT].total
    assert total.median_first_response_days == pytest.approx(6 / 24)
    assert total.median_match_days == pytest.approx(3)
    assert duration(total.median_first_response_days) == "6 hours"
    assert duration(total.median_match_days) == "3.0 days"
    assert duration(0.01) == "less than an hour"
    assert duration(1 / 24) == "1 hour"
    with translation.override("nl"):
        assert duration(2.25) == "2,2 dagen" or duration(2.25) == "2,3 dagen"
        assert duration(0.5) == "12 uur"


def test_every_region_appears_even_without_requests(world, now):
    client = by_kind(matching_metrics(scope=MetricsScope(regions=None), since=None, now=now))[RequestKind.CLIENT]
    shown = {row.label for row in client.by_region}
    assert set(Region.objects.filter(kind=RegionKind.VEILIG_THUIS).values_list("name", flat=True)) <= shown
    empty = next(row for row in client.by_region if row.published == 0)
    assert not empty.suppressed  # a zero points to nobody


def test_small_client_numbers_are_suppressed_on_the_page_and_in_the_csv(world, client_for, verifier_user, now):
    client = by_kind(matching_metrics(scope=MetricsScope(regions=None), since=None, now=now))[RequestKind.CLIENT]
    other = next(row for row in client.by_region if row.label == world["other"].name)
    assert other.published == 1 and other.suppressed
    structural = by_kind(matching_metrics(scope=MetricsScope(regions=None), since=None, now=now))[
        RequestKind.STRUCTURAL
    ]
    assert not structural.total.suppressed  # structural cooperation concerns no client
    with translation.override("nl"):
        html = client_for(verifier_user).get(URL, {"period": "all"}).content.decode()
    assert "minder dan 5" in html
    # the share states what it counts
    assert "50 % (2 van 4)" in html
    response = client_for(verifier_user).get(reverse("matching:metrics_csv"), {"period": "all"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("kind,breakdown,label,published,matched")
    assert f"client_request,region,{world['other'].name},<5,,,,,,," in lines
    total = next(line for line in lines if line.startswith("client_request,total,"))
    # 5 published, 3 matched, 2 of 4 in time (50 %), 2 answered; medians 2.5 days = 60 h and 5 days = 120 h
    assert total.endswith(",5,3,2,4,50,2,60.0,120.0")
    assert SECRET_TITLE not in response.content.decode()


def test_the_csv_follows_the_page_permissions(client_for, therapist_user, coordinator_user):
    assert client_for(therapist_user).get(reverse("matching:metrics_csv")).status_code == 403
    assert client_for(coordinator_user).get(reverse("matching:metrics_csv")).status_code == 200
