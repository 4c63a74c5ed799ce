"""Search sorts by best fit, distance or waiting time; its region filter lists the reporting unit's regions."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import Accepting
from drakentemmers.directory.selectors import SearchCriteria, SearchSort, therapist_search_queryset
from drakentemmers.directory.tests import factories as f
from drakentemmers.regions.models import Region, RegionKind, RegionSettings
from drakentemmers.regions.selectors import place_resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def three():
    near_slow = f.TherapistProfileFactory(locations=["1011"], waiting_weeks=10, methods=["emdr", "tf-cbt"])
    far_fast = f.TherapistProfileFactory(locations=["3511"], waiting_weeks=0, methods=["emdr"])
    mid_not_accepting = f.TherapistProfileFactory(
        locations=["2011"], waiting_weeks=0, accepting=Accepting.NO, methods=["emdr"]
    )
    return near_slow, far_fast, mid_not_accepting


def _order(sort, **criteria):
    found = therapist_search_queryset(viewer=None, criteria=SearchCriteria(sort=sort, **criteria))
    return list(found.values_list("pk", flat=True))


def test_distance_sort_puts_the_nearest_first(three):
    near_slow, far_fast, mid = three
    assert _order(SearchSort.DISTANCE, place=place_resolve("1012"), max_distance_km=100) == [
        near_slow.pk,
        mid.pk,
        far_fast.pk,
    ]


def test_waiting_sort_puts_accepting_short_waits_first(three):
    near_slow, far_fast, mid = three
    assert _order(SearchSort.WAITING) == [far_fast.pk, near_slow.pk, mid.pk]


def test_distance_sort_without_a_place_falls_back_to_best_fit(three):
    assert _order(SearchSort.DISTANCE) == _order(SearchSort.FIT)


def test_the_page_says_how_it_is_sorted(client_for, three):
    staff = make_user(Role.ORG_STAFF, mfa=True)
    f.OrganisationMembershipFactory(user=staff)
    client = client_for(staff)
    html = client.get(reverse("directory:search"), {"sort": "distance"}).content.decode()
    assert "sorteren op afstand heeft een postcode of gemeente nodig" in html
    html = client.get(reverse("directory:search"), {"sort": "waiting", "place": "1012"}).content.decode()
    assert "Kortste wachttijd eerst" in html
    # Nonsense sort: a Dutch message, never a 500.
    response = client.get(reverse("directory:search"), {"sort": "random"})
    assert response.status_code == 200 and "Sorteren op" in response.content.decode()


def test_region_filter_lists_the_reporting_unit_and_follows_a_change(client_for):
    staff = make_user(Role.ORG_STAFF, mfa=True)
    f.OrganisationMembershipFactory(user=staff)
    client = client_for(staff)
    vt = Region.objects.filter(kind=RegionKind.VEILIG_THUIS).first()
    ggd = Region.objects.filter(kind=RegionKind.GGD).first()
    html = client.get(reverse("directory:search")).content.decode()
    assert f">{escape(vt.name)}</option>" in html and f">{escape(ggd.name)}</option>" not in html
    RegionSettings.objects.update_or_create(pk=RegionSettings.SINGLETON_PK, defaults={"reporting_kind": RegionKind.GGD})
    html = client.get(reverse("directory:search")).content.decode()
    assert f">{escape(ggd.name)}</option>" in html and f">{escape(vt.name)}</option>" not in html


def test_search_uses_a_work_areas_own_travel_radius():
    therapist = f.TherapistProfileFactory(locations=["3511"], travel_radius_km=10)  # Utrecht, ~35 km from 1012
    assert _order(SearchSort.FIT, place=place_resolve("1012")) == []
    therapist.locations.update(travel_radius_km=60)
    assert _order(SearchSort.FIT, place=place_resolve("1012")) == [therapist.pk]


def test_the_area_step_stores_a_radius_for_one_area(client_for):
    profile = f.TherapistProfileFactory(locations=["1011"], travel_radius_km=20)
    client = client_for(profile.user)
    response = client.post(
        reverse("directory:therapist_step", args=["area"]),
        {"place": "3511", "place_radius_km": "45", "travel_radius_km": "20", "add_location": "1"},
    )
    assert response.status_code in (200, 302)
    radii = dict(profile.locations.values_list("postcode_area__code", "travel_radius_km"))
    assert radii == {"1011": None, "3511": 45}
    page = client.get(reverse("directory:therapist_step", args=["area"])).content.decode()
    assert "reisafstand 45 km" in page
