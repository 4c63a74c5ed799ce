"""Personal data (GDPR) of the directory: export and erasure, registered with accounts."""

from django.db import transaction

from drakentemmers.accounts.models import User

from ..models import (
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


@transaction.atomic
def personal_data_erase(user: User) -> None:
    """Delete the therapist profile and memberships.

    Messages are the conversation component's (it keeps them and removes the authorship): deleting a
    profile no longer deletes what organisations wrote to the therapist.
    """
    profile = TherapistProfile.objects.filter(user=user).first()
    if profile:
        if profile.photo:
            profile.photo.delete(save=False)
        profile.delete()
    OrganisationMembership.objects.filter(user=user).delete()
    OrganisationInvitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
