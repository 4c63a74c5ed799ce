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


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [(None, "nl"), ("de-DE,de;q=0.9", "nl"), ("nl-NL,nl;q=0.9,en;q=0.5", "nl"), ("en-GB,en;q=0.9", "en")],
)
def test_browser_preference_counts_and_dutch_is_the_default(client, accept_language, expected):
    """A browser asking for English gets English (accessibility); no preference, or a language we lack, is Dutch."""
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    html = client.get("/", **headers).content.decode()
    assert f'<html lang="{expected}">' in html
    assert ("Over het platform" in html) is (expected == "nl")


def test_the_chosen_language_beats_the_browser(client):
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
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
