"""The menu asks the apps' permission predicates, so it never offers a page the page itself refuses."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core import navigation

pytestmark = pytest.mark.django_db


def _menu_urls(user) -> set[str]:
    request = RequestFactory().get("/")
    request.user = user
    request.resolver_match = None
    return {entry["url"] for entry in navigation.entries_for(request)}


def test_every_entry_is_decided_by_a_permissions_module():
    for entry in navigation._ENTRIES:
        assert entry.visible.__module__.endswith(".permissions"), (entry.url_name, entry.visible)
        if entry.count is not None:
            assert entry.count.__module__.endswith(".permissions"), (entry.url_name, entry.count)


def test_verification_is_offered_only_with_mfa():
    queue = reverse("directory:verification_queue")
    assert queue not in _menu_urls(make_user(Role.VERIFIER))
    assert queue in _menu_urls(make_user(Role.VERIFIER, mfa=True))
