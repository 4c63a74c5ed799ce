from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from .registry import view_guards


def conversation_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login, the guards other apps registered (two-factor), and no caching anywhere of what is shown.

    The guards are looked up per request, not at import time, so the order in which apps load does not matter.
    """

    @never_cache
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        guarded = view
        for guard in reversed(view_guards()):
            guarded = guard(guarded)
        return guarded(request, *args, **kwargs)

    return wrapper
