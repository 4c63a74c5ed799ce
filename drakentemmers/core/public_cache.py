"""Whole-page cache for the public pages that are the same for every anonymous visitor.

The home page, the content pages and the network figures are rendered once per language and data version and
then served from Django's configured cache (`django.core.cache.cache`), for anonymous visitors only: a logged-in
visitor sees a personal menu, so their pages are always rendered.

- Per-visitor parts: the CSRF token of the language switcher is rendered as a placeholder and replaced by the
  visitor's own token when the page is served; a visitor with a pending message (a "you are logged out" notice)
  gets a freshly rendered page.
- Invalidation: the data version. Domain apps name the models their public figures count
  (`watch_models(...)` in `AppConfig.ready()`); any save or delete of one of them, or an M2M change, bumps the
  version, so the next visitor gets a new render. A deploy changes the build salt (templates and static
  manifest), and every entry expires after `PUBLIC_PAGE_CACHE_SECONDS` anyway.
- The key varies on the language, the path, the query parameters the view names, and whether htmx asked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import cache as memoize
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import signals
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from .cache_versions import only_login_stamped, version_bump, version_read

VERSION_KEY = "public-pages:version"
# Rendered instead of the visitor's CSRF token while a page is being cached (see context_processors.platform).
CSRF_PLACEHOLDER = "dt-csrf-token-placeholder-3f9a1c"
_CACHEABLE_ATTR = "_dt_public_page_cacheable"
_BODY_ATTR = "_dt_public_page_body"
_WATCHED: set[type] = set()


def timeout() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 300))


@memoize
def build_salt() -> str:
    """Changes with a deploy: the newest template file and the static manifest, so no old HTML survives it."""
    digest = hashlib.sha256()
    manifest = Path(settings.STATIC_ROOT or ".") / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    newest = 0.0
    for directory in Path(__file__).resolve().parent.parent.glob("*/templates"):
        for template in directory.rglob("*.html"):
            newest = max(newest, template.stat().st_mtime)
    digest.update(str(newest).encode())
    return digest.hexdigest()[:12]


def data_version() -> str:
    return version_read(VERSION_KEY)


def bump_version(update_fields=None, **_kwargs) -> None:
    """Invalidate every cached public page: now, and again once the transaction commits (a visitor may have
    cached a page between the change and its commit, still showing the old data)."""
    if only_login_stamped(update_fields):
        return
    version_bump(VERSION_KEY)


def watch_models(*models: type) -> None:
    """The public pages count these models: any change to them invalidates the cached pages."""
    for model in models:
        if model in _WATCHED:
            continue
        _WATCHED.add(model)
        uid = f"public_cache:{model._meta.label}"
        signals.post_save.connect(bump_version, sender=model, dispatch_uid=uid + ":save", weak=False)
        signals.post_delete.connect(bump_version, sender=model, dispatch_uid=uid + ":delete", weak=False)
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            signals.m2m_changed.connect(bump_version, sender=through, dispatch_uid=uid + f":m2m:{field.name}")


def cached_data(name: str, build: Callable[[], object]) -> object:
    """Data for public pages that is the same for everyone (e.g. the network figures), also for logged-in users.

    Same data version as the pages: a change to a watched model rebuilds it. The value must pickle, and must not
    depend on the language unless the language is part of `name` (keep model instances, translate when rendering).
    """
    key = f"public-data:{build_salt()}:{data_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout())
    return value


def is_caching(request: HttpRequest) -> bool:
    """True while a page for the cache is being rendered (the context processor then renders the placeholder)."""
    return getattr(request, _CACHEABLE_ATTR, False)


def _has_pending_messages(request: HttpRequest) -> bool:
    if "messages" in request.COOKIES:
        return True
    session_cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    return bool(session_cookie) and "_messages" in request.session


def _cacheable(request: HttpRequest, params: tuple[str, ...]) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not set(request.GET) - set(params)  # other parameters end up in the page (the language form's next)
        and not request.user.is_authenticated
        and not _has_pending_messages(request)
    )


def _key(request: HttpRequest, params: Iterable[str]) -> str:
    query = "&".join(f"{name}={request.GET.get(name, '')}" for name in params)
    htmx = "1" if request.headers.get("HX-Request") else "0"
    raw = f"{request.path}?{query}|{htmx}"
    return (
        f"public-page:{build_salt()}:{data_version()}:{get_language()}:{hashlib.sha256(raw.encode()).hexdigest()[:24]}"
    )


def cache_public_page(view: Callable | None = None, *, params: Iterable[str] = ()):
    """Serve the view's 200 answers to anonymous visitors from the cache (see the module docstring).

    `params` names the query parameters that change the page (e.g. `page`); others are ignored in the key.
    """
    params = tuple(params)

    def decorator(view_func: Callable) -> Callable:
        @wraps(view_func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _cacheable(request, params):
                return view_func(request, *args, **kwargs)
            key = _key(request, params)
            cached = cache.get(key)
            if cached is None:
                setattr(request, _CACHEABLE_ATTR, True)
                try:
                    response = view_func(request, *args, **kwargs)
                    if hasattr(response, "render") and callable(response.render):
                        response = response.render()
                finally:
                    setattr(request, _CACHEABLE_ATTR, False)
                if response.status_code != 200 or response.streaming or response.cookies:
                    return _with_token(response, request)
                cached = (response.content, response.headers.get("Content-Type"))
                cache.set(key, cached, timeout())
            content, content_type = cached
            setattr(request, _BODY_ATTR, content)  # PublicPageMiddleware keeps the whole response for next time
            return _with_token(HttpResponse(content, content_type=content_type), request)

        return wrapper

    return decorator(view) if view is not None else decorator


def _with_token(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    """Put the visitor's own CSRF token where the placeholder was (and so send them the CSRF cookie)."""
    if not response.streaming and CSRF_PLACEHOLDER.encode() in response.content:
        response.content = response.content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    return response


