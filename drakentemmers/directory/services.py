"""Directory operations that change state: profiles, verification, availability, organisations, messages.

Status changes of profiles and organisations are recorded by django-auditlog (registered in apps.py),
which writes its log row inside the same database transaction as the change.
"""

import io
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from drakentemmers.accounts.models import Role, User
from drakentemmers.accounts.services import role_grant
from drakentemmers.core.services import email_queue_template
from drakentemmers.regions.selectors import Place

from .models import (
    AVAILABILITY_STALE_AFTER_DAYS,
    Conversation,
    Message,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    RegistrationKind,
    TherapistProfile,
    VerificationStatus,
    WorkLocation,
)

# Verified facts: a change by the therapist after verification sends the profile back to review.
VERIFIED_FACT_FIELDS = ("profession_id", "registration_kind", "big_number", "registration_number", "supervisor_name")
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 800
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_WORK_LOCATIONS = 10
# Reminders go out at most once per this many days, and only when availability is older than this.
AVAILABILITY_REMINDER_INTERVAL_DAYS = AVAILABILITY_STALE_AFTER_DAYS


def _site_url(path: str) -> str:
    return settings.SITE_URL + path


# --- Therapist profile ----------------------------------------------------------------------------


@transaction.atomic
def therapist_profile_get_or_create(*, user: User) -> TherapistProfile:
    profile, _created = TherapistProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def therapist_profile_update(
    *, profile: TherapistProfile, fields: dict, m2m: dict | None = None, user_fields: dict | None = None
) -> TherapistProfile:
    """Save wizard or profile edits. Changing a verified fact of a verified profile sends it back to review."""
    before = {name: getattr(profile, name) for name in VERIFIED_FACT_FIELDS}
    for name, value in fields.items():
        setattr(profile, name, value)
    if user_fields:
        for name, value in user_fields.items():
            setattr(profile.user, name, value)
        profile.user.full_clean()
        profile.user.save(update_fields=list(user_fields))
    changed_facts = [name for name in VERIFIED_FACT_FIELDS if getattr(profile, name) != before[name]]
    if changed_facts and profile.status == VerificationStatus.VERIFIED:
        profile.status = VerificationStatus.SUBMITTED
        profile.submitted_at = timezone.now()
        profile.verification_method = ""
        profile.verified_at = None
        profile.verified_by = None
    profile.full_clean(exclude=["photo"])
    profile.save()
    for name, values in (m2m or {}).items():
        getattr(profile, name).set(values)
    return profile


def validate_big_number(value: str) -> None:
    if value and (len(value) != 11 or not value.isdigit()):
        raise ValidationError(
            _("A BIG number consists of exactly 11 digits; you entered %(count)s characters."),
            code="invalid_big_number",
            params={"count": len(value)},
        )


def photo_process(*, upload) -> ContentFile:
    """Check an uploaded photo and return a re-encoded copy of at most 800 px without EXIF data.

    Re-encoding from the pixels drops EXIF (GPS position, camera serial) and any other metadata.
    """
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is %(size)s MB; the maximum is 5 MB. Choose a smaller photo."),
            code="photo_too_large",
            params={"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")},
        )
    try:
        upload.seek(0)
        image = Image.open(upload)
        image_format = image.format
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a photo we can read. Upload a JPEG, PNG or WebP image."), code="photo_invalid"
        ) from None
    if image_format not in PHOTO_FORMATS:
        raise ValidationError(
            _("Only JPEG, PNG or WebP photos are accepted."), code="photo_format", params={"format": image_format}
        )
    image = ImageOps.exif_transpose(image)
    image.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    buffer = io.BytesIO()
    clean.save(buffer, format=image_format, quality=85) if image_format != "PNG" else clean.save(buffer, format="PNG")
    name = f"{Path(getattr(upload, 'name', 'photo')).stem[:40] or 'photo'}.{PHOTO_FORMATS[image_format]}"
    return ContentFile(buffer.getvalue(), name=name)


@transaction.atomic
def therapist_photo_set(*, profile: TherapistProfile, content: ContentFile) -> TherapistProfile:
    """Store a photo that photo_process already checked and cleaned, replacing the previous one."""
    if profile.photo:
        profile.photo.delete(save=False)
    profile.photo.save(content.name, content, save=True)
    return profile


