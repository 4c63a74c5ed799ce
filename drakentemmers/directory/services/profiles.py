"""Therapist profiles: editing, photo, work locations, completeness, submission and verification."""

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from drakentemmers.accounts.models import Role, User
from drakentemmers.accounts.services import role_grant
from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_queue_template
from drakentemmers.regions.selectors import Place

from ..models import (
    RegistrationKind,
    TherapistProfile,
    VerificationStatus,
    WorkLocation,
)
from ._common import _site_url

# Free text that may carry client data: it passes the privacy guard (core/privacy/guard.py) before it is stored.
FREE_TEXT_FIELDS = ("bio", "contact_preferences")
# Verified facts: a change by the therapist after verification sends the profile back to review. The name
# (on the User) is one too: the verifier checked it against the BIG or NIP/NVO register.
VERIFIED_FACT_FIELDS = ("profession_id", "registration_kind", "big_number", "registration_number", "supervisor_name")
VERIFIED_USER_FACT_FIELDS = ("first_name", "last_name")
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 800
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_WORK_LOCATIONS = 10


@transaction.atomic
def therapist_profile_get_or_create(*, user: User) -> TherapistProfile:
    profile, _created = TherapistProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def therapist_profile_update(
    *, profile: TherapistProfile, fields: dict, m2m: dict | None = None, user_fields: dict | None = None
) -> TherapistProfile:
    """Save wizard or profile edits. Changing a verified fact (registration or name) of a verified profile
    sends it back to review and tells the therapist by e-mail.

    Raises ValidationError when a free-text field holds a BSN, a street address or a full postcode.
    """
    privacy_assert_storable({name: fields[name] or "" for name in FREE_TEXT_FIELDS if name in fields})
    before = {name: getattr(profile, name) for name in VERIFIED_FACT_FIELDS}
    before_user = {name: getattr(profile.user, name) for name in VERIFIED_USER_FACT_FIELDS}
    for name, value in fields.items():
        setattr(profile, name, value)
    if user_fields:
        for name, value in user_fields.items():
            setattr(profile.user, name, value)
        profile.user.full_clean()
        profile.user.save(update_fields=list(user_fields))
    changed = [name for name in VERIFIED_FACT_FIELDS if getattr(profile, name) != before[name]]
    changed += [name for name in VERIFIED_USER_FACT_FIELDS if getattr(profile.user, name) != before_user[name]]
    if changed and profile.status == VerificationStatus.VERIFIED:
        _review_again(profile)
    profile.full_clean(exclude=["photo"])
    profile.save()
    for name, values in (m2m or {}).items():
        getattr(profile, name).set(values)
    return profile


def _review_again(profile: TherapistProfile) -> None:
    """Verified → submitted (the caller saves), and an e-mail that the platform team checks the facts again."""
    profile.status = VerificationStatus.SUBMITTED
    profile.submitted_at = timezone.now()
    profile.verification_method = ""
    profile.verified_at = None
    profile.verified_by = None
    email_queue_template(
        to=[profile.user.email],
        template_prefix="directory/email/therapist_review_again",
        context={"profile": profile, "url": _site_url(reverse("directory:my_profile"))},
        language=profile.user.preferred_language,
    )


@transaction.atomic
def therapist_name_changed(user: User) -> str | None:
    """Name-change handler (registered with accounts.hooks): a verified therapist goes back to review."""
    profile = TherapistProfile.objects.select_for_update().filter(user=user).first()
    if profile is None or profile.status != VerificationStatus.VERIFIED:
        return None
    profile.user = user
    _review_again(profile)
    profile.full_clean(exclude=["photo"])
    profile.save()
    return _(
        "Your name is a verified fact: the platform team checks your profile again. Until then, "
        "organisations do not find you in the search."
    )


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
    """Store a photo that photo_process already checked and cleaned, replacing the previous one.

    The new file is written first and the previous one removed only once the change is committed: when writing
    fails (a full disk) or the transaction rolls back, the profile keeps its previous photo."""
    previous = profile.photo.name if profile.photo else None
    profile.photo.save(content.name, content, save=True)
    if previous and previous != profile.photo.name:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return profile


@transaction.atomic
def therapist_photo_remove(*, profile: TherapistProfile) -> TherapistProfile:
    if profile.photo:
        profile.photo.delete(save=False)
    profile.photo = None
    profile.save(update_fields=["photo", "updated_at"])
    return profile


