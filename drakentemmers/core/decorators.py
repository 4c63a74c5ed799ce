"""View decorators shared by every app."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def response_mark_private(response: HttpResponse) -> HttpResponse:
    """`Cache-Control: private, no-store`: no browser cache, proxy or back button keeps a copy of the page."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def sensitive_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view's responses `private, no-store`, whoever asks, even over a cache policy the view set.

    Every page for a logged-in user is already private (core.middleware.PrivatePagesMiddleware); use
    this for a page that shows personal or client data even to an anonymous visitor (a token link).
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers.pop("Cache-Control", None)
        return response_mark_private(response)

    wrapper.sensitive_page = True
    return wrapper
