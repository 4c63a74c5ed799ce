"""The PostgreSQL search of our own (selectors.RankedSearch): Wagtail's match and rank, capped candidates, one
statement for the shown page and its count, the viewer's visibility before the cap."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse

from drakentemmers.accounts.tests.factories import logged_in_client
from drakentemmers.knowledge import selectors
from drakentemmers.knowledge.models import KnowledgeArticlePage, Visibility
from drakentemmers.knowledge.selectors import Filters

from .factories import publish

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search"),
]


def _search(viewer, query, page=1):
    return selectors.knowledge_search(viewer=viewer, filters=Filters(query=query), page=page)


def test_same_pages_in_the_same_order_as_wagtails_search():
    publish(KnowledgeArticlePage, title="Stabilisatie", intro="Stabilisatie eerst, stabilisatie daarna.")
    publish(KnowledgeArticlePage, title="Iets over slaap", intro="Stabilisatie komt even langs.")
    publish(KnowledgeArticlePage, title="Over angst", intro="Niets van dat woord.")
    for n in range(12):
        publish(KnowledgeArticlePage, title=f"Stuk {n}", slug=f"stuk-{n}", intro="Een tekst over stabilisatie.")
    viewer = AnonymousUser()
    queryset = selectors._filtered(selectors.visible_pages(viewer=viewer), Filters(query="stabilisatie"))
    wagtail = queryset.search("stabilisatie", operator="and")
    first, second = _search(viewer, "stabilisatie"), _search(viewer, "stabilisatie", page=2)
    assert first.results.paginator.count == wagtail.count() == 14
    assert [hit.page.pk for hit in first.hits] == [page.pk for page in wagtail[0:10]]
    assert [hit.page.pk for hit in second.hits] == [page.pk for page in wagtail[10:20]]
    assert first.hits[0].page.title == "Stabilisatie"  # the title and the most mentions rank first
    assert not first.capped


def test_members_only_pages_are_not_among_the_counted_or_ranked_candidates(member):
    publish(KnowledgeArticlePage, title="Open over loyaliteit", intro="Loyaliteit.")
    publish(KnowledgeArticlePage, title="Leden over loyaliteit", intro="Loyaliteit.", visibility=Visibility.MEMBERS)
    anonymous = _search(AnonymousUser(), "loyaliteit")
    assert anonymous.results.paginator.count == 1
    assert [hit.page.title for hit in anonymous.hits] == ["Open over loyaliteit"]
    assert _search(member, "loyaliteit").results.paginator.count == 2


def test_more_matches_than_ranked_says_more_than_and_keeps_paging(client, monkeypatch):
    monkeypatch.setattr(selectors, "RANK_CANDIDATES", 12)
    for n in range(14):
        publish(KnowledgeArticlePage, title=f"Nazorg {n}", slug=f"nazorg-{n}", intro="Over nazorg.")
    listing = _search(AnonymousUser(), "nazorg")
    assert listing.capped and listing.results.paginator.count == 12
    assert len(_search(AnonymousUser(), "nazorg", page=2).hits) == 2  # 12 ranked: 10 + 2
    body = client.get(reverse("knowledge:search") + "?q=nazorg").content.decode()
    assert "Meer dan 12 resultaten voor “nazorg”" in body
    assert "Pagina 1 van" not in body and "Pagina 1" in body


def test_page_past_the_end_shows_the_last_page_and_nothing_found_is_empty():
    for n in range(3):
        publish(KnowledgeArticlePage, title=f"Herstel {n}", slug=f"herstel-{n}", intro="Over herstel.")
    listing = _search(AnonymousUser(), "herstel", page=9)
    assert listing.results.number == 1 and len(listing.hits) == 3
    empty = _search(AnonymousUser(), "xylofoon")
    assert empty.results.paginator.count == 0 and empty.hits == [] and not empty.capped
    assert _search(AnonymousUser(), "  - ").hits == []


def test_a_search_page_runs_one_ranked_statement(member, django_assert_max_num_queries):
    for n in range(3):
        publish(KnowledgeArticlePage, title=f"Gezin {n}", slug=f"gezin-{n}", intro="Over het gezin.")
    client = logged_in_client(member)
    client.get(reverse("knowledge:search") + "?q=gezin")
    with django_assert_max_num_queries(40) as captured:
        body = client.get(reverse("knowledge:search") + "?q=gezin").content.decode()
    assert "<mark>gezin</mark>" in body
    ranked = [q["sql"] for q in captured.captured_queries if "ts_rank" in q["sql"]]
    searched = [q["sql"] for q in captured.captured_queries if "@@" in q["sql"]]
    counted = [sql for sql in searched if "COUNT(" in sql.upper() and "ts_rank" not in sql]
    assert len(ranked) == 1 and counted == []
