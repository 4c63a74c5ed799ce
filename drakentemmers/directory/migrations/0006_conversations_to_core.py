"""Move every directory Conversation and Message into the shared conversation component.

Nothing is lost: subject, therapist (as what the thread is about), the starter (the organisation as a
party when they wrote for one and are still its member, otherwise themselves), every message with its
author, body and time, and both read states as read markers. The old tables go in 0007.

Since 0005 an erasure leaves a conversation with ``therapist`` or ``started_by`` empty (the other side keeps
it). Such a thread gets only the side that is left, so it is closed like any thread whose other side was
erased; an erased starter who wrote for an organisation leaves the organisation as the party that keeps it.
"""

from django.db import migrations

KEY = "directory.conversation:{pk}"


def _no_auto_now(model, *names):
    # Historical models keep auto_now_add, which would overwrite the copied times on save.
    for name in names:
        model._meta.get_field(name).auto_now_add = False


def forward(apps, schema_editor):
    Conversation = apps.get_model("directory", "Conversation")
    OldMessage = apps.get_model("directory", "Message")
    Membership = apps.get_model("directory", "OrganisationMembership")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Thread = apps.get_model("conversations", "Thread")
    Participant = apps.get_model("conversations", "Participant")
    Message = apps.get_model("conversations", "Message")
    ReadMarker = apps.get_model("conversations", "ReadMarker")
    if not Conversation.objects.exists():
        return
    therapist_type = ContentType.objects.get_for_model(apps.get_model("directory", "TherapistProfile"))
    organisation_type = ContentType.objects.get_for_model(apps.get_model("directory", "Organisation"))
    conversations = Conversation.objects.select_related("therapist", "organisation").order_by("pk")
    for conversation in conversations.iterator(chunk_size=500):
        old_messages = list(OldMessage.objects.filter(conversation=conversation).order_by("created_at", "pk"))
        thread = Thread.objects.create(
            kind="contact",
            key=KEY.format(pk=conversation.pk),
            subject=conversation.subject,
            about_type=therapist_type if conversation.therapist_id else None,
            about_id=conversation.therapist_id,
            created_at=conversation.created_at,
            last_message_at=conversation.last_message_at if old_messages else None,
        )
        therapist_user_id = conversation.therapist.user_id if conversation.therapist_id else None
        starter_id = conversation.started_by_id
        # An erased starter's memberships are gone too: the organisation they wrote for keeps the thread.
        as_party = conversation.organisation_id is not None and (
            starter_id is None
            or Membership.objects.filter(user_id=starter_id, organisation_id=conversation.organisation_id).exists()
        )
        participants = [Participant(thread=thread, user_id=therapist_user_id)] if therapist_user_id else []
        if as_party:
            participants.append(
                Participant(thread=thread, party_type=organisation_type, party_id=conversation.organisation_id)
            )
        elif starter_id is not None and starter_id != therapist_user_id:
            participants.append(Participant(thread=thread, user_id=starter_id))
        Participant.objects.bulk_create(participants)
        label = conversation.organisation.name if conversation.organisation_id else ""
        Message.objects.bulk_create(
            Message(
                thread=thread,
                author_id=old.sender_id,
                author_party_label=label if _from_starter(old, conversation) else "",
                body=old.body,
                privacy_confirmed=False,
                created_at=old.created_at,
            )
            for old in old_messages
        )
        markers = [
            ReadMarker(thread=thread, user_id=user_id, last_read_at=read_at)
            for user_id, read_at in (
                (therapist_user_id, conversation.therapist_read_at),
                (starter_id, conversation.starter_read_at),
            )
            if user_id is not None and read_at is not None
        ]
        ReadMarker.objects.bulk_create(markers, ignore_conflicts=True)


def _from_starter(old, conversation) -> bool:
    """Whether the starter wrote this message. An erased sender is the starter when the therapist is still
    there (the therapist's own messages keep their sender); with both sides erased it cannot be told."""
    if old.sender_id is not None:
        return old.sender_id == conversation.started_by_id
    return conversation.started_by_id is None and conversation.therapist_id is not None


def backward(apps, schema_editor):
    """Rebuild the old rows from every contact thread (also those started after the move)."""
    Conversation = apps.get_model("directory", "Conversation")
    OldMessage = apps.get_model("directory", "Message")
    TherapistProfile = apps.get_model("directory", "TherapistProfile")
    Thread = apps.get_model("conversations", "Thread")
    _no_auto_now(Conversation, "created_at")
    _no_auto_now(OldMessage, "created_at")
    for thread in Thread.objects.filter(kind="contact").order_by("pk").iterator(chunk_size=500):
        therapist = TherapistProfile.objects.filter(pk=thread.about_id).first() if thread.about_id else None
        therapist_user_id = therapist.user_id if therapist else None
        messages = list(thread.messages.order_by("created_at", "pk"))
        if not messages:
            continue
        party = thread.participants.filter(party_id__isnull=False).first()
        person = thread.participants.filter(user__isnull=False).exclude(user_id=therapist_user_id).first()
        started_by_id = person.user_id if person else messages[0].author_id
        if started_by_id == therapist_user_id:
            started_by_id = None
        markers = dict(thread.read_markers.values_list("user_id", "last_read_at"))
        legacy_pk = int(thread.key.split(":")[1]) if (thread.key or "").startswith("directory.conversation:") else None
        conversation = Conversation.objects.create(
            pk=legacy_pk,
            therapist=therapist,
            started_by_id=started_by_id,
            organisation_id=party.party_id if party else None,
            subject=thread.subject,
            created_at=thread.created_at,
            last_message_at=thread.last_message_at or thread.created_at,
            therapist_read_at=markers.get(therapist_user_id),
            starter_read_at=markers.get(started_by_id),
        )
        OldMessage.objects.bulk_create(
            OldMessage(conversation=conversation, sender_id=m.author_id, body=m.body, created_at=m.created_at)
            for m in messages
        )
    Thread.objects.filter(kind="contact").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("conversations", "0001_initial"),
        ("directory", "0005_erasure_keeps_other_party"),
    ]

    operations = [migrations.RunPython(forward, backward)]
