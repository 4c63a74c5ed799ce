"""Organisations: sign-up, verification and staff invitations."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.accounts.models import Role, User
from drakentemmers.accounts.services import role_grant
from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_queue_template, invitation_claim
from drakentemmers.regions.selectors import Place

from ..models import (
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    VerificationStatus,
)
from ._common import _site_url

# Free text that may carry client data or an address: it passes the privacy guard before it is stored.
FREE_TEXT_FIELDS = ("description",)


def validate_kvk_number(value: str) -> None:
    if value and (len(value) != 8 or not value.isdigit()):
        raise ValidationError(
            _("A KvK number consists of exactly 8 digits."), code="invalid_kvk", params={"value": value}
        )


# Dutch phone numbers once "+31"/"0031" became "0": ten digits for landlines and mobiles (020 123 4567,
# 06 1234 5678), or a service number (0800/0900/0906/0909 followed by 4 to 7 digits).
DUTCH_PHONE = re.compile(r"^(0[1-9]\d{8}|0(800|900|906|909)\d{4,7})$")
PHONE_CHARACTERS = re.compile(r"^\+?[\d\s().-]+$")


def validate_dutch_phone(value: str) -> None:
    """A Dutch phone number as people type it: spaces, dashes, dots, brackets and +31 are fine."""
    if not value:
        return
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("+31"):
        digits = "0" + digits[2:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    if not PHONE_CHARACTERS.match(value.strip()) or not DUTCH_PHONE.match(digits):
        raise ValidationError(
            _("Enter a Dutch phone number, for example 020 123 4567, 06 1234 5678 or 0800 2000."),
            code="invalid_phone",
        )


@transaction.atomic
def organisation_create(*, creator: User, fields: dict, place: Place, covered: list) -> Organisation:
    """Register an organisation for verification; its creator becomes its admin and organisation staff.

    Raises ValidationError when the description holds a BSN, a street address or a full postcode: a shelter's
    address is never stored.
    """
    from drakentemmers.regions.models import PostcodeArea

    privacy_assert_storable({name: fields.get(name) or "" for name in FREE_TEXT_FIELDS})

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


def organisation_invitation_accept(*, invitation: OrganisationInvitation, user: User) -> OrganisationMembership:
    """Make the logged-in user a member: core's claim (once, verified e-mail, not expired)."""
    return invitation_claim(invitation=invitation, user=user)
