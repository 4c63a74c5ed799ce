"""core.navigation's frame cache (issue 17): what invalidates it, what does not, and whose frame a key reads.

The domain tests (matching/tests/test_nav_frame_cache.py) show new messages and invitations at once through the
real services; these pin the mechanism with an entry of their own whose count the test controls.
"""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.mfa import SESSION_MFA_ATTRIBUTE
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core import navigation
from drakentemmers.core.models import AccessLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch):
    """An extra menu entry counting `state["n"]` (not a query: a change the signals cannot see)."""
    state = {"n": 1, "calls": 0}

    def count(user):
        state["calls"] += 1
        return state["n"]

    entry = navigation.NavEntry(label="Teller", url_name="core:about", visible=lambda user: True, count=count)
    monkeypatch.setattr(navigation, "_ENTRIES", [*navigation._ENTRIES, entry])
    return state


def _count(user) -> int | None:
    request = RequestFactory().get("/")
    request.resolver_match = None
    request.user = user
    [item] = [e for e in navigation.entries_for(request) if e["label"] == "Teller"]
    return item["count"]


def test_the_frame_is_cached_until_a_change_bumps_the_version(counted):
    user = make_user()
    assert _count(user) == 1
    counted["n"] = 5  # as an update() without a signal would do
    assert _count(user) == 1 and counted["calls"] == 1  # from the cache
    navigation.frame_changed()  # what such a service calls
    assert _count(user) == 5


def test_any_model_save_or_delete_bumps_the_version_but_not_a_login_stamp_or_the_access_log(counted):
    user = make_user()
    assert _count(user) == 1
    counted["n"] = 2
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    AccessLogEntry.objects.create(user=user, user_label="x", object_type="t", object_id="1")
    assert _count(user) == 1  # neither changes a menu
    user.first_name = "Anders"
    user.save()
    assert _count(user) == 2
    counted["n"] = 3
    make_user().delete()
    assert _count(user) == 3


def test_each_user_and_each_session_mfa_state_has_its_own_frame(counted):
    first, second = make_user(mfa=True), make_user(mfa=True)
    key_first = navigation._frame_key(first)
    assert key_first != navigation._frame_key(second)
    assert f":{first.pk}:" in key_first
    setattr(first, SESSION_MFA_ATTRIBUTE, lambda: False)  # the same user in a session without the second factor
    assert navigation._frame_key(first) != key_first


def test_fixed_url_gives_what_url_gives():
    rendered = Template("{% load platform_urls %}{% fixed_url 'core:about' %}|{% fixed_url 'core:about' %}")
    assert rendered.render(Context()) == f"{reverse('core:about')}|{reverse('core:about')}"
