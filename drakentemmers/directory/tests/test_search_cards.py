"""The search page's rendered cards are shared by everyone with the same query (directory.search_cards, issue 17):
they follow every data change at once, differ per language and never carry one viewer's part to another."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drakentemmers.directory import result_decorations, search_cards
from drakentemmers.directory.tests import factories as f

from .test_search_views import verified_staff

pytestmark = pytest.mark.django_db
SEARCH = reverse("directory:search")


def _search(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"place": "1011", **params})
    assert response.status_code == 200
    profile_reads = sum(q["sql"].startswith('SELECT "directory_therapistprofile"') for q in queries.captured_queries)
    return response.content.decode(), profile_reads


def test_a_second_visitor_gets_the_same_cards_without_reading_the_profiles(client_for):
    f.TherapistProfileFactory(practice_name="Praktijk De Linde", locations=["1011"])
    one, other = verified_staff(), verified_staff()  # (a new account is a data change too)
    first, reads = _search(client_for(one))
    assert "Praktijk De Linde" in first and reads > 0
    second, reads = _search(client_for(other))
    assert reads == 0
    assert second.count("dt-therapist-card__name") == first.count("dt-therapist-card__name") == 1


def test_a_changed_profile_shows_on_the_next_search(client_for):
    profile = f.TherapistProfileFactory(practice_name="Praktijk De Linde", locations=["1011"])
    client = client_for(verified_staff())
    assert "Praktijk De Linde" in _search(client)[0]
    profile.practice_name = "Praktijk Het Anker"
    profile.save()
    html, reads = _search(client)
    assert "Praktijk Het Anker" in html and "Praktijk De Linde" not in html and reads > 0


def test_cards_are_kept_per_language(client_for):
    f.TherapistProfileFactory(locations=["1011"])
    client = client_for(verified_staff())
    assert "Werkt in" in _search(client)[0]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _search(client)[0]
    assert "Works in" in english and "Werkt in" not in english


def test_the_shared_card_stops_where_the_viewers_actions_go():
    f.TherapistProfileFactory(locations=["1011"])
    from drakentemmers.directory import selectors
    from drakentemmers.directory.forms_search import TherapistSearchForm

    form = TherapistSearchForm({"place": "1011"})
    assert form.is_valid()
    page = search_cards.search_cards(viewer=verified_staff(), criteria=form.to_criteria(page=1))
    (card,) = page.cards
    assert card.html.lstrip().startswith("<article") and "</article>" not in card.html  # closed by the page
    assert page.count == 1 and page.page.number == 1
    assert selectors.search_key(viewer=None, criteria=form.to_criteria(page=2)).endswith(":-:2")


def test_the_card_audience_names_what_a_decoration_depends_on():
    before = result_decorations.card_audience(None)
    result_decorations.register("test_audience", lambda viewer, profiles, purpose: {}, card_audience=lambda v: "x")
    try:
        assert result_decorations.card_audience(None) != before
        assert "test_audience=x" in result_decorations.card_audience(None)
    finally:
        result_decorations.register("test_audience", lambda viewer, profiles, purpose: {})
        result_decorations._PROVIDERS.pop("test_audience")
    assert result_decorations.card_audience(None) == before
