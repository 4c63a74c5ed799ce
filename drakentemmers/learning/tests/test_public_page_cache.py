"""The calendar and a training's page are cached for anonymous visitors, and a change shows at once."""

import pytest
from django.urls import reverse

from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.learning import services
from drakentemmers.learning.models import Audience

from .factories import training_with_session

pytestmark = pytest.mark.django_db


def test_a_repeat_visit_is_served_from_the_cache(client, django_assert_num_queries):
    training = training_with_session(title="Stabiliseren na geweld")
    assert "Stabiliseren na geweld" in client.get(reverse("learning:calendar")).content.decode()
    with django_assert_num_queries(0):
        assert "Stabiliseren na geweld" in client.get(reverse("learning:calendar")).content.decode()
    url = reverse("learning:training_detail", args=[training.pk])
    client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_an_enrolment_shows_in_the_places_left_at_once(client):
    training = training_with_session(capacity=2)
    url = reverse("learning:training_detail", args=[training.pk])
    assert "2 vrij" in client.get(url).content.decode()
    services.training_enrol(training=training, user=make_user(), audience=Audience.REFERRING)
    assert "1 vrij" in client.get(url).content.decode()


def test_a_new_training_shows_in_the_cached_calendar_at_once(client):
    client.get(reverse("learning:calendar"))
    training_with_session(title="Nieuw: hechting en trauma")
    assert "Nieuw: hechting en trauma" in client.get(reverse("learning:calendar")).content.decode()


def test_a_logged_in_visitor_gets_their_own_page_not_the_cached_one():
    training = training_with_session()
    url = reverse("learning:training_detail", args=[training.pk])
    logged_in_client(None).get(url)  # cached for anonymous visitors
    page = logged_in_client(make_user()).get(url).content.decode()
    assert 'name="organisation_name"' in page  # the enrol form, which anonymous visitors never get