@transaction.atomic
def therapist_photo_remove(*, profile: TherapistProfile) -> TherapistProfile:
    if profile.photo:
        profile.photo.delete(save=False)
    profile.photo = None
    profile.save(update_fields=["photo", "updated_at"])
    return profile


@transaction.atomic
def therapist_location_add(*, profile: TherapistProfile, place: Place) -> WorkLocation:
    """Add a work area (PC4 or municipality, never an address). The same area twice is not added again."""
    from drakentemmers.regions.models import PostcodeArea

    area = PostcodeArea.objects.filter(code=place.postcode).first() if place.postcode else None
    existing = profile.locations.filter(municipality=place.municipality, postcode_area=area).first()
    if existing:
        return existing
    if profile.locations.count() >= MAX_WORK_LOCATIONS:
        raise ValidationError(
            _("You can add at most %(max)s work areas."), code="too_many_locations", params={"max": MAX_WORK_LOCATIONS}
        )
    location = WorkLocation(
        therapist=profile,
        municipality=place.municipality,
        postcode_area=area,
        latitude=place.latitude,
        longitude=place.longitude,
    )
    location.full_clean()
    location.save()
    return location


@transaction.atomic
def therapist_location_remove(*, profile: TherapistProfile, location_id: int) -> None:
    profile.locations.filter(pk=location_id).delete()


def therapist_profile_missing(profile: TherapistProfile) -> list[tuple[str, str]]:
    """What the therapist still has to fill in before submitting, as (wizard step, message) pairs."""
    missing: list[tuple[str, str]] = []
    user = profile.user
    if not (user.first_name and user.last_name):
        missing.append(("profession", gettext_lazy("Your first and last name")))
    if profile.profession_id is None:
        missing.append(("profession", gettext_lazy("Your profession")))
    if not profile.registration_kind:
        missing.append(("profession", gettext_lazy("Your registration (BIG, NIP, NVO or trainee)")))
    elif profile.registration_kind == RegistrationKind.BIG and not profile.big_number:
        missing.append(("profession", gettext_lazy("Your BIG number")))
    elif profile.registration_kind in (RegistrationKind.NIP, RegistrationKind.NVO) and not profile.registration_number:
        missing.append(("profession", gettext_lazy("Your NIP/NVO registration number")))
    elif profile.registration_kind == RegistrationKind.TRAINEE and not profile.supervisor_name:
        missing.append(("profession", gettext_lazy("The name of your supervisor")))
    if not profile.locations.all():
        missing.append(("area", gettext_lazy("At least one work area")))
    if not (profile.offers_in_shelter or profile.offers_outpatient or profile.offers_online):
        missing.append(("offer", gettext_lazy("Where you treat (in the shelter, outpatient or online)")))
    if not (
        profile.treats_age_0_4 or profile.treats_age_4_12 or profile.treats_age_12_18 or profile.treats_age_18_plus
    ):
        missing.append(("offer", gettext_lazy("The ages you treat")))
    if not profile.target_groups.all():
        missing.append(("offer", gettext_lazy("At least one target group")))
    if not profile.methods.all():
        missing.append(("offer", gettext_lazy("At least one treatment method")))
    if not profile.languages.all():
        missing.append(("offer", gettext_lazy("The languages you treat in")))
    if profile.availability_confirmed_at is None:
        missing.append(("availability", gettext_lazy("Your availability")))
    if not profile.bio.strip():
        missing.append(("presentation", gettext_lazy("A short bio")))
    return missing


PROFILE_CHECKS = 13


def therapist_profile_completeness(profile: TherapistProfile, *, missing: list | None = None) -> int:
    """Percentage of the 13 required parts that are filled in; pass `missing` when already computed."""
    missing = therapist_profile_missing(profile) if missing is None else missing
    return round(100 * (PROFILE_CHECKS - len(missing)) / PROFILE_CHECKS)


@transaction.atomic
def therapist_profile_submit(*, profile: TherapistProfile) -> TherapistProfile:
    """Hand the profile to the platform team for verification and make the user a therapist member."""
    profile = TherapistProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    missing = therapist_profile_missing(profile)
    if missing:
        raise ValidationError(_("Your profile is not complete yet: %(items)s."), params={"items": _join(missing)})
    if profile.status == VerificationStatus.VERIFIED:
        return profile
    profile.status = VerificationStatus.SUBMITTED
    profile.submitted_at = timezone.now()
    profile.rejection_reason = ""
    profile.full_clean(exclude=["photo"])
    profile.save()
    role_grant(user=profile.user, role=Role.THERAPIST)
    return profile


