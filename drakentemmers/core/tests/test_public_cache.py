"""The public pages are cached for anonymous visitors, per language, and re-rendered when their data change."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from drakentemmers.core import public_cache
from drakentemmers.directory.models import VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory, method

pytestmark = pytest.mark.django_db

HOME = "/"
FIGURES = "/netwerk/in-cijfers/"


def _therapist_stat(html: str) -> str:
    return re.search(
        r'<span class="dt-stat">([^<]+)</span> (?:geverifieerde behandelaars|verified therapists)', html
    ).group(1)


def test_second_anonymous_visit_is_served_from_the_cache(client, django_assert_num_queries):
    first = client.get(HOME)
    with django_assert_num_queries(0):
        second = client.get(HOME)
    assert second.status_code == 200
    assert _without_tokens(second.content.decode()) == _without_tokens(first.content.decode())


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_home_changes_when_a_therapist_is_verified(client):
    TherapistProfileFactory(status=VerificationStatus.SUBMITTED)
    assert _therapist_stat(client.get(HOME).content.decode()) == "0"
    profile = TherapistProfileFactory(status=VerificationStatus.SUBMITTED)
    assert _therapist_stat(client.get(HOME).content.decode()) == "0"  # cached, and still right
    profile.status = VerificationStatus.VERIFIED
    profile.save()
    assert _therapist_stat(client.get(HOME).content.decode()) == "1"


def test_figures_change_when_a_method_is_added_to_a_profile(client):
    profile = TherapistProfileFactory(methods=[])
    assert "EMDR" not in client.get(FIGURES).content.decode()
    profile.methods.add(method("emdr"))  # an M2M change, no save() of the profile
    assert "EMDR" in client.get(FIGURES).content.decode()


def test_cached_page_differs_per_language(client):
    dutch = client.get("/over/").content.decode()
    client.cookies["dt_language"] = "en"
    english = client.get("/over/").content.decode()
    assert '<html lang="nl">' in dutch and "Over het platform" in dutch
    assert '<html lang="en">' in english and "About the platform" in english
    client.cookies["dt_language"] = "nl"
    assert _without_tokens(client.get("/over/").content.decode()) == _without_tokens(dutch)


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_every_visitor_gets_a_working_csrf_token_of_their_own():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_html = first.get(HOME).content.decode()
    second_html = second.get(HOME).content.decode()  # from the cache
    assert public_cache.CSRF_PLACEHOLDER not in first_html + second_html
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    # The cached page's language switcher works for the second visitor: their token matches their cookie.
    response = second.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": _token(second_html)}
    )
    assert response.status_code == 302
    assert second.get(HOME).content.decode().startswith("<!DOCTYPE html>")


def test_logged_in_visitors_get_their_own_menu(client, client_for, therapist_user):
    client.get(HOME)  # cached for anonymous visitors
    html = client_for(therapist_user).get(HOME).content.decode()
    assert reverse("account_logout") in html
    assert reverse("account_logout") not in client.get(HOME).content.decode()


def test_a_pending_message_is_shown_not_hidden_by_the_cache(client):
    client.get("/over/")
    storage = CookieStorage(HttpRequest())
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Je bent uitgelogd.")])
    assert "Je bent uitgelogd." in client.get("/over/").content.decode()


def test_unknown_query_parameters_bypass_the_cache(client, django_assert_max_num_queries):
    client.get(FIGURES)
    html = client.get(FIGURES + "?utm_source=x").content.decode()
    assert 'value="/netwerk/in-cijfers/?utm_source=x"' in html  # the language form returns to this very URL
    assert 'value="/netwerk/in-cijfers/?utm_source=x"' not in client.get(FIGURES).content.decode()


def test_a_login_stamp_does_not_invalidate(client, therapist_user):
    client.get(HOME)
    version = public_cache.data_version()
    therapist_user.save(update_fields=["last_login"])
    assert public_cache.data_version() == version
    therapist_user.first_name = "Nieuw"
    therapist_user.save()
    assert public_cache.data_version() != version


def test_the_fast_path_answers_with_the_same_headers_and_a_token_for_the_visitors_cookie():
    first = Client(enforce_csrf_checks=True).get("/over/")  # rendered, stored by PublicPageMiddleware
    visitor = Client(enforce_csrf_checks=True)
    hit = visitor.get("/over/")
    assert getattr(hit, "wsgi_request", None) is not None and not hasattr(hit.wsgi_request, "user")  # stack skipped
    skipped = {"Set-Cookie", "Content-Length"}
    assert {k: v for k, v in hit.headers.items() if k not in skipped} == {
        k: v for k, v in first.headers.items() if k not in skipped
    }
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language", "Vary"):
        assert hit.headers.get(header), header
    # The visitor keeps the CSRF cookie they got; the next page's token belongs to it.
    cookie = visitor.cookies["csrftoken"].value
    again = visitor.get("/over/").content.decode()
    assert visitor.cookies["csrftoken"].value == cookie
    response = visitor.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": _token(again)}
    )
    assert response.status_code == 302


def test_the_fast_path_never_answers_a_visitor_with_a_session(client_for, therapist_user):
    Client().get(HOME)
    Client().get(HOME)  # stored for the fast path
    html = client_for(therapist_user).get(HOME).content.decode()
    assert reverse("account_logout") in html


def test_an_evicted_version_never_brings_old_pages_back(client):
    from django.core.cache import cache

    from drakentemmers.directory.models import TherapistProfile

    profile = TherapistProfileFactory(status=VerificationStatus.SUBMITTED)
    assert _therapist_stat(client.get(HOME).content.decode()) == "0"
    TherapistProfile.objects.filter(pk=profile.pk).update(status=VerificationStatus.VERIFIED)  # no signal
    cache.delete(public_cache.VERSION_KEY)  # evicted (culled) by the cache
    assert _therapist_stat(client.get(HOME).content.decode()) == "1"
