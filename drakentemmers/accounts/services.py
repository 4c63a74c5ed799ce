"""Account operations that change state: invitations, roles, export and erasure."""

from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.core.erasure import shared_records_erase
from drakentemmers.core.retention import DATABASE_SESSION_ENGINES
from drakentemmers.core.services import email_queue_template, invitation_claim

from . import hooks, personal_data
from .models import Invitation, Role, RoleGrant, User
from .permissions import can_invite_to_role


@transaction.atomic
def role_grant(*, user: User, role: str, region=None, granted_by: User | None = None) -> RoleGrant:
    """Give a user a role (idempotent). Coordinators need a region; other roles have none."""
    if role == Role.COORDINATOR and region is None:
        raise ValidationError(_("A regional coordinator needs a region."))
    grant, _created = RoleGrant.objects.get_or_create(
        user=user, role=role, region=region if role == Role.COORDINATOR else None, defaults={"granted_by": granted_by}
    )
    user.__dict__.pop("roles", None)
    return grant


@transaction.atomic
def invitation_create(*, email: str, role: str, region=None, invited_by: User) -> Invitation:
    """Store the invitation and queue the e-mail with its link (valid for INVITATION_VALID_DAYS).

    Only an administrator invites to the administrator or verifier role.
    """
    if not can_invite_to_role(invited_by, role):
        raise PermissionDenied(_("Only an administrator can invite someone as administrator or verifier."))
    invitation = Invitation(email=email.strip().lower(), role=role, region=region, invited_by=invited_by)
    invitation.full_clean()
    invitation.save()
    email_queue_template(
        to=[invitation.email],
        template_prefix="accounts/email/invitation",
        context={
            "invitation": invitation,
            "accept_url": settings.SITE_URL + reverse("accounts:invitation_accept", args=[invitation.token]),
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
    )
    return invitation


def invitation_accept(*, invitation: Invitation, user: User) -> RoleGrant:
    """Grant the invited role to the logged-in user: core's claim (once, verified e-mail, not expired)."""
    return invitation_claim(invitation=invitation, user=user)


NAME_FIELDS = ("first_name", "last_name")


@transaction.atomic
def user_details_update(*, user: User, fields: dict) -> list[str]:
    """Save the person's own details. A changed name runs the apps' name-change handlers (a verified
    therapist goes back to review and is told by e-mail); returns their notices for the person."""
    # Compared with the stored row: a ModelForm has already copied the new values onto the instance.
    before = User.objects.filter(pk=user.pk).values(*NAME_FIELDS).get()
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean()
    user.save(update_fields=list(fields))
    if any(getattr(user, name) != before[name] for name in NAME_FIELDS):
        return hooks.name_changed(user)
    return []


def language_cookie_set(response: HttpResponse, language: str) -> None:
    """Make the site speak `language` from the next request on, exactly as Django's set_language view does."""
    if language not in dict(settings.LANGUAGES):
        return
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def user_export(*, user: User) -> dict:
    """Everything the platform holds about the user, as JSON-serialisable data (GDPR art. 15/20)."""
    data = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": list(EmailAddress.objects.filter(user=user).values("email", "verified", "primary")),
            "roles": [
                {"role": g.role, "region": g.region.name if g.region else None, "since": g.created_at.isoformat()}
                for g in user.role_grants.select_related("region")
            ],
            "mfa_methods": list(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        }
    }
    for section, exporter in personal_data.exporters().items():
        data[section] = exporter(user)
    return data


@transaction.atomic
def user_erase(*, user: User) -> None:
    """Erase the user's personal data and close the account (GDPR art. 17).

    The row itself stays, anonymised, so records that other people rely on (e.g. a request an
    organisation posted, the messages the other party wrote) keep a stable reference without naming
    the person. Order matters: the identifiers (e-mail addresses, name, BIG number) are collected first,
    the apps' erasers run, and the shared records (outbox, access log, audit logs, which the erasers
    themselves write to) are redacted last. See accounts.personal_data and core.erasure.
    """
    pseudonym = personal_data.pseudonym_for(user)
    subject = personal_data.erasure_subject(user, pseudonym=pseudonym)
    for eraser in personal_data.erasers().values():
        eraser(user)
    _account_erase(user, pseudonym=pseudonym)
    shared_records_erase(subject)


