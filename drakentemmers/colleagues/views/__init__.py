"""Thin views of the colleague network, one module per part."""

from collections.abc import Callable

from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from drakentemmers.accounts.decorators import mfa_required


def member_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login (and the second factor for roles that need it) and no caching of what is shown."""
    return never_cache(mfa_required(view))
