"""Move every matching Message into the shared conversation component: one thread per Candidacy.

The organisation takes part as a party (its verified staff share the thread), the therapist as a person.
Authors, bodies, times and privacy confirmations are copied; a message the organisation sent keeps the
organisation's name as the author's party. The old thread page had no read state, so the moved threads
start as read (up to their last message) for the therapist and the organisation's members: otherwise every
old thread would show as unread at once. The old table goes in 0007.

Since 0005 an erased therapist leaves ``Candidacy.therapist`` empty: that thread keeps only the organisation
(closed, like any thread whose other side was erased).
"""

from django.db import migrations

KEY = "matching.candidacy:{pk}"
SUBJECT_MAX_LENGTH = 150


def _no_auto_now(model, *names):
    for name in names:
        model._meta.get_field(name).auto_now_add = False


def forward(apps, schema_editor):
    OldMessage = apps.get_model("matching", "Message")
    Candidacy = apps.get_model("matching", "Candidacy")
    Membership = apps.get_model("directory", "OrganisationMembership")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Thread = apps.get_model("conversations", "Thread")
    Participant = apps.get_model("conversations", "Participant")
    Message = apps.get_model("conversations", "Message")
    ReadMarker = apps.get_model("conversations", "ReadMarker")
    candidacy_ids = OldMessage.objects.values_list("candidacy_id", flat=True).distinct()
    if not candidacy_ids.exists():
        return
    candidacy_type = ContentType.objects.get_for_model(Candidacy)
    organisation_type = ContentType.objects.get_for_model(apps.get_model("directory", "Organisation"))
    candidacies = Candidacy.objects.filter(pk__in=candidacy_ids).select_related(
        "care_request__organisation", "therapist"
    )
    for candidacy in candidacies.order_by("pk").iterator(chunk_size=500):
        old_messages = list(OldMessage.objects.filter(candidacy=candidacy).order_by("created_at", "pk"))
        care_request = candidacy.care_request
        organisation = care_request.organisation
        thread = Thread.objects.create(
            kind="request",
            key=KEY.format(pk=candidacy.pk),
            subject=care_request.title[:SUBJECT_MAX_LENGTH],
            about_type=candidacy_type,
            about_id=candidacy.pk,
            created_at=old_messages[0].created_at,
            last_message_at=old_messages[-1].created_at,
        )
        therapist_user_id = candidacy.therapist.user_id if candidacy.therapist_id else None
        participants = [Participant(thread=thread, party_type=organisation_type, party_id=organisation.pk)]
        if therapist_user_id:
            participants.append(Participant(thread=thread, user_id=therapist_user_id))
        Participant.objects.bulk_create(participants)
        Message.objects.bulk_create(
            Message(
                thread=thread,
                author_id=old.author_id,
                author_party_label=organisation.name if old.from_organisation else "",
                body=old.body,
                privacy_confirmed=old.privacy_confirmed,
                created_at=old.created_at,
            )
            for old in old_messages
        )
        readers = {*Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True)}
        if therapist_user_id:
            readers.add(therapist_user_id)
        ReadMarker.objects.bulk_create(
            [ReadMarker(thread=thread, user_id=user_id, last_read_at=thread.last_message_at) for user_id in readers],
            ignore_conflicts=True,
        )


def backward(apps, schema_editor):
    OldMessage = apps.get_model("matching", "Message")
    Candidacy = apps.get_model("matching", "Candidacy")
    Thread = apps.get_model("conversations", "Thread")
    _no_auto_now(OldMessage, "created_at")
    for thread in Thread.objects.filter(kind="request").order_by("pk").iterator(chunk_size=500):
        candidacy = Candidacy.objects.filter(pk=thread.about_id).first()
        if candidacy is None:
            continue
        OldMessage.objects.bulk_create(
            OldMessage(
                care_request_id=candidacy.care_request_id,
                candidacy=candidacy,
                author_id=m.author_id,
                from_organisation=bool(m.author_party_label),
                body=m.body,
                privacy_confirmed=m.privacy_confirmed,
                created_at=m.created_at,
            )
            for m in thread.messages.order_by("created_at", "pk")
        )
    Thread.objects.filter(kind="request").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("conversations", "0001_initial"),
        ("matching", "0005_erasure_keeps_other_party"),
    ]

    operations = [migrations.RunPython(forward, backward)]