def _join(missing: list[tuple[str, str]]) -> str:
    return ", ".join(str(text).lower() for _step, text in missing)


@transaction.atomic
def therapist_verify(*, profile: TherapistProfile, verifier: User, method: str) -> TherapistProfile:
    """Approve: record how and by whom it was verified, and tell the therapist by e-mail."""
    profile = TherapistProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if profile.status != VerificationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted profile can be verified."), code="wrong_status")
    if not method.strip():
        raise ValidationError(_("Record how the registration was verified."), code="method_required")
    profile.status = VerificationStatus.VERIFIED
    profile.verification_method = method.strip()[:255]
    profile.verified_at = timezone.now()
    profile.verified_by = verifier
    profile.rejection_reason = ""
    profile.full_clean(exclude=["photo"])
    profile.save()
    email_queue_template(
        to=[profile.user.email],
        template_prefix="directory/email/therapist_verified",
        context={"profile": profile, "url": _site_url(reverse("directory:my_profile"))},
        language=profile.user.preferred_language,
    )
    return profile


@transaction.atomic
def therapist_reject(*, profile: TherapistProfile, verifier: User, reason: str) -> TherapistProfile:
    """Reject with a reason the therapist receives by e-mail; they can correct the profile and submit again."""
    profile = TherapistProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if profile.status != VerificationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted profile can be rejected."), code="wrong_status")
    if not reason.strip():
        raise ValidationError(_("Give a reason; the therapist receives it by e-mail."), code="reason_required")
    profile.status = VerificationStatus.REJECTED
    profile.rejection_reason = reason.strip()
    profile.verified_by = verifier
    profile.verified_at = None
    profile.full_clean(exclude=["photo"])
    profile.save()
    email_queue_template(
        to=[profile.user.email],
        template_prefix="directory/email/therapist_rejected",
        context={"profile": profile, "url": _site_url(reverse("directory:therapist_review"))},
        language=profile.user.preferred_language,
    )
    return profile


# --- Availability ---------------------------------------------------------------------------------


@transaction.atomic
def availability_update(*, profile: TherapistProfile, fields: dict) -> TherapistProfile:
    """Save new availability; saving counts as confirming it today."""
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.availability_confirmed_at = timezone.now()
    profile.full_clean(exclude=["photo"])
    profile.save()
    return profile


@transaction.atomic
def availability_confirm(*, profile: TherapistProfile) -> TherapistProfile:
    """'Still up to date': one click that renews the confirmation date without changing anything else."""
    profile.availability_confirmed_at = timezone.now()
    profile.save(update_fields=["availability_confirmed_at", "updated_at"])
    return profile


def availability_reminders_send(*, now=None) -> int:
    """E-mail verified therapists whose availability is older than 4 weeks, at most once per 4 weeks.

    Each therapist is handled in its own transaction, so one failure does not hold back the others.
    Returns the number of reminders queued.
    """
    now = now or timezone.now()
    stale_before = now - timedelta(days=AVAILABILITY_STALE_AFTER_DAYS)
    reminded_before = now - timedelta(days=AVAILABILITY_REMINDER_INTERVAL_DAYS)
    due = (
        TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED, user__is_active=True)
        .filter(Q(availability_confirmed_at__isnull=True) | Q(availability_confirmed_at__lt=stale_before))
        .filter(Q(availability_reminded_at__isnull=True) | Q(availability_reminded_at__lt=reminded_before))
        .select_related("user")
    )
    count = 0
    for profile in due.iterator():
        with transaction.atomic():
            # Conditional, so that two runs at the same moment cannot both remind the same therapist.
            not_reminded = Q(availability_reminded_at__isnull=True) | Q(availability_reminded_at__lt=reminded_before)
            if not TherapistProfile.objects.filter(not_reminded, pk=profile.pk).update(availability_reminded_at=now):
                continue
            email_queue_template(
                to=[profile.user.email],
                template_prefix="directory/email/availability_reminder",
                context={"profile": profile, "url": _site_url(reverse("directory:availability"))},
                language=profile.user.preferred_language,
            )
        count += 1
    return count


