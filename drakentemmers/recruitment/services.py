"""Writes of recruitment: colleague invitations, opt-outs, region targets, profile reminders, personal data."""

from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.accounts.models import User
from drakentemmers.accounts.personal_data import pseudonym_for
from drakentemmers.core.permissions import InvitationUnavailable
from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_queue_template, invitation_claim
from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.directory.services import therapist_profile_completeness
from drakentemmers.regions.models import Region

from .models import ColleagueInvitation, InvitationOptOut, ProfileReminder, RecruitmentTarget, email_hash, email_hashes

# The session key that carries an invitation token from the invitation page through allauth's sign-up and
# e-mail confirmation (accounts.hooks.on_email_confirmed), so the new account accepts it once verified.
SESSION_KEY = "recruitment_invitation_token"
# Reminders for a profile left half-way: this many days after it was started, then no more.
PROFILE_REMINDER_DAYS = (3, 10)
UNSUBSCRIBE_SALT = "recruitment.profile-reminders.unsubscribe"


def _not_invitable() -> ValidationError:
    # One message for "has an account", "asked not to be invited" and "already invited": the inviter
    # learns nothing about the person beyond that this address cannot be invited now.
    return ValidationError(_("This address cannot be invited."), code="not_invitable")


def colleague_email_invitable(email: str) -> bool:
    """No account (any of its addresses), no opt-out, and no open invitation from anyone."""
    if User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists():
        return False
    if InvitationOptOut.objects.filter(email_hash__in=email_hashes(email)).exists():
        return False
    open_invitations = ColleagueInvitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, declined_at__isnull=True, expires_at__gt=timezone.now()
    )
    return not open_invitations.exists()


@transaction.atomic
def colleague_invitation_create(
    *, invited_by: User, email: str, note: str = "", region: Region | None = None
) -> ColleagueInvitation:
    """Invite a therapist by e-mail with a personal note; the link works once, for 21 days.

    Refuses (code "not_invitable", one message for every reason) an address that has an account, asked
    not to be invited again, or has an open invitation. The note passes the privacy guard: a BSN or an
    address is refused. The rate limit is the view's (core.ratelimits, action "colleague_invite").
    """
    email = email.strip().lower()
    privacy_assert_storable({"note": note or ""})
    if not colleague_email_invitable(email):
        raise _not_invitable()
    invitation = ColleagueInvitation(email=email, note=(note or "").strip(), region=region, invited_by=invited_by)
    invitation.full_clean()
    invitation.save()
    email_queue_template(
        to=[email],
        template_prefix="recruitment/email/colleague_invitation",
        context={
            "invitation": invitation,
            "inviter": invited_by.get_full_name() or invited_by.email,
            "url": settings.SITE_URL + invitation.get_absolute_url(),
        },
    )
    return invitation


@transaction.atomic
def colleague_invitation_decline(*, invitation: ColleagueInvitation, do_not_invite: bool = False) -> None:
    """Decline; with `do_not_invite` keep only the address's keyed hash and blank the address everywhere.

    Invitations to that address stay as counted rows (sent, declined) but no longer say to whom.
    """
    invitation = ColleagueInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationUnavailable
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at"])
    if do_not_invite:
        email = invitation.email
        InvitationOptOut.objects.get_or_create(email_hash=email_hash(email))
        ColleagueInvitation.objects.filter(email__iexact=email).update(email="")


def colleague_invitation_accept(*, invitation: ColleagueInvitation, user: User) -> TherapistProfile:
    """Accept for the logged-in user (core's claim: once, before expiry, one of their verified addresses)."""
    return invitation_claim(invitation=invitation, user=user)


def colleague_invitation_session_store(*, request: HttpRequest, invitation: ColleagueInvitation) -> None:
    """Remember the token while the invitee signs up; it is used (and forgotten) when the e-mail is confirmed."""
    request.session[SESSION_KEY] = invitation.token


def colleague_invitation_claim_from_session(request: HttpRequest, email_address: EmailAddress) -> None:
    """accounts.hooks handler: a just-verified address that an invitation in the session was sent to accepts it.

    Another address, an expired or used token: nothing happens (the invitation page says why if they return).
    """
    session = getattr(request, "session", None)
    token = session.pop(SESSION_KEY, None) if session is not None else None
    if not token:
        return
    invitation = ColleagueInvitation.objects.filter(token=token).first()
    if invitation is None or invitation.email.lower() != email_address.email.lower():
        return
    try:
        colleague_invitation_accept(invitation=invitation, user=email_address.user)
    except ValidationError:
        return


