"""The public verification page, and the mark badge on profiles and in search (one query for all results)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.tests.factories import OrganisationMembershipFactory, TherapistProfileFactory
from drakentemmers.quality.models import MarkStatus, QualityMark
from drakentemmers.quality.selectors import marks_for_users

pytestmark = pytest.mark.django_db
SEARCH = reverse("directory:search")
with translation.override("nl"):
    BADGE = "Keurmerk, geldig tot en met " + date_format(date(2099, 6, 30), "j N Y")


def _mark(user, **fields) -> QualityMark:
    today = timezone.localdate()
    defaults = {"valid_from": today - timedelta(days=10), "valid_until": date(2099, 6, 30)}
    return QualityMark.objects.create(user=user, **{**defaults, **fields})


def test_verification_shows_name_dates_and_status_and_nothing_more(client):
    profile = TherapistProfileFactory(user__first_name="Sanne", user__last_name="Visser", practice_name="Praktijk X")
    mark = _mark(profile.user)
    html = client.get(reverse("quality:verify", args=[mark.code])).content.decode()
    assert "Sanne Visser" in html and "30 juni 2099" in html and "Geldig" in html
    for private in (profile.user.email, "Praktijk X", profile.big_number):
        assert private not in html
    assert 'name="robots" content="noindex"' in html


def test_verification_of_a_withdrawn_and_an_expired_mark(client):
    withdrawn = _mark(TherapistProfileFactory().user, status=MarkStatus.WITHDRAWN, ended_on=timezone.localdate())
    html = client.get(reverse("quality:verify", args=[withdrawn.code])).content.decode()
    assert "Ingetrokken" in html and "Reden" not in html
    # Past its end date but the job has not run yet: shown as expired all the same.
    lapsed = _mark(
        TherapistProfileFactory().user,
        valid_from=timezone.localdate() - timedelta(days=400),
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    assert "Verlopen" in client.get(reverse("quality:verify", args=[lapsed.code])).content.decode()


def test_an_unknown_code_is_404(client):
    assert client.get(reverse("quality:verify", args=["niet-bestaand"])).status_code == 404


def test_the_code_is_unguessable():
    codes = {_mark(TherapistProfileFactory().user).code for _ in range(3)}
    assert len(codes) == 3 and all(len(code) >= 22 for code in codes)


def test_marks_for_users_is_one_query_and_only_valid_marks(django_assert_num_queries):
    holder, withdrawn, lapsed, none = (TherapistProfileFactory().user for _ in range(4))
    _mark(holder)
    _mark(withdrawn, status=MarkStatus.WITHDRAWN)
    _mark(lapsed, valid_from=date(2020, 1, 1), valid_until=date(2021, 1, 1))
    with django_assert_num_queries(1):
        marks = marks_for_users([holder.pk, withdrawn.pk, lapsed.pk, none.pk], today=timezone.localdate())
    assert set(marks) == {holder.pk}
    with django_assert_num_queries(0):
        assert marks_for_users([], today=timezone.localdate()) == {}


def _searcher():
    user = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembershipFactory(user=user)
    return user


def _search_queries(client) -> tuple[int, str, int]:
    """(queries, page, queries reading quality marks) of one search."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"place": "1011"})
    marks = sum("quality_qualitymark" in query["sql"] for query in queries.captured_queries)
    return len(queries), response.content.decode(), marks


def test_search_badges_cost_one_query_whatever_the_number_of_results(client_for):
    client = client_for(_searcher())
    client.get(SEARCH, {"place": "1011"})  # warm the cached vocabularies and place lookups
    for _ in range(2):
        _mark(TherapistProfileFactory(locations=["1011"]).user)
    few, html, marks = _search_queries(client)
    assert html.count(BADGE) == 2 and marks == 1
    for _ in range(8):
        _mark(TherapistProfileFactory(locations=["1011"]).user)
    TherapistProfileFactory(locations=["1011"])  # no mark: no badge
    many, html, marks = _search_queries(client)
    assert html.count(BADGE) == 10 and marks == 1
    assert html.count("dt-therapist-card__name") == 11
    assert many == few
    # The same search again: the rendered cards are shared until the data change (directory.search_cards).
    _queries, html, marks = _search_queries(client)
    assert html.count(BADGE) == 10 and marks == 0


def test_a_withdrawn_mark_leaves_the_shared_search_cards_at_once(client_for):
    client = client_for(_searcher())
    mark = _mark(TherapistProfileFactory(locations=["1011"]).user)
    assert _search_queries(client)[1].count(BADGE) == 1
    assert _search_queries(client)[2] == 0  # served from the shared cards
    mark.status = MarkStatus.WITHDRAWN
    mark.save()
    assert _search_queries(client)[1].count(BADGE) == 0


def test_the_badge_shows_on_the_profile_and_the_public_mini_profile(client_for, client):
    profile = TherapistProfileFactory(public_profile=True)
    mark = _mark(profile.user)
    detail = client_for(_searcher()).get(reverse("directory:therapist_detail", args=[profile.pk])).content.decode()
    assert BADGE in detail
    public = client.get(reverse("directory:therapist_public", args=[profile.pk])).content.decode()
    assert BADGE in public
    assert reverse("quality:verify", args=[mark.code]) in public


def test_no_badge_without_a_valid_mark(client_for):
    profile = TherapistProfileFactory()
    _mark(profile.user, status=MarkStatus.WITHDRAWN)
    detail = client_for(_searcher()).get(reverse("directory:therapist_detail", args=[profile.pk])).content.decode()
    assert "Keurmerk, geldig" not in detail


def test_verification_page_query_count(client, django_assert_max_num_queries):
    mark = _mark(TherapistProfileFactory().user)
    url = reverse("quality:verify", args=[mark.code])
    client.get(url)
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200


def test_the_badge_costs_the_profile_page_one_query(client_for, django_assert_max_num_queries):
    profile = TherapistProfileFactory()
    client = client_for(_searcher())
    url = reverse("directory:therapist_detail", args=[profile.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert sum("quality_qualitymark" in query["sql"] for query in queries.captured_queries) == 1
