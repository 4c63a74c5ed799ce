"""CACHE_URL: the rate limits must live in a cache every web process shares (file, database or Redis)."""

import socket
import uuid

import pytest
from django.core.cache import caches
from django.core.management import call_command

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.ratelimits import RateLimitExceeded, rate_limit_consume
from drakentemmers.settings import cache_from_url

pytestmark = pytest.mark.django_db
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def _redis_reachable() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache", "redis://127.0.0.1:6379/1"),
        (
            "rediss://cache.example:6380/0",
            "django.core.cache.backends.redis.RedisCache",
            "rediss://cache.example:6380/0",
        ),
        ("dbcache://", "django.core.cache.backends.db.DatabaseCache", "django_cache"),
        ("dbcache://rate_limits", "django.core.cache.backends.db.DatabaseCache", "rate_limits"),
        ("file:///var/cache/dt", "django.core.cache.backends.filebased.FileBasedCache", "/var/cache/dt"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache", ""),
    ],
)
def test_cache_url_is_parsed(url, backend, location):
    config = cache_from_url(url)
    assert config["BACKEND"] == backend
    assert config["LOCATION"] == location


def test_unknown_scheme_is_refused():
    with pytest.raises(ValueError, match="unsupported scheme"):
        cache_from_url("memcached://127.0.0.1:11211")
    with pytest.raises(ValueError):
        cache_from_url("file://")


def _limit_is_shared(settings, config: dict) -> None:
    """Two separate cache connections (as in two web processes) see the same counts."""
    settings.PLATFORM_RATE_LIMITS = {"contact": "2/m"}
    settings.CACHES = {"default": {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}
    user = make_user()
    rate_limit_consume(user, "contact")
    process_b = caches.create_connection("default")
    assert process_b is not caches["default"]
    rate_limit_consume(user, "contact")
    with pytest.raises(RateLimitExceeded):
        rate_limit_consume(user, "contact")
    assert len(process_b.get(f"platform-rl:contact:2/60s:user:{user.pk}:-")) == 2


def test_database_cache_shares_the_limits(settings):
    settings.CACHES = {"default": cache_from_url("dbcache://dt_test_cache")}
    call_command("createcachetable", verbosity=0)
    _limit_is_shared(settings, cache_from_url("dbcache://dt_test_cache"))


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_redis_shares_the_limits(settings):
    _limit_is_shared(settings, cache_from_url(f"redis://{REDIS_HOST}:{REDIS_PORT}/15"))
