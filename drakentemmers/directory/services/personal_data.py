"""Personal data (GDPR) of the directory: export and erasure, registered with accounts."""

from django.db import transaction

from drakentemmers.accounts.models import User
from drakentemmers.accounts.personal_data import pseudonym_for
from drakentemmers.conversations.services import threads_about_forget
from drakentemmers.core.erasure import ERASED

from ..models import (
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    TherapistProfile,
)


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
    return data


# Erasure: one function per model, so that each is easy to find and to port. Other parties' records stay:
# an organisation keeps its record of having had this member. Contact threads and their messages are the
# conversation component's (conversations.personal_data), which keeps the other side's messages.


@transaction.atomic
def personal_data_erase(user: User) -> None:
    """Everything of the directory except the profile itself (see therapist_profile_erase, which runs last)."""
    organisation_contact_erase(user)
    organisation_membership_erase(user)
    organisation_invitation_erase(user)


def organisation_contact_erase(user: User) -> None:
    """An organisation whose contact person is the erased person keeps its row; the contact is blanked and
    must be entered again (the organisation's page shows the placeholder)."""
    Organisation.objects.filter(contact_email__iexact=user.email).update(
        contact_email=pseudonym_for(user), contact_name=ERASED
    )
    Organisation.objects.filter(contact_name__iexact=user.get_full_name()).update(contact_name=ERASED)


def organisation_membership_erase(user: User) -> None:
    OrganisationMembership.objects.filter(user=user).delete()


def organisation_invitation_erase(user: User) -> None:
    """Open invitations to the person go; accepted ones stay as the organisation's record, without the address."""
    invitations = OrganisationInvitation.objects.filter(email__iexact=user.email)
    invitations.filter(accepted_at__isnull=True).delete()
    invitations.update(email=pseudonym_for(user))


@transaction.atomic
def therapist_profile_erase(user: User) -> None:
    """Delete the therapist profile with its photo and work areas. Runs after the other apps' erasers, which
    find the person's candidacies through it; candidacies stay (SET_NULL), and so do threads about the profile."""
    profile = TherapistProfile.objects.filter(user=user).first()
    if profile:
        if profile.photo:
            profile.photo.delete(save=False)
        threads_about_forget(about=profile)
        profile.delete()


def personal_data_identifiers(user: User) -> list[str]:
    """Registration numbers: searched for and redacted in the outbox and audit logs."""
    profile = TherapistProfile.objects.filter(user=user).first()
    return [profile.big_number, profile.registration_number] if profile else []


def personal_data_records(user: User) -> list:
    """The person's own directory records, whose audit-log history is redacted as well."""
    return [
        *TherapistProfile.objects.filter(user=user),
        *OrganisationMembership.objects.filter(user=user),
        *OrganisationInvitation.objects.filter(email__iexact=user.email),
    ]
