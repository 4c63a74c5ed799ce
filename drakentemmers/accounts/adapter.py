from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from drakentemmers.core.services import email_queue

from . import hooks
from .services import language_cookie_set


class AccountAdapter(DefaultAccountAdapter):
    """Route allauth's mails through the stored, retried outbox instead of sending inline."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, ctx)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        email_queue(
            to=message.to,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            from_email=message.from_email,
        )

    def pre_authenticate(self, request: HttpRequest, **credentials) -> None:
        """Too many failed logins: answer with the Dutch 429 page instead of a form error.

        The page says plainly that logging in is paused and for how long; a form error on the login
        page invites the user (or an attacker) to keep trying.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                from .security_events import login_locked

                login_locked(request, credentials)
                raise ImmediateHttpResponse(respond_429(request)) from error
            raise

    def post_login(self, request: HttpRequest, user, **kwargs) -> HttpResponse:
        """After login the site speaks the user's preferred language (the header switch still overrides it)."""
        response = super().post_login(request, user, **kwargs)
        language_cookie_set(response, user.preferred_language)
        return response

    def confirm_email(self, request: HttpRequest, email_address) -> bool:
        """Verify the address, then let the apps act on it (accounts.hooks.on_email_confirmed)."""
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            hooks.email_confirmed(request, email_address)
        return confirmed

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        user = super().save_user(request, user, form, commit=False)
        user.preferred_language = getattr(request, "LANGUAGE_CODE", user.preferred_language)
        if commit:
            user.save()
        return user
