from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .permissions import has_required_mfa


def mfa_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login required, and for roles that see non-public data: two-factor authentication switched on."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not has_required_mfa(request.user):
            messages.warning(
                request,
                _("Your role gives access to confidential information. Set up two-factor authentication first."),
            )
            return redirect("mfa_activate_totp")
        return view(request, *args, **kwargs)

    return wrapper
