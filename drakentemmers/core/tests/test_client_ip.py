"""Behind a reverse proxy the visitor's address comes from X-Forwarded-For, counting trusted proxies from the right."""

from django.test import RequestFactory

from drakentemmers.core.client_ip import client_ip
from drakentemmers.core.ratelimits import _subject


def _request(forwarded: str = ""):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **extra)


def test_without_a_proxy_the_socket_address_counts_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("6.6.6.6")) == "10.0.0.2"


def test_one_proxy_the_last_entry_counts_and_a_forged_left_part_does_not(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request()) == "10.0.0.2"  # no header (a health check from the proxy host itself)


def test_two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("6.6.6.6, 203.0.113.7, 10.0.0.9")) == "203.0.113.7"
    assert client_ip(_request("10.0.0.9")) == "10.0.0.2"  # fewer entries than proxies: not trusted


def test_anonymous_rate_limits_count_the_visitor_behind_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = _request("198.51.100.1")
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    assert _subject(request) == "ip:198.51.100.1"
