"""Personal data (GDPR) of the directory: export and erasure, registered with accounts."""

from django.db import transaction
from django.db.models import Q

from drakentemmers.accounts.models import User
from drakentemmers.accounts.personal_data import pseudonym_for, words_of
from drakentemmers.core.erasure import ERASED, redact

from ..models import (
    Conversation,
    Message,
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
    data["messages_sent"] = [
        {"conversation": m.conversation.subject, "sent_at": m.created_at.isoformat(), "body": m.body}
        for m in Message.objects.filter(sender=user).select_related("conversation")
    ]
    return data


# Erasure: one function per model, so that each is easy to find and to port. Other parties' records stay:
# a conversation the person took part in keeps the other side's messages (Conversation.therapist and
# .started_by are SET_NULL), an organisation keeps its record of having had this member.


@transaction.atomic
def personal_data_erase(user: User) -> None:
    """Everything of the directory except the profile itself (see therapist_profile_erase, which runs last)."""
    words = words_of(user)
    message_erase(user, words=words)
    conversation_erase(user, words=words)
    organisation_contact_erase(user)
    organisation_membership_erase(user)
    organisation_invitation_erase(user)


def _conversations_of(user: User):
    return Conversation.objects.filter(Q(started_by=user) | Q(therapist__user=user))


def conversation_erase(user: User, *, words: list[str]) -> None:
    """Conversations the person took part in stay for the other side: the starter link goes (the therapist
    link goes with the profile), and the person's name is redacted from the subject."""
    for conversation in _conversations_of(user):
        conversation.subject = redact(conversation.subject, words)
        if conversation.started_by_id == user.pk:
            conversation.started_by = None
        conversation.save(update_fields=["started_by", "subject"])


def message_erase(user: User, *, words: list[str]) -> None:
    """Messages in the person's conversations. The other side's stay, with the person's name redacted
    ("Dear Fenna, ..."). The person's own lose their sender; written on behalf of an organisation (a
    conversation its staff started), a message is the organisation's record and keeps its redacted text;
    written as the therapist or as a private person, the text is erased."""
    messages = Message.objects.filter(Q(sender=user) | Q(conversation__in=_conversations_of(user)))
    for message in messages.select_related("conversation"):
        conversation = message.conversation
        if message.sender_id != user.pk:
            message.body = redact(message.body, words)
        elif conversation.organisation_id is not None and conversation.started_by_id == user.pk:
            message.body, message.sender = redact(message.body, words), None
        else:
            message.body, message.sender = ERASED, None
        message.save(update_fields=["body", "sender"])


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
    find the person's candidacies through it; candidacies and conversations stay (SET_NULL)."""
    profile = TherapistProfile.objects.filter(user=user).first()
    if profile:
        if profile.photo:
            profile.photo.delete(save=False)
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
