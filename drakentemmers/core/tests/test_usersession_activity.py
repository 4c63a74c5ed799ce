"""A session's "last seen" is written at most once a minute, and always when its client changes."""

import pytest
from allauth.usersessions.models import UserSession
from allauth.usersessions.signals import session_client_changed
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _seen(user) -> tuple:
    session = UserSession.objects.get(user=user)
    return session.last_seen_at, session.user_agent


def test_activity_is_recorded_once_per_interval(client_for, therapist_user, settings):
    settings.USERSESSIONS_ACTIVITY_INTERVAL = 60
    client = client_for(therapist_user)
    client.get(reverse("core:my_home"), HTTP_USER_AGENT="Firefox")
    first = _seen(therapist_user)
    client.get(reverse("core:my_home"), HTTP_USER_AGENT="Firefox")
    assert _seen(therapist_user) == first  # within the minute: no write

    cache.clear()  # the minute is over: the marker has expired
    client.get(reverse("core:my_home"), HTTP_USER_AGENT="Firefox")
    assert _seen(therapist_user)[0] > first[0]


def test_a_changed_client_is_written_at_once_and_signalled(client_for, therapist_user, settings):
    settings.USERSESSIONS_ACTIVITY_INTERVAL = 3600
    changes = []

    def receiver(sender, from_session, to_session, **kwargs):
        changes.append((from_session.user_agent, to_session.user_agent))

    session_client_changed.connect(receiver)
    try:
        client = client_for(therapist_user)
        client.get(reverse("core:my_home"), HTTP_USER_AGENT="Firefox")
        client.get(reverse("core:my_home"), HTTP_USER_AGENT="Chromium")
    finally:
        session_client_changed.disconnect(receiver)
    assert _seen(therapist_user)[1] == "Chromium"
    assert changes == [("Firefox", "Chromium")]


def test_repeated_requests_cost_no_activity_queries(client_for, therapist_user, django_assert_max_num_queries):
    client = client_for(therapist_user)
    client.get(reverse("core:my_home"))
    with django_assert_max_num_queries(6):  # session, user, roles, MFA, memberships, menu: no usersession write
        client.get(reverse("core:my_home"))
