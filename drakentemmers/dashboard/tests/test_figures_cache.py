"""The rendered figures tables are cached with the figures they show (dashboard/fragments.py).

They must go exactly when the cached figures go (expired, dropped by the snapshot job, measured again), and must
never be served to a viewer with other rights, another choice or another language than they were rendered for.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role, RoleGrant
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.kpis import kpis
from drakentemmers.dashboard import selectors
from drakentemmers.dashboard.fragments import TEMPLATE
from drakentemmers.dashboard.services import kpi_target_set
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.regions.models import RegionKind

from .conftest import first_municipality

pytestmark = pytest.mark.django_db

INDEX = reverse("dashboard:index")


@pytest.fixture(autouse=True)
def _figures_cached(settings):
    settings.DASHBOARD_FIGURES_CACHE_SECONDS = 60


def _rendered_tables(response) -> bool:
    return TEMPLATE in [template.name for template in response.templates]


def _verified(html: str) -> str:
    """The year's figure of verified therapists (the bold cell of its row)."""
    row = re.search(r"Verified therapists.*?</tr>", html, re.DOTALL).group(0)
    return re.search(r"<td[^>]*><strong>(.*?)</strong></td>", row, re.DOTALL).group(1)


def _normalised(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _add_therapists(region, n=3):
    TherapistProfileFactory.create_batch(n, locations=[first_municipality(region).name])


def test_cached_tables_are_exactly_the_freshly_rendered_ones(team, client_for, vt01, settings):
    _add_therapists(vt01)
    client = client_for(team)
    for query in ({}, {"region": vt01.code}):
        first = client.get(INDEX, query)
        again = client.get(INDEX, query)
        assert _rendered_tables(first) and not _rendered_tables(again)  # the second came from the cache
        settings.DASHBOARD_FIGURES_CACHE_SECONDS = 0  # nothing cached: measured and rendered now
        fresh = client.get(INDEX, query)
        settings.DASHBOARD_FIGURES_CACHE_SECONDS = 60
        assert _rendered_tables(fresh)
        assert _normalised(first) == _normalised(again) == _normalised(fresh)
        assert "<caption" in again.content.decode() and 'scope="row"' in again.content.decode()


def test_the_tables_go_when_the_cached_figures_expire(team, client_for, vt01):
    client = client_for(team)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        before = _verified(client.get(INDEX).content.decode())
        _add_therapists(vt01)
        assert _verified(client.get(INDEX).content.decode()) == before  # within the minute: as measured
        clock.shift(timedelta(seconds=61))
        assert _verified(client.get(INDEX).content.decode()) != before


def test_the_tables_go_when_the_figures_are_dropped(team, client_for, vt01):
    client = client_for(team)
    before = _verified(client.get(INDEX).content.decode())
    _add_therapists(vt01)
    selectors.figures_changed()  # what the snapshot job does after writing
    assert _verified(client.get(INDEX).content.decode()) != before


def test_the_tables_follow_figures_measured_again_elsewhere(team, client_for, vt01):
    """An evicted figures entry is measured again by the next reader (here the CSV export): from then on the
    page shows those figures, not the tables rendered from the earlier ones."""
    client = client_for(team)
    before = _verified(client.get(INDEX).content.decode())
    _add_therapists(vt01)
    today = selectors.local_today()
    registered = {kpi.key: kpi for kpi in kpis()}
    key = selectors._figures_key(
        year=today.year, region_kind=RegionKind.VEILIG_THUIS, today=today, registered=registered
    )
    assert cache.get(key) is not None
    cache.delete(key)  # evicted, its small stamp entry not (yet)
    export = client.get(reverse("dashboard:export_csv")).content.decode()
    after = _verified(client.get(INDEX).content.decode())
    assert after != before and after in export


def test_a_new_target_shows_at_once(team, client_for):
    client = client_for(team)
    assert "<td>200</td>" not in client.get(INDEX).content.decode()
    kpi_target_set(
        kpi_key="directory.verified_therapists", year=timezone.localdate().year, region_code="", value=200, by=team
    )
    assert "<td>200</td>" in client.get(INDEX).content.decode()


def test_a_region_or_municipality_renamed_shows_at_once(coordinator, client_for, vt01):
    client = client_for(coordinator)
    municipality = first_municipality(vt01)
    assert f'<th scope="row">{municipality.name}</th>' in client.get(INDEX).content.decode()
    vt01.name = "Regio Hernoemd"
    vt01.save()
    municipality.name = "Aaa Hernoemd"
    municipality.save()
    html = client.get(INDEX).content.decode()
    assert ": Regio Hernoemd</caption>" in html and '<th scope="row">Aaa Hernoemd</th>' in html


def test_the_tables_of_the_platform_team_never_reach_a_coordinator(team, coordinator, client_for, vt01, vt02):
    national = client_for(team).get(INDEX).content.decode()
    assert f'id="area-{vt02.code}"' in national  # the per-region table, cached now
    response = client_for(coordinator).get(INDEX)
    html = response.content.decode()
    assert _rendered_tables(response)  # not the team's tables
    assert f'id="area-{vt02.code}"' not in html and f"region={vt02.code}" not in html
    assert f": {vt01.name}</caption>" in html and "Per municipality" in html
    # The other way round: the team choosing the coordinator's region gets tables rendered for the team.
    assert _rendered_tables(client_for(team).get(INDEX, {"region": vt01.code}))


def test_a_coordinator_of_another_region_gets_their_own_tables(coordinator, client_for, vt01, vt02):
    client_for(coordinator).get(INDEX)
    other = make_user(Role.COORDINATOR, mfa=True, region=vt02)
    html = client_for(other).get(INDEX, {"region": vt01.code}).content.decode()
    assert f": {vt02.name}</caption>" in html and f": {vt01.name}</caption>" not in html
    assert first_municipality(vt01).name not in html or first_municipality(vt01).name in vt02.name


def test_permissions_are_checked_on_every_request(coordinator, client_for):
    client = client_for(coordinator)
    assert client.get(INDEX).status_code == 200
    RoleGrant.objects.filter(user=coordinator).delete()
    coordinator.__dict__.pop("roles", None)
    assert client.get(INDEX).status_code == 403  # the tables are cached, the right to see them is not


def test_each_language_gets_its_own_tables(team, client_for):
    english = client_for(team, "en").get(INDEX).content.decode()
    dutch = client_for(team, "nl").get(INDEX).content.decode()
    assert '<th scope="col">Key figure</th>' in english
    assert '<th scope="col">Kerncijfer</th>' in dutch and "Key figure" not in dutch
    assert '<th scope="col">Key figure</th>' in client_for(team, "en").get(INDEX).content.decode()


def test_the_warm_page_query_count_is_pinned(team, coordinator, client_for, vt01, django_assert_num_queries):
    """User, roles, MFA, the reporting division, the viewer's regions (or grants) and the targets; nothing
    per figure, region or municipality."""
    for user, query in ((team, {}), (team, {"region": vt01.code}), (coordinator, {})):
        client = client_for(user)
        client.get(INDEX, query)  # the figures measured and the tables rendered
        with django_assert_num_queries(6):
            response = client.get(INDEX, query)
        assert response.status_code == 200 and not _rendered_tables(response)


def test_the_warm_map_query_count_is_pinned(team, coordinator, client_for, django_assert_num_queries):
    """The map reads its areas and populations from the shared cache; the live figure costs its own queries."""
    for user, query in ((team, {}), (coordinator, {"level": "municipality"})):
        client = client_for(user)
        client.get(reverse("dashboard:coverage"), query)
        with django_assert_num_queries(8):
            assert client.get(reverse("dashboard:coverage"), query).status_code == 200


def test_the_map_follows_a_renamed_municipality(coordinator, client_for, vt01):
    client = client_for(coordinator)
    municipality = first_municipality(vt01)
    url = reverse("dashboard:coverage")
    assert f'<th scope="row">{municipality.name}</th>' in client.get(url, {"level": "municipality"}).content.decode()
    municipality.name = "Aaa Hernoemd"
    municipality.save()
    assert '<th scope="row">Aaa Hernoemd</th>' in client.get(url, {"level": "municipality"}).content.decode()
