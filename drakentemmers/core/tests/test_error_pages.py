"""403, 404, 429 and 500 pages: Dutch, with one h1, and the 500 page needs neither database nor context."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from drakentemmers.core.errors import server_error

pytestmark = pytest.mark.django_db


def test_403_page_is_dutch(client_for, therapist_user):
    response = client_for(therapist_user).get(reverse("accounts:invitations"))
    assert response.status_code == 403
    assert "403.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "<h1>Geen toegang</h1>" in html
    assert reverse("core:my_home") in html


def test_404_page_is_dutch_and_english_after_the_switch(client):
    assert "<h1>Pagina niet gevonden</h1>" in client.get("/nergens/").content.decode()
    client.cookies["dt_language"] = "en"
    assert "<h1>Page not found</h1>" in client.get("/nergens/").content.decode()


def test_500_page_renders_without_database_or_context(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Er ging iets mis</h1>" in html
    assert '<html lang="nl">' in html


def test_429_template_renders_in_dutch(rf):
    from allauth.core.internal.ratelimit import handler429
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/account/login/")
    request.user = AnonymousUser()
    with translation.override("nl"):
        response = handler429(request)
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
