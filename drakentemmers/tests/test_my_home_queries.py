""" "My Drakentemmers" (/mijn/) per role: a pinned number of queries that does not grow with the data (issue 17).

The menu counts, "what waits for you", the onboarding checklist and the suggested trainings share one read of
the therapist's profile and of the open candidacies per request (core.request_memo); the training offer comes
from the public data cache. These tests pin the queries of a warm request per role, check that ten times the
data costs no query more, and that the shared reads neither go stale between requests nor leak between users.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.directory import services as directory_services
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.learning.models import Audience
from drakentemmers.learning.tests.factories import training_with_session
from drakentemmers.matching import services
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request, org_staff, therapist
from drakentemmers.regions.models import Region

pytestmark = pytest.mark.django_db
MY_HOME = reverse("core:my_home")

# Queries of a warm request to /mijn/ (user, roles, then the page's own reads; the session comes from the cache).
# On the demo data (benchmarks/profile_page.py) before issue 17: therapist 19, organisation staff 10, administrator
# and verifier 9, the other roles 6 or 7 queries.
# The menu frame (entries and counts) comes from the per-user cache since, one to two queries fewer.
PINNED = {
    "therapist": 8,
    "org_staff": 6,
    "coordinator": 3,
    "administrator": 6,
    "verifier": 6,
    "editor": 3,
    "no role": 3,
}


def _warm_queries(client) -> tuple[int, str]:
    client.get(MY_HOME)  # the first request fills the session's and the caches' first reads
    with CaptureQueriesContext(connection) as queries:
        response = client.get(MY_HOME)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _invite(staff, *profiles):
    request = care_request(staff=staff, status=RequestStatus.OPEN)
    return services.candidacies_create(care_request=request, therapist_ids=[p.pk for p in profiles], by=staff)


def _therapist_training(n: int):
    training = training_with_session(title=f"Scholing {n}", audience=Audience.THERAPISTS)
    training.methods.set(_new_method(n))
    return training


def _new_method(n: int):
    from drakentemmers.directory.models import Method

    return [Method.objects.create(slug=f"q-method-{n}", name_nl=f"Methode {n}", name_en=f"Method {n}")]


def _user_for(role: str):
    if role == "therapist":
        return therapist().user
    if role == "org_staff":
        return org_staff()
    if role == "coordinator":
        return make_user(Role.COORDINATOR, mfa=True, region=Region.objects.order_by("pk").first())
    if role == "no role":
        return make_user()
    return make_user(role, mfa=True)


@pytest.mark.parametrize("role", list(PINNED))
def test_my_home_queries_are_pinned_per_role(role):
    user = _user_for(role)
    count, _html = _warm_queries(logged_in_client(user))
    assert count == PINNED[role], f"{role}: {count} queries, pinned at {PINNED[role]}"


def test_the_therapists_home_costs_no_more_queries_with_ten_times_the_data():
    staff = org_staff()
    profile = therapist()
    _invite(staff, profile)
    _therapist_training(0)
    client = logged_in_client(profile.user)
    one, html = _warm_queries(client)
    assert "1 uitnodiging wacht op je antwoord" in html and "Scholing 0" in html
    for n in range(1, 10):
        _invite(staff, profile)
        _therapist_training(n)
    ten, html = _warm_queries(client)
    assert "10 uitnodigingen wachten op je antwoord" in html
    assert ten == one


def test_the_staff_home_costs_no_more_queries_with_ten_times_the_data():
    staff = org_staff()
    [accepting] = _invite(staff, therapist())
    services.candidacy_accept(candidacy=accepting)
    client = logged_in_client(staff)
    one, html = _warm_queries(client)
    assert "1 behandelaar wil je hulpvraag aannemen" in html
    for _ in range(9):
        accepting, _silent, _other = _invite(staff, therapist(), therapist(), therapist())
        services.candidacy_accept(candidacy=accepting)
    ten, html = _warm_queries(client)
    assert "10 behandelaars willen je hulpvragen aannemen" in html
    assert ten == one


def test_what_waits_and_the_menu_count_follow_the_data_from_one_request_to_the_next():
    staff = org_staff()
    profile = therapist()
    client = logged_in_client(profile.user)
    html = client.get(MY_HOME).content.decode()
    assert "uitnodiging wacht op je antwoord" not in html
    [candidacy] = _invite(staff, profile)
    html = client.get(MY_HOME).content.decode()
    assert "1 uitnodiging wacht op je antwoord" in html  # what waits
    assert "1 uitnodiging te beantwoorden" in html  # the menu's count, for screen readers
    services.candidacy_accept(candidacy=candidacy)
    html = client.get(MY_HOME).content.decode()
    assert "uitnodiging wacht op je antwoord" not in html and "uitnodiging te beantwoorden" not in html


def test_the_shared_reads_never_leak_between_users():
    staff = org_staff()
    invited, other = therapist(), therapist()
    _invite(staff, invited)
    training = training_with_session(title="Alleen voor de tweede", audience=Audience.THERAPISTS)
    training.methods.set(_new_method(1))
    invited.methods.set(training.methods.all())  # nothing new for the invited therapist
    invited_html = logged_in_client(invited.user).get(MY_HOME).content.decode()
    other_html = logged_in_client(other.user).get(MY_HOME).content.decode()
    assert "1 uitnodiging wacht op je antwoord" in invited_html
    assert "uitnodiging wacht op je antwoord" not in other_html
    assert "Alleen voor de tweede" in other_html and "Alleen voor de tweede" not in invited_html
    # Another organisation's staff see nothing of the first organisation's candidacies.
    assert "behandelaar" not in _waiting_section(logged_in_client(org_staff()).get(MY_HOME).content.decode())


def test_the_onboarding_checklist_follows_the_profile_from_one_request_to_the_next():
    profile = TherapistProfileFactory(verified_at=timezone.now() - timedelta(days=2), availability_confirmed_at=None)
    client = logged_in_client(profile.user)
    assert "Niet bevestigd in de afgelopen 4 weken" in client.get(MY_HOME).content.decode()
    directory_services.availability_confirm(profile=profile)
    assert "Niet bevestigd in de afgelopen 4 weken" not in client.get(MY_HOME).content.decode()


def _waiting_section(html: str) -> str:
    start = html.index('id="waiting-heading"')
    return html[start : html.index("</section>", start)]