@transaction.atomic
def recruitment_target_set(*, region: Region, target: int | None, changed_by: User) -> RecruitmentTarget | None:
    """Set (or with None remove) a region's target of verified members."""
    if target is None:
        RecruitmentTarget.objects.filter(region=region).delete()
        return None
    row, _created = RecruitmentTarget.objects.get_or_create(
        region=region, defaults={"target": target, "updated_by": changed_by}
    )
    row.target = target
    row.updated_by = changed_by
    row.full_clean()
    row.save()
    return row


def unsubscribe_token_make(user: User) -> str:
    """A signed token for the reminder unsubscribe link: works without login, names only the account number."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


@transaction.atomic
def profile_reminders_unsubscribe(*, user: User) -> ProfileReminder:
    reminder, _created = ProfileReminder.objects.select_for_update().get_or_create(user=user)
    if reminder.unsubscribed_at is None:
        reminder.unsubscribed_at = timezone.now()
        reminder.save(update_fields=["unsubscribed_at"])
    return reminder


def _reminder_stage(started: datetime, now: datetime) -> int:
    """How many reminders are due for a profile started at `started`: 0, 1 or 2."""
    return sum(1 for days in PROFILE_REMINDER_DAYS if started <= now - timedelta(days=days))


def profile_reminders_send(*, now: datetime | None = None) -> int:
    """Remind people whose therapist profile is still a draft, 3 and 10 days after they started it; then stop.

    Idempotent: each stage is sent at most once (a conditional update claims it), so a second run or two
    workers at once send nothing twice. A job that was down past day 10 sends one reminder, not two.
    Stops for a submitted (or any non-draft) profile, an inactive account, and after unsubscribing.
    Returns the number of reminders queued.
    """
    now = now or timezone.now()
    first_due = now - timedelta(days=PROFILE_REMINDER_DAYS[0])
    done = ProfileReminder.objects.filter(sent_count__gte=len(PROFILE_REMINDER_DAYS)).values("user_id")
    unsubscribed = ProfileReminder.objects.filter(unsubscribed_at__isnull=False).values("user_id")
    due = (
        TherapistProfile.objects.filter(
            status=VerificationStatus.DRAFT, user__is_active=True, created_at__lte=first_due
        )
        .exclude(user_id__in=done)
        .exclude(user_id__in=unsubscribed)
        .select_related("user")
        .prefetch_related("locations", "target_groups", "methods", "languages")
    )
    count = 0
    for profile in due.iterator(chunk_size=200):
        stage = _reminder_stage(profile.created_at, now)
        with transaction.atomic():
            ProfileReminder.objects.get_or_create(user=profile.user)
            claimed = ProfileReminder.objects.filter(
                user=profile.user, sent_count__lt=stage, unsubscribed_at__isnull=True
            ).update(sent_count=stage, last_sent_at=now)
            if not claimed:
                continue
            email_queue_template(
                to=[profile.user.email],
                template_prefix="recruitment/email/profile_reminder",
                context={
                    "profile": profile,
                    "completeness": therapist_profile_completeness(profile),
                    "url": settings.SITE_URL + reverse("directory:therapist_start"),
                    "unsubscribe_url": settings.SITE_URL
                    + reverse("recruitment:unsubscribe", args=[unsubscribe_token_make(profile.user)]),
                    "last": stage >= len(PROFILE_REMINDER_DAYS),
                },
                language=profile.user.preferred_language,
            )
        count += 1
    return count


def personal_data_export(user: User) -> dict:
    sent = ColleagueInvitation.objects.filter(invited_by=user)
    received = ColleagueInvitation.objects.filter(email__iexact=user.email)
    reminder = ProfileReminder.objects.filter(user=user).first()
    return {
        "colleague_invitations_sent": [
            {"email": i.email, "note": i.note, "created_at": i.created_at, "status": str(i.status)} for i in sent
        ],
        "colleague_invitations_received": [
            {"note": i.note, "created_at": i.created_at, "status": str(i.status)} for i in received
        ],
        "profile_reminders": {
            "sent": reminder.sent_count if reminder else 0,
            "unsubscribed_at": reminder.unsubscribed_at if reminder else None,
        },
    }


def personal_data_erase(user: User) -> None:
    """Invitations to the person lose the address; the person's notes to others go. Counts stay."""
    ColleagueInvitation.objects.filter(email__iexact=user.email).update(email=pseudonym_for(user))
    ColleagueInvitation.objects.filter(invited_by=user).update(note="")
    ProfileReminder.objects.filter(user=user).delete()


def personal_data_records(user: User) -> list:
    return list(ColleagueInvitation.objects.filter(email__iexact=user.email))