# --- The fast path: whole responses, answered before the rest of the middleware ------------------------------------


def _fast_path_allowed(request: HttpRequest) -> bool:
    """No session (so anonymous, no messages in it) and no messages cookie: the rest of the stack adds nothing."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _fast_key(request: HttpRequest) -> str:
    # The same choice DutchFirstLocaleMiddleware makes later on: a cached page is in the language it was
    # rendered in, so the key must not follow Accept-Language, which the page ignores.
    from .middleware import chosen_language

    htmx = "1" if request.headers.get("HX-Request") else "0"
    raw = f"{request.get_full_path()}|{htmx}"
    return (
        f"public-response:{build_salt()}:{data_version()}:{chosen_language(request)}:"
        f"{hashlib.sha256(raw.encode()).hexdigest()[:24]}"
    )


_STORED_HEADERS_EXCLUDED = {"content-length", "set-cookie"}


class PublicPageMiddleware:
    """Answer a repeat anonymous visit of a cached public page before sessions, auth, messages and the rest.

    Place it right after SecurityMiddleware and WhiteNoise. A page is only stored after `cache_public_page`
    served it to a visitor without a session cookie, with the headers the rest of the stack gave it (Vary,
    Content-Language, CSP, ...; never Set-Cookie). A hit gets the visitor's own CSRF token and cookie through
    CsrfViewMiddleware, exactly as the normal path does. Anything else (a session, a messages cookie, a POST,
    an unknown URL or query) goes down the normal stack.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _fast_path_allowed(request):
            return self.get_response(request)
        key = _fast_key(request)
        stored = cache.get(key)
        if stored is not None:
            return self._replay(request, stored)
        response = self.get_response(request)
        body = getattr(request, _BODY_ATTR, None)
        if body is not None and response.status_code == 200 and not response.streaming:
            cookies = {name for name in response.cookies if name != settings.CSRF_COOKIE_NAME}
            if not cookies:
                headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _STORED_HEADERS_EXCLUDED]
                cache.set(key, {"body": body, "headers": headers}, timeout())
        return response

    def _replay(self, request: HttpRequest, stored: dict) -> HttpResponse:
        from django.middleware.csrf import CsrfViewMiddleware

        csrf = CsrfViewMiddleware(self.get_response)
        csrf.process_request(request)  # the visitor's CSRF cookie, if any
        response = HttpResponse(stored["body"].replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode()))
        for name, value in stored["headers"]:
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(response.content))
        return csrf.process_response(request, response)  # sets the CSRF cookie like the normal path
