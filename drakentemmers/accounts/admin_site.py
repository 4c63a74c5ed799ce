"""The Django admin (`/beheer/django/`) behind the platform's own login, with a second factor.

Django's admin login form checks only a password and has no rate limit. Here it never shows: an
anonymous visitor goes to the allauth login (rate limits, the TOTP step; allauth's
`secure_admin_login`), and the admin opens only for active staff whose session passed MFA.
"""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .decorators import mfa_step_redirect
from .permissions import can_use_django_admin


class PlatformAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return can_use_django_admin(request.user)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # secure_admin_login: anonymous -> allauth login (?next=back here); logged in but not staff -> 403.
        return secure_admin_login(self._login_for_staff)(request)

    def _login_for_staff(self, request: HttpRequest) -> HttpResponse:
        """Reached by logged-in, active staff only; never shows a password form of its own."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index", current_app=self.name)
        if not self.has_permission(request):
            return mfa_step_redirect(request, next_url)
        return redirect(next_url)
