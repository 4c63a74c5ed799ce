"""Authentication events into the security log (ASVS 7.1/7.2), from Django's and allauth's signals.

Each receiver calls core.services.security_event_record: a row in the access log (shown on /beheer/toegangslog/,
with the accounts that failed repeatedly) and a structured line on the "drakentemmers.security" logger. The
credentials Django passes with a failed login are read for the login name only, never the password.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out, user_login_failed

from drakentemmers.core.services import security_event_record


def _login_name(credentials: dict) -> str:
    return str(credentials.get("email") or credentials.get("username") or credentials.get("login") or "")


def account_for_login(name: str):
    """The account a typed login name belongs to, or None (e-mail addresses are stored lower-case)."""
    if not name:
        return None
    return get_user_model().objects.filter(email__iexact=name.strip()).first()


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    name = _login_name(credentials)
    security_event_record(event="login_failed", request=request, user=account_for_login(name), typed_login=name)


def login_locked(request, credentials: dict) -> None:
    """Called by the account adapter when allauth's login rate limit refuses an attempt."""
    name = _login_name(credentials)
    security_event_record(event="login_locked", request=request, user=account_for_login(name), typed_login=name)


def on_logged_in(sender, request, user, **kwargs) -> None:
    security_event_record(event="login", request=request, user=user)


def on_logged_out(sender, request, user=None, **kwargs) -> None:
    if user is not None:
        security_event_record(event="logout", request=request, user=user)


def on_mfa_failed(sender, request, user, authenticator=None, **kwargs) -> None:
    kind = getattr(authenticator, "type", "")
    reauth = bool(kwargs.get("reauthentication"))
    security_event_record(event="mfa_failed", request=request, user=user, authenticator=kind, reauthentication=reauth)


def _event(name: str):
    def receiver(sender, request, user, **kwargs) -> None:
        authenticator = kwargs.get("authenticator")
        details = {"authenticator": authenticator.type} if authenticator is not None else {}
        security_event_record(event=name, request=request, user=user, **details)

    receiver.__name__ = f"on_{name}"
    return receiver


def connect() -> None:
    from allauth.account import signals as account_signals
    from allauth.mfa import signals as mfa_signals

    user_login_failed.connect(on_login_failed, dispatch_uid="security_login_failed")
    account_signals.user_logged_in.connect(on_logged_in, dispatch_uid="security_login")
    user_logged_out.connect(on_logged_out, dispatch_uid="security_logout")
    mfa_signals.authentication_failed.connect(on_mfa_failed, dispatch_uid="security_mfa_failed")
    for signal, name in (
        (account_signals.password_changed, "password_changed"),
        (account_signals.password_set, "password_set"),
        (account_signals.password_reset, "password_reset"),
        (account_signals.email_changed, "email_changed"),
        (mfa_signals.authenticator_added, "mfa_added"),
        (mfa_signals.authenticator_removed, "mfa_removed"),
        (mfa_signals.authenticator_reset, "mfa_codes_reset"),
    ):
        signal.connect(_event(name), dispatch_uid=f"security_{name}", weak=False)