# --- Organisations --------------------------------------------------------------------------------


def validate_kvk_number(value: str) -> None:
    if value and (len(value) != 8 or not value.isdigit()):
        raise ValidationError(
            _("A KvK number consists of exactly 8 digits."), code="invalid_kvk", params={"value": value}
        )


@transaction.atomic
def organisation_create(*, creator: User, fields: dict, place: Place, covered: list) -> Organisation:
    """Register an organisation for verification; its creator becomes its admin and organisation staff."""
    from drakentemmers.regions.models import PostcodeArea

    organisation = Organisation(**fields)
    organisation.municipality = place.municipality
    organisation.postcode_area = PostcodeArea.objects.filter(code=place.postcode).first() if place.postcode else None
    organisation.status = VerificationStatus.SUBMITTED
    if not organisation.email_domain:
        organisation.email_domain = organisation.contact_email.rsplit("@", 1)[-1].lower()
    organisation.full_clean()
    organisation.save()
    organisation.covered_municipalities.set(covered or [place.municipality])
    OrganisationMembership.objects.create(organisation=organisation, user=creator, is_admin=True)
    role_grant(user=creator, role=Role.ORG_STAFF)
    return organisation


def _organisation_admin_emails(organisation: Organisation) -> list[str]:
    emails = list(organisation.memberships.filter(is_admin=True).values_list("user__email", flat=True))
    return emails or [organisation.contact_email]


@transaction.atomic
def organisation_verify(*, organisation: Organisation, verifier: User) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status != VerificationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted organisation can be verified."), code="wrong_status")
    organisation.status = VerificationStatus.VERIFIED
    organisation.verified_at = timezone.now()
    organisation.verified_by = verifier
    organisation.rejection_reason = ""
    organisation.full_clean()
    organisation.save()
    email_queue_template(
        to=_organisation_admin_emails(organisation),
        template_prefix="directory/email/organisation_verified",
        context={
            "organisation": organisation,
            "url": _site_url(reverse("directory:organisation_detail", args=[organisation.pk])),
        },
    )
    return organisation


@transaction.atomic
def organisation_reject(*, organisation: Organisation, verifier: User, reason: str) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status != VerificationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted organisation can be rejected."), code="wrong_status")
    if not reason.strip():
        raise ValidationError(_("Give a reason; the organisation receives it by e-mail."), code="reason_required")
    organisation.status = VerificationStatus.REJECTED
    organisation.rejection_reason = reason.strip()
    organisation.verified_by = verifier
    organisation.full_clean()
    organisation.save()
    email_queue_template(
        to=_organisation_admin_emails(organisation),
        template_prefix="directory/email/organisation_rejected",
        context={"organisation": organisation},
    )
    return organisation


@transaction.atomic
def organisation_invitation_create(
    *, organisation: Organisation, email: str, invited_by: User
) -> OrganisationInvitation:
    """Invite a colleague by e-mail. Only verified organisations invite; the link expires after 14 days."""
    if organisation.status != VerificationStatus.VERIFIED:
        raise ValidationError(
            _("You can invite colleagues once the platform team has verified your organisation."), code="unverified"
        )
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already a member of this organisation."), params={"email": email})
    invitation = OrganisationInvitation(organisation=organisation, email=email, invited_by=invited_by)
    invitation.full_clean()
    invitation.save()
    email_queue_template(
        to=[email],
        template_prefix="directory/email/organisation_invitation",
        context={
            "organisation": organisation,
            "invited_by": invited_by,
            "accept_url": _site_url(reverse("directory:organisation_invitation_accept", args=[invitation.token])),
            "expires_at": invitation.expires_at,
        },
    )
    return invitation


