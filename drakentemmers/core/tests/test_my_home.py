"""'Mijn Drakentemmers': logged-in only; shows the user's roles and what each role can do next."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

INVITATIONS_URL = "/mijn-account/uitnodigingen/"


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("core:my_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_rejects_post(client_for, nobody):
    assert client_for(nobody).post(reverse("core:my_home")).status_code == 405


@pytest.mark.parametrize(
    ("persona", "role_label", "sees_invitations"),
    [
        ("nobody", None, False),
        ("therapist_user", "Behandelaar (lid)", False),
        ("org_staff_user", "Medewerker organisatie", False),
        ("coordinator_user", "Regionale projectleider", False),
        ("verifier_user", "Verificateur (platformteam)", True),
    ],
)
def test_entries_per_role(request, client_for, persona, role_label, sees_invitations):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("core:my_home"))
    assert response.status_code == 200
    assert "core/my_home.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert f"Welkom, {user.first_name}" in html
    if role_label:
        assert role_label in html
    else:
        assert "Je account heeft nog geen rol" in html
    assert (INVITATIONS_URL in html) is sees_invitations
    assert reverse("accounts:overview") in html


def test_only_the_current_menu_item_is_marked(client_for, verifier_user):
    html = client_for(verifier_user).get(INVITATIONS_URL).content.decode()
    assert html.count('aria-current="page"') == 1
    assert f'<a href="{INVITATIONS_URL}" aria-current="page">' in html