@transaction.atomic
def therapist_location_add(
    *, profile: TherapistProfile, place: Place, travel_radius_km: int | None = None
) -> WorkLocation:
    """Add a work area (PC4 or municipality, never an address), with its own travel radius if it differs.

    The same area twice is not added again; a radius given for it then replaces the earlier one."""
    from drakentemmers.regions.models import PostcodeArea

    area = PostcodeArea.objects.filter(code=place.postcode).first() if place.postcode else None
    existing = profile.locations.filter(municipality=place.municipality, postcode_area=area).first()
    if existing:
        if travel_radius_km is not None and existing.travel_radius_km != travel_radius_km:
            existing.travel_radius_km = travel_radius_km
            existing.full_clean()
            existing.save(update_fields=["travel_radius_km"])
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
        travel_radius_km=travel_radius_km,
    )
    location.full_clean()
    location.save()
    return location


@transaction.atomic
def therapist_location_remove(*, profile: TherapistProfile, location_id: int) -> None:
    profile.locations.filter(pk=location_id).delete()


def _registration_label(profile: TherapistProfile) -> str:
    """The registration check says exactly which detail its kind still lacks."""
    if profile.registration_kind == RegistrationKind.BIG:
        return gettext_lazy("Your BIG number")
    if profile.registration_kind in (RegistrationKind.NIP, RegistrationKind.NVO):
        return gettext_lazy("Your NIP/NVO registration number")
    if profile.registration_kind == RegistrationKind.TRAINEE:
        return gettext_lazy("The name of your supervisor")
    return gettext_lazy("Your registration (BIG, NIP, NVO or trainee)")


def _registration_complete(profile: TherapistProfile) -> bool:
    detail = {
        RegistrationKind.BIG: profile.big_number,
        RegistrationKind.NIP: profile.registration_number,
        RegistrationKind.NVO: profile.registration_number,
        RegistrationKind.TRAINEE: profile.supervisor_name,
    }
    return bool(profile.registration_kind) and bool(detail.get(profile.registration_kind))


@dataclass(frozen=True)
class ProfileCheck:
    """One required part of a therapist profile: what to tell the therapist, where to fix it, how to test it."""

    label: Callable[[TherapistProfile], str] | str
    step: str  # the wizard step (directory:therapist_step) that fills it in
    passes: Callable[[TherapistProfile], bool]

    def describe(self, profile: TherapistProfile) -> str:
        return self.label(profile) if callable(self.label) else self.label

    @property
    def url(self) -> str:
        return reverse("directory:therapist_step", args=[self.step])


# Every part a profile needs before it can be submitted, in wizard order. Completeness is passed/total, so
# an empty profile is at 0 % and each wizard step only adds. The name comes with sign-up, so it counts
# together with the profession: on its own it would put an untouched profile above 0 %.
PROFILE_CHECKS: tuple[ProfileCheck, ...] = (
    ProfileCheck(
        gettext_lazy("Your name and your profession"),
        "profession",
        lambda p: bool(p.user.first_name and p.user.last_name and p.profession_id),
    ),
    ProfileCheck(_registration_label, "profession", _registration_complete),
    ProfileCheck(gettext_lazy("At least one work area"), "area", lambda p: bool(p.locations.all())),
    ProfileCheck(
        gettext_lazy("Where you treat (in the shelter, outpatient or online)"),
        "offer",
        lambda p: p.offers_in_shelter or p.offers_outpatient or p.offers_online,
    ),
    ProfileCheck(
        gettext_lazy("The ages you treat"),
        "offer",
        lambda p: p.treats_age_0_4 or p.treats_age_4_12 or p.treats_age_12_18 or p.treats_age_18_plus,
    ),
    ProfileCheck(gettext_lazy("At least one target group"), "offer", lambda p: bool(p.target_groups.all())),
    ProfileCheck(gettext_lazy("At least one treatment method"), "offer", lambda p: bool(p.methods.all())),
    ProfileCheck(gettext_lazy("The languages you treat in"), "offer", lambda p: bool(p.languages.all())),
    ProfileCheck(gettext_lazy("Your availability"), "availability", lambda p: p.availability_confirmed_at is not None),
    ProfileCheck(gettext_lazy("A short bio"), "presentation", lambda p: bool(p.bio.strip())),
)


def therapist_profile_missing(profile: TherapistProfile) -> list[tuple[str, str]]:
    """The failing checks, in wizard order, as (wizard step, message) pairs."""
    return [(check.step, check.describe(profile)) for check in PROFILE_CHECKS if not check.passes(profile)]


def therapist_profile_completeness(profile: TherapistProfile, *, missing: list | None = None) -> int:
    """Percentage of PROFILE_CHECKS that pass; pass `missing` when already computed."""
    missing = therapist_profile_missing(profile) if missing is None else missing
    return round(100 * (len(PROFILE_CHECKS) - len(missing)) / len(PROFILE_CHECKS))


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
