"""The gate in front of the Wagtail admin (/redactie/): the platform login, the editor role, a second factor.

Wagtail's admin has a login form of its own that checks only a password; here it never shows. Anonymous
visitors go to the allauth login (rate limits, the code step); logged-in users without an editorial role get
the same 404 as for any page they may not know; editors whose session did not pass MFA go to the MFA step.
An editor who passes is put in the Wagtail group that carries the page and document permissions.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from drakentemmers.accounts.decorators import mfa_step_redirect
from drakentemmers.accounts.permissions import has_required_mfa

from . import permissions, services

ADMIN_PREFIX = "/redactie/"


class EditorialAdminGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(ADMIN_PREFIX):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
            response = self.get_response(request)
            # Wagtail's admin relies on inline styles and scripts in places: a policy of its own, still no
            # third parties and no framing.
            response.headers["Content-Security-Policy"] = settings.WAGTAILADMIN_CONTENT_SECURITY_POLICY
            return response
        return self.get_response(request)

    @staticmethod
    def process_exception(request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A POST without the form's management fields (a StreamField's counts) makes Wagtail's edit views
        raise KeyError: that is bad input, answered with 400, never a server error."""
        if request.path_info.startswith(ADMIN_PREFIX) and request.method == "POST" and isinstance(exception, KeyError):
            return HttpResponseBadRequest(_("The form was incomplete. Reload the page and try again."))
        return None

    @staticmethod
    def _refusal(request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))
        if not has_required_mfa(user):
            return mfa_step_redirect(request)
        if not permissions.can_edit_knowledge(user):
            raise Http404
        services.editor_group_sync(user=user)
        return None
