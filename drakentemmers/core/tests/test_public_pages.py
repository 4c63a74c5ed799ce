"""Every public page: status, template, language and visibility for anonymous visitors and each persona."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("core:home", "core/home.html"),
    ("core:about", "core/about.html"),
    ("core:for_therapists", "core/for_therapists.html"),
    ("core:for_organisations", "core/for_organisations.html"),
    ("core:contact", "core/contact.html"),
    ("core:privacy", "core/privacy.html"),
    ("core:accessibility", "core/accessibility.html"),
    ("core:colophon", "core/colophon.html"),
]
PERSONAS = [
    None,
    "nobody",
    "therapist_user",
    "org_staff_user",
    "org_staff_without_mfa",
    "coordinator_user",
    "verifier_user",
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("url_name", "template"), PUBLIC_PAGES)
def test_public_page_opens_for_everyone(request, client_for, persona, url_name, template):
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).get(reverse(url_name))
    assert response.status_code == 200
    assert template in [t.name for t in response.templates]
    assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize(("url_name", "template"), PUBLIC_PAGES)
def test_public_page_rejects_post(client, url_name, template):
    assert client.post(reverse(url_name)).status_code == 405


def test_public_pages_are_dutch_by_default(client):
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen" in html
    assert "Over het platform" in html


def test_anonymous_menu_shows_login_and_logged_in_menu_shows_logout(client_for, therapist_user):
    anonymous = client_for(None).get(reverse("core:home")).content.decode()
    assert reverse("account_login") in anonymous
    assert reverse("account_logout") not in anonymous
    logged_in = client_for(therapist_user).get(reverse("core:home")).content.decode()
    assert reverse("account_logout") in logged_in
    assert reverse("accounts:overview") in logged_in


def test_unknown_page_gives_the_dutch_404_page(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert "Pagina niet gevonden" in response.content.decode()
