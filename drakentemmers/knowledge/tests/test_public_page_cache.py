"""Knowledge pages are cached for anonymous visitors; a publication, a visibility change or a deletion shows at once."""

import pytest

from drakentemmers.accounts.tests.factories import logged_in_client
from drakentemmers.knowledge.models import KnowledgeArticlePage, Visibility

from .factories import publish

pytestmark = pytest.mark.django_db


def test_a_repeat_visit_is_served_from_the_cache(client, django_assert_num_queries):
    page = publish(KnowledgeArticlePage, title="Stabilisatie in de opvang")
    assert client.get(page.url).status_code == 200
    with django_assert_num_queries(0):
        assert "Stabilisatie in de opvang" in client.get(page.url).content.decode()


def test_a_new_revision_shows_at_once(client):
    page = publish(KnowledgeArticlePage, title="Eerste titel")
    assert "Eerste titel" in client.get(page.url).content.decode()
    page.title = "Tweede titel"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Tweede titel" in html and "Eerste titel" not in html


def test_restricting_a_page_takes_it_out_of_the_cache_at_once(client, member):
    page = publish(KnowledgeArticlePage, title="Voor leden")
    assert client.get(page.url).status_code == 200
    page.visibility = Visibility.MEMBERS
    page.save_revision().publish()
    assert client.get(page.url).status_code == 302  # anonymous: to the login, not the cached copy
    assert logged_in_client(member).get(page.url).status_code == 200


def test_an_unpublished_page_is_gone_at_once(client):
    page = publish(KnowledgeArticlePage, title="Tijdelijk")
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404
