"""The Django admin (`/beheer/django/`) behind the platform's own login, with a second factor.

Django's admin login form checks only a password and has no rate limit. Here it never shows: an
anonymous visitor goes to the allauth login (rate limits, the TOTP step; allauth's
`secure_admin_login`), and the admin opens only for active staff whose session passed MFA.
"""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

from .decorators import mfa_step_redirect
from .permissions import can_use_django_admin


class ValidActionSelectionMixin:
    """An admin action with a selection that cannot be ids is refused with a message, not a server error.

    Django's changelist passes the posted `_selected_action` values straight to `filter(pk__in=...)` and the
    posted `index` to `int()`: a value that is not an id of the model (text, a NUL character) raised ValueError,
    a 500 (found by drakentemmers/tests/test_hostile_input.py). A browser never sends such values; the answer is
    the changelist again with a warning, as Django gives for an action without a selection.
    """

    def response_action(self, request: HttpRequest, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        try:
            int(request.POST.get("index", 0))
            for value in selected:
                if "\x00" in value:
                    raise ValidationError("NUL")
                self.model._meta.pk.to_python(value)
        except (ValidationError, ValueError, TypeError):
            self.message_user(
                request, gettext("The selection could not be read; nothing was changed."), messages.WARNING
            )
            return None  # the changelist redirects back to itself
        return super().response_action(request, queryset)


class PlatformAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        """Every model admin, the project's and third-party ones, with ValidActionSelectionMixin."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ValidActionSelectionMixin):
            admin_class = type(
                admin_class.__name__, (ValidActionSelectionMixin, admin_class), {"__module__": admin_class.__module__}
            )
        super().register(model_or_iterable, admin_class, **options)

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
