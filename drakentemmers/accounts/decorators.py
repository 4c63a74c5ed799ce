from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from .permissions import has_mfa_set_up, has_required_mfa


def mfa_step_redirect(request: HttpRequest, next_url: str | None = None) -> HttpResponse:
    """Send a user whose role needs MFA to the missing step: set it up, or confirm this session with it.

    `next_url` (default: this page) is where the user lands once the step is done.
    """
    if not has_mfa_set_up(request.user):
        messages.warning(
            request,
            _("Your role gives access to confidential information. Set up two-factor authentication first."),
        )
        return redirect("mfa_activate_totp")
    next_url = next_url or request.get_full_path()
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("core:my_home")
    messages.info(request, _("Confirm that it is you with your two-factor code to see confidential information."))
    return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")


def mfa_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login required, and for roles that see non-public data: a session that passed a second factor.

    Without MFA set up the user goes to the set-up page; with MFA set up but a session that logged in
    without it, the user confirms with the second factor and comes back here.
    """

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not has_required_mfa(request.user):
            return mfa_step_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper
