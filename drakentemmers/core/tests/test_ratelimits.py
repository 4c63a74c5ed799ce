"""core.ratelimits: per-user sliding-window limits with a Dutch "try again in N minutes"."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import RequestFactory
from django.utils import translation

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core import ratelimits
from drakentemmers.core.ratelimits import Rate, RateLimitExceeded, rate_limit_consume, rates_parse, retry_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """A controllable time.time() for the limiter."""
    now = {"t": 1_800_000_000.0}
    monkeypatch.setattr(ratelimits.time, "time", lambda: now["t"])
    return now


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.PLATFORM_RATE_LIMITS = {"contact": "3/h", "double": "2/m,3/h"}


def test_rates_parse():
    assert rates_parse("5/h,20/d") == [Rate(5, 3600), Rate(20, 86400)]
    assert rates_parse("3/15m") == [Rate(3, 900)]
    assert rates_parse("") == []
    with pytest.raises(ImproperlyConfigured):
        rates_parse("5/w")


def test_every_messaging_action_has_a_limit_in_settings(settings):
    from drakentemmers import settings as project_settings

    for action in ("contact", "message_reply", "thread_message", "request_publish"):
        assert rates_parse(project_settings.PLATFORM_RATE_LIMITS[action]), action


def test_the_fourth_attempt_in_an_hour_is_refused_and_says_when(clock):
    user = make_user()
    for _attempt in range(3):
        rate_limit_consume(user, "contact")
        clock["t"] += 60
    with translation.override("nl"), pytest.raises(RateLimitExceeded) as refused:
        rate_limit_consume(user, "contact")
    # The first attempt was 3 minutes ago: it leaves the window in 57 minutes.
    assert refused.value.retry_after == 57 * 60
    assert refused.value.code == "rate_limited" and isinstance(refused.value, ValidationError)
    with translation.override("nl"):
        assert refused.value.messages == [
            "Je hebt dit te vaak gedaan in korte tijd. Probeer het opnieuw over 57 minuten."
        ]
    clock["t"] += 57 * 60
    rate_limit_consume(user, "contact")  # the oldest attempt has left the window


def test_limits_are_per_user_and_per_action(clock):
    first, second = make_user(), make_user()
    for _attempt in range(3):
        rate_limit_consume(first, "contact")
    rate_limit_consume(second, "contact")
    rate_limit_consume(first, "not-limited")
    with pytest.raises(RateLimitExceeded):
        rate_limit_consume(first, "contact")


def test_key_narrows_the_count(clock):
    user = make_user()
    for _attempt in range(3):
        rate_limit_consume(user, "contact", key="conversation-1")
    rate_limit_consume(user, "contact", key="conversation-2")


def test_a_refused_attempt_uses_up_nothing(clock):
    user = make_user()
    rate_limit_consume(user, "double")
    rate_limit_consume(user, "double")
    for _attempt in range(5):  # refused by the minute limit: must not fill the hour limit
        with pytest.raises(RateLimitExceeded):
            rate_limit_consume(user, "double")
    clock["t"] += 61
    rate_limit_consume(user, "double")
    with pytest.raises(RateLimitExceeded) as refused:
        rate_limit_consume(user, "double")
    assert refused.value.retry_after == 3600 - 61  # the hour limit (3) now holds


def test_anonymous_requests_count_per_address(clock):
    factory = RequestFactory()
    request = factory.post("/", REMOTE_ADDR="192.0.2.1")
    request.user = AnonymousUser()
    for _attempt in range(3):
        rate_limit_consume(request, "contact")
    with pytest.raises(RateLimitExceeded):
        rate_limit_consume(request, "contact")
    other = factory.post("/", REMOTE_ADDR="192.0.2.2")
    other.user = AnonymousUser()
    rate_limit_consume(other, "contact")


@pytest.mark.parametrize(
    ("seconds", "dutch"),
    [
        (1, "over 1 minuut."),
        (61, "over 2 minuten."),
        (90 * 60, "over 90 minuten."),
        (5 * 3600, "over 5 uur."),
    ],
)
def test_retry_message_in_dutch(seconds, dutch):
    with translation.override("nl"):
        assert retry_message(seconds).endswith(dutch)