@transaction.atomic
def organisation_invitation_accept(*, invitation: OrganisationInvitation, user: User) -> OrganisationMembership:
    invitation = OrganisationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.is_expired:
        raise ValidationError(
            _("This invitation has expired. Ask your organisation's admin for a new one."), code="expired"
        )
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Log in with that e-mail address to accept it."),
            code="wrong_user",
            params={"email": invitation.email},
        )
    membership, _created = OrganisationMembership.objects.get_or_create(organisation=invitation.organisation, user=user)
    role_grant(user=user, role=Role.ORG_STAFF, granted_by=invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    user.__dict__.pop("_verified_memberships", None)
    return membership


# --- Messages -------------------------------------------------------------------------------------


def _notify_new_message(*, conversation: Conversation, recipient: User) -> None:
    """Only 'you have a new message' with a link: the content stays inside the platform."""
    email_queue_template(
        to=[recipient.email],
        template_prefix="directory/email/new_message",
        context={"url": _site_url(reverse("directory:conversation_detail", args=[conversation.pk]))},
        language=recipient.preferred_language,
    )


@transaction.atomic
def conversation_start(
    *, therapist: TherapistProfile, sender: User, subject: str, body: str, organisation: Organisation | None = None
) -> Conversation:
    if therapist.user_id == sender.pk:
        raise ValidationError(_("You cannot send a message to yourself."), code="self")
    now = timezone.now()
    conversation = Conversation(
        therapist=therapist,
        started_by=sender,
        organisation=organisation,
        subject=subject.strip(),
        last_message_at=now,
        starter_read_at=now,
    )
    conversation.full_clean()
    conversation.save()
    message = Message(conversation=conversation, sender=sender, body=body.strip())
    message.full_clean()
    message.save()
    _notify_new_message(conversation=conversation, recipient=therapist.user)
    return conversation


@transaction.atomic
def message_send(*, conversation: Conversation, sender: User, body: str) -> Message:
    message = Message(conversation=conversation, sender=sender, body=body.strip())
    message.full_clean()
    message.save()
    now = timezone.now()
    conversation.last_message_at = now
    is_therapist = sender.pk == conversation.therapist.user_id
    if is_therapist:
        conversation.therapist_read_at = now
    else:
        conversation.starter_read_at = now
    conversation.save(update_fields=["last_message_at", "therapist_read_at", "starter_read_at"])
    recipient = conversation.started_by if is_therapist else conversation.therapist.user
    _notify_new_message(conversation=conversation, recipient=recipient)
    return message


def conversation_mark_read(*, conversation: Conversation, user: User) -> None:
    field = "therapist_read_at" if user.pk == conversation.therapist.user_id else "starter_read_at"
    Conversation.objects.filter(pk=conversation.pk).update(**{field: timezone.now()})


# --- Personal data (GDPR) -------------------------------------------------------------------------


def personal_data_export(user: User) -> dict:
    profile = TherapistProfile.objects.filter(user=user).select_related("profession").first()
    data: dict = {"therapist_profile": None}
    if profile:
        data["therapist_profile"] = {
            "status": profile.status,
            "profession": profile.profession.name_nl if profile.profession else None,
            "registration_kind": profile.registration_kind,
            "big_number": profile.big_number,
            "registration_number": profile.registration_number,
            "supervisor_name": profile.supervisor_name,
            "practice_name": profile.practice_name,
            "bio": profile.bio,
            "contact_preferences": profile.contact_preferences,
            "public_profile": profile.public_profile,
            "work_areas": [
                str(location) for location in profile.locations.select_related("postcode_area", "municipality")
            ],
            "methods": list(profile.methods.values_list("name_nl", flat=True)),
            "languages": list(profile.languages.values_list("name_nl", flat=True)),
            "accepting": profile.accepting,
            "waiting_weeks": profile.waiting_weeks,
            "availability_confirmed_at": (
                profile.availability_confirmed_at.isoformat() if profile.availability_confirmed_at else None
            ),
        }
    data["organisation_memberships"] = [
        {"organisation": m.organisation.name, "is_admin": m.is_admin, "since": m.created_at.isoformat()}
        for m in OrganisationMembership.objects.filter(user=user).select_related("organisation")
    ]
    data["messages_sent"] = [
        {"conversation": m.conversation.subject, "sent_at": m.created_at.isoformat(), "body": m.body}
        for m in Message.objects.filter(sender=user).select_related("conversation")
    ]
    return data


@transaction.atomic
def personal_data_erase(user: User) -> None:
    """Delete the therapist profile (with its conversations), memberships and the user's own messages."""
    profile = TherapistProfile.objects.filter(user=user).first()
    if profile:
        if profile.photo:
            profile.photo.delete(save=False)
        profile.delete()
    OrganisationMembership.objects.filter(user=user).delete()
    Message.objects.filter(sender=user).delete()
    Conversation.objects.filter(started_by=user).delete()
    OrganisationInvitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
