"""Dutch by default; the language form in the header switches to English and back."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

pytestmark = pytest.mark.django_db

DUTCH_MONTHS = {
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
}


def test_default_language_is_dutch_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    # Only the user's own choice switches the language, never the browser's preference.
    assert '<html lang="nl">' in response.content.decode()
    assert response["Content-Language"] == "nl"
    assert "Accept-Language" not in response.get("Vary", "")
    assert '<html lang="nl">' in client.get("/").content.decode()


def test_the_chosen_language_beats_the_browser(client):
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert '<html lang="nl">' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_chosen_language_wins_over_the_browser(client):
    client.cookies["dt_language"] = "en"
    assert '<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    client.cookies["dt_language"] = "xx"  # unknown: back to Dutch, never an error
    assert '<html lang="nl">' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_switch_to_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/over/"})
    assert response.status_code == 302
    assert response["Location"] == "/over/"
    assert response.cookies["dt_language"].value == "en"
    html = client.get("/over/").content.decode()
    assert '<html lang="en">' in html
    assert "About the platform" in html
    assert 'value="nl"' in html and "Nederlands" in html
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="nl">' in html
    assert "Over het platform" in html


def test_switch_refuses_an_external_next_url(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_dates_are_in_dutch(client_for, verifier_user):
    from drakentemmers.accounts.models import Invitation, Role

    Invitation.objects.create(email="x@example.nl", role=Role.THERAPIST, invited_by=verifier_user)
    html = client_for(verifier_user).get(reverse("accounts:invitations")).content.decode()
    with translation.override("nl"):
        today = date_format(timezone.localdate(), "j F Y")
    month = today.split()[1]
    assert month in DUTCH_MONTHS and today in html
