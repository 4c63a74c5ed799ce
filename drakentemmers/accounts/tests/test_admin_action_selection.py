"""An admin action posted with a selection that cannot be ids (text, NUL) or a bad `index` is refused with a
warning, not a 500 (accounts.admin_site.ValidActionSelectionMixin; found by tests/test_hostile_input.py)."""

import pytest
from django.contrib.auth.models import Group

from drakentemmers.accounts.models import Role, User
from drakentemmers.accounts.tests.factories import logged_in_client, make_user

pytestmark = pytest.mark.django_db

CHANGELISTS = ["/beheer/django/auth/group/", "/beheer/django/accounts/user/"]


@pytest.fixture
def admin_client():
    return logged_in_client(make_user(Role.ADMINISTRATOR, mfa=True, is_staff=True, is_superuser=True))


@pytest.mark.parametrize("path", CHANGELISTS)
@pytest.mark.parametrize(
    "data",
    [
        {"action": "delete_selected", "_selected_action": "abc", "index": "0"},
        {"action": "delete_selected", "_selected_action": "\x00", "index": "0"},
        {"action": "delete_selected", "_selected_action": "1", "index": "\x00"},
    ],
    ids=["text", "nul", "bad-index"],
)
def test_an_unreadable_selection_is_refused_with_a_warning(admin_client, path, data):
    Group.objects.create(name="Blijft")
    users = User.objects.count()
    response = admin_client.post(path, data, follow=True)
    assert response.status_code == 200
    assert "De selectie kon niet worden gelezen" in response.content.decode()
    assert Group.objects.filter(name="Blijft").exists() and User.objects.count() == users


def test_a_real_selection_still_reaches_the_action(admin_client):
    group = Group.objects.create(name="Weg")
    data = {"action": "delete_selected", "_selected_action": str(group.pk), "index": "0"}
    response = admin_client.post(CHANGELISTS[0], data)
    assert response.status_code == 200  # Django's confirmation page for the deletion
    assert "Weg" in response.content.decode()
