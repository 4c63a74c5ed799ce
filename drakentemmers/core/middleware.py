import contextlib
from collections.abc import Callable

from auditlog.context import auditlog_value
from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .client_ip import client_ip
from .decorators import response_mark_private


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response.

    All assets are self-hosted, so the policy can be strict: no inline scripts, no third parties.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The Django admin has no inline scripts or styles either, so it gets the same policy.
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response


class PrivatePagesMiddleware:
    """Every response to a logged-in user is `Cache-Control: private, no-store` (issue 15, Low 13).

    Care requests, threads, conversations, the verification queue, exports and account pages are all
    behind a login, so one rule covers them and every page added later: no shared or browser cache keeps
    a copy after logout. A view that sets its own Cache-Control (e.g. a permission-checked photo that a
    browser may keep for a few minutes) keeps it; `core.decorators.sensitive_page` forces no-store.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if "Cache-Control" not in response.headers and user is not None and user.is_authenticated:
            response_mark_private(response)
        return response


def chosen_language(request: HttpRequest) -> str:
    """The language the user chose (the language cookie), else Dutch; never the browser's Accept-Language."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or ""
    try:
        return translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
    except LookupError:
        return settings.LANGUAGE_CODE


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the user chose another language (the language cookie, set by the switcher and the profile).

    Django's LocaleMiddleware follows the browser's Accept-Language, so a Dutch professional with an
    English browser would get a half-English platform; here the browser is never asked.
    """

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        # The page depends on the language cookie, no longer on Accept-Language: caches must key on the cookie.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class UserSessionActivityMiddleware:
    """allauth's UserSessionsMiddleware, but writing a session's "last seen" at most once a minute.

    allauth records activity on every request of a logged-in user: a transaction with two reads and an UPDATE
    of the same row, which under load serialises all requests of one session. The devices page only needs
    "last seen" to the minute, so the write happens when the session's client (IP, browser) changed, when the
    session key changed (log-in), or when the last write is `USERSESSIONS_ACTIVITY_INTERVAL` seconds old
    (default 60; a marker in Django's cache). The client-changed signal still fires, because that case always writes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from allauth.usersessions import app_settings

        session = getattr(request, "session", None)
        if (
            app_settings.TRACK_ACTIVITY
            and session is not None
            and session.session_key
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            self._record(request)
        return self.get_response(request)

    def _record(self, request: HttpRequest) -> None:
        import hashlib

        from allauth.account.adapter import get_adapter
        from allauth.usersessions.models import UserSession
        from django.core.cache import cache

        client = hashlib.sha256(
            f"{get_adapter().get_client_ip(request)}|{request.META.get('HTTP_USER_AGENT', '')}".encode()
        ).hexdigest()[:16]
        # The marker lives in the cache (no session write); it expires after the interval.
        key = "usersession-seen:" + hashlib.sha256(request.session.session_key.encode()).hexdigest()[:32]
        if cache.get(key) == client:
            return
        UserSession.objects.create_from_request(request)
        interval = getattr(settings, "USERSESSIONS_ACTIVITY_INTERVAL", 60)
        if interval > 0:
            cache.set(key, client, interval)


class AuditContextMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware with the visitor's address as `core.client_ip` counts it.

    auditlog's own takes the first X-Forwarded-For entry, which any visitor can write; behind our proxy
    (TRUSTED_PROXY_COUNT) that would let a visitor put any address in the audit trail.
    """

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        return client_ip(request)


def audit_actor_set(user) -> None:
    """Name `user` as the actor of this request's audit entries, once a credential other than the session
    (an API token) has identified them after the middleware ran."""
    with contextlib.suppress(LookupError):  # outside a request (a task, a command): nothing to name
        auditlog_value.get()["actor"] = user
