from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.accounts.mfa import user_passed_mfa
from drakentemmers.core.decorators import sensitive_page

from . import selectors, services
from .api import api
from .forms import ApiTokenForm
from .permissions import get_api_token_for_user


@mfa_required
@sensitive_page
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """Make (the secret is shown once, on this response only), list and revoke personal API tokens."""
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        new_token = services.api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            expires_at=form.expires_at(),
            # Only a session that really passed a second factor hands it on (not merely a role without MFA).
            with_mfa=user_passed_mfa(request.user),
        )
        form = ApiTokenForm()
    context = {"form": form, "new_token": new_token, "tokens": list(selectors.api_token_list(user=request.user))}
    return render(request, "api/tokens.html", context)


@require_POST
@mfa_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_api_token_for_user(request.user, pk)
    services.api_token_revoke(token=token)
    messages.success(request, _("The token “%(name)s” has been revoked; it no longer works.") % {"name": token.name})
    return redirect("api:tokens")


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    """The interactive documentation: Swagger UI from django-ninja's own static files (no CDN), under the
    site's strict CSP (no inline script, no eval: its settings are a JSON block that swagger-ui-init.js reads;
    e2e/test_api_tokens.py checks that the page renders without a CSP violation)."""
    return api.docs.render_page(request, api)
