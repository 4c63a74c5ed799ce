from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

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


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the user chose another language (the language cookie, set by the switcher and the profile).

    Django's LocaleMiddleware follows the browser's Accept-Language, so a Dutch professional with an
    English browser would get a half-English platform; here the browser is never asked.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or ""
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        # The page depends on the language cookie, no longer on Accept-Language: caches must key on the cookie.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