def _account_erase(user: User, *, pseudonym: str) -> None:
    """The account row and allauth's rows for it; role-invitations sent to the person lose the address."""
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    UserSession.objects.filter(user=user).delete()
    Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user)).update(email=pseudonym)
    user.role_grants.all().delete()
    user.email = pseudonym
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.erasure_requested_at = timezone.now()
    user.set_unusable_password()
    user.save()


MFA_RESET_REASON_MIN = 10


def sessions_end(*, user: User) -> int:
    """Log `user` out everywhere: every tracked session (allauth.usersessions) and, with the database session
    store, every stored session that belongs to them. Returns the number of sessions ended."""
    ended = 0
    for session in UserSession.objects.filter(user=user):
        session.end()
        ended += 1
    if settings.SESSION_ENGINE in DATABASE_SESSION_ENGINES:
        from django.contrib.sessions.models import Session

        store = import_module(settings.SESSION_ENGINE).SessionStore
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if session.get_decoded().get("_auth_user_id") == str(user.pk):
                store(session_key=session.session_key).delete()  # through the store: the cached copy goes too
                ended += 1
    return ended


@transaction.atomic
def mfa_reset(*, user: User, reason: str, by: User) -> dict:
    """Remove every second factor of `user` after they lost it (docs/operations.md, "Resetting two-step login").

    Guarantees: a reason of at least MFA_RESET_REASON_MIN characters and an administrator other than the user
    (a second person) are required; every authenticator (TOTP, security keys, recovery codes) is removed and every
    session of the user ends, so a stolen phone or a logged-in laptop gives no way in; who did it and why is
    written to the audit log (django-auditlog, actor = `by`) and the security log; the user is told by e-mail
    at their primary address, in their language. Their next login asks them to set up a second factor again.
    """
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from drakentemmers.core.services import security_event_record

    reason = " ".join(reason.split())
    if len(reason) < MFA_RESET_REASON_MIN:
        raise ValidationError(
            _("Give the reason for the reset (at least %(n)s characters).") % {"n": MFA_RESET_REASON_MIN}
        )
    if by.pk == user.pk:
        raise PermissionDenied(_("Nobody resets their own second factor: a second administrator does it."))
    if not by.is_active or not by.has_role(Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only an administrator resets a second factor."))
    authenticators = Authenticator.objects.filter(user=user)
    kinds = sorted(set(authenticators.values_list("type", flat=True)))
    if not kinds:
        raise ValidationError(_("This account has no second factor to reset."))
    removed = authenticators.delete()[0]
    ended = sessions_end(user=user)
    now = timezone.now()
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(user.pk),
        object_id=user.pk,
        object_repr=str(user)[:200],
        action=LogEntry.Action.UPDATE,
        changes={"mfa": [", ".join(kinds), "reset"]},
        actor=by,
        timestamp=now,
        additional_data={"event": "mfa_reset", "reason": reason[:500], "sessions_ended": ended},
    )
    security_event_record(event="mfa_reset", user=user, by=by.email, authenticators=",".join(kinds))
    address = EmailAddress.objects.filter(user=user, primary=True).values_list("email", flat=True).first()
    email_queue_template(
        to=[address or user.email],
        template_prefix="accounts/email/mfa_reset",
        context={
            "reset_at": timezone.localtime(now),
            "password_url": settings.SITE_URL + reverse("account_change_password"),
        },
        language=user.preferred_language,
    )
    return {"authenticators": removed, "kinds": kinds, "sessions": ended}
