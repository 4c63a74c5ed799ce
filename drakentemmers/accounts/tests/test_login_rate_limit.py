"""Brute-force protection: after five wrong passwords the sixth attempt gets the Dutch 429 page."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from drakentemmers.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("account_login")
DUTCH_429 = "Je hebt dit te vaak geprobeerd in korte tijd."


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_six_wrong_logins_give_the_dutch_429_page(client, therapist_user):
    for _attempt in range(5):
        response = client.post(LOGIN, {"login": therapist_user.email, "password": "fout-wachtwoord"})
        assert response.status_code == 200
        assert "niet correct" in response.content.decode()
    response = client.post(LOGIN, {"login": therapist_user.email, "password": "fout-wachtwoord"})
    assert response.status_code == 429
    assert "429.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert DUTCH_429 in html
    assert "<h1>Te veel pogingen</h1>" in html
    # Even the right password is refused while the limit holds.
    response = client.post(LOGIN, {"login": therapist_user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_limit_is_per_account_too(client, therapist_user, nobody):
    """Another account from the same address still has its own attempts left (IP limit is also 5)."""
    for _attempt in range(4):
        client.post(LOGIN, {"login": therapist_user.email, "password": "fout-wachtwoord"})
    response = client.post(LOGIN, {"login": nobody.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:my_home")


def test_password_reset_is_rate_limited_with_the_dutch_page(client, therapist_user):
    url = reverse("account_reset_password")
    for _attempt in range(3):
        assert client.post(url, {"email": therapist_user.email}).status_code == 302
    response = client.post(url, {"email": therapist_user.email})
    assert response.status_code == 429
    assert DUTCH_429 in response.content.decode()
