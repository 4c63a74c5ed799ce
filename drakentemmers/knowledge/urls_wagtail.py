"""Wagtail's page serving at /kennis/, without its front-end login form (a password form with no rate limit):
visitors log in through the platform login only."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from drakentemmers.core.public_cache import cache_public_page


def _cached_for_anonymous_visitors(pattern):
    """The page view served from the public page cache to anonymous visitors (knowledge/apps.py invalidates it
    on every page change); a query string, a session or a restricted page (a redirect) is rendered as before."""
    if getattr(pattern, "name", None) != "wagtail_serve":
        return pattern
    return re_path(pattern.pattern.regex.pattern, cache_public_page(pattern.callback), name=pattern.name)


urlpatterns = [
    _cached_for_anonymous_visitors(pattern)
    for pattern in wagtail_urls.urlpatterns
    if getattr(pattern, "name", None) != "wagtailcore_login"
]
