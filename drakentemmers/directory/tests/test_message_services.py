import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from drakentemmers.accounts import services as account_services
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory import services
from drakentemmers.directory.models import Conversation, Message, OrganisationMembership, TherapistProfile
from drakentemmers.directory.tests.factories import OrganisationMembershipFactory, TherapistProfileFactory

pytestmark = pytest.mark.django_db


def test_start_stores_message_and_mails_only_a_notification(django_capture_on_commit_callbacks):
    therapist = TherapistProfileFactory()
    sender = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        conversation = services.conversation_start(
            therapist=therapist, sender=sender, subject="Vraag", body="Geheime inhoud over een cliënt"
        )
    assert conversation.messages.get().body == "Geheime inhoud over een cliënt"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [therapist.user.email]
    assert "Geheime inhoud" not in mail.outbox[0].body
    assert f"/netwerk/berichten/{conversation.pk}/" in mail.outbox[0].body
    assert sender.email not in mail.outbox[0].body


def test_reply_notifies_the_other_side(django_capture_on_commit_callbacks):
    therapist = TherapistProfileFactory()
    sender = make_user()
    conversation = services.conversation_start(therapist=therapist, sender=sender, subject="Vraag", body="Hallo")
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(conversation=conversation, sender=therapist.user, body="Ja, ik heb plek")
    assert mail.outbox[-1].to == [sender.email]
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(conversation=conversation, sender=sender, body="Dank")
    assert mail.outbox[-1].to == [therapist.user.email]
    assert conversation.messages.count() == 3


def test_no_message_to_yourself_and_no_empty_body():
    therapist = TherapistProfileFactory()
    with pytest.raises(ValidationError):
        services.conversation_start(therapist=therapist, sender=therapist.user, subject="x", body="y")
    with pytest.raises(ValidationError):
        services.conversation_start(therapist=therapist, sender=make_user(), subject="x", body="   ")


def test_gdpr_export_and_erase():
    therapist = TherapistProfileFactory(methods=["emdr"], bio="Over mij")
    membership = OrganisationMembershipFactory(user=therapist.user)
    other = make_user()
    services.conversation_start(
        therapist=TherapistProfileFactory(), sender=therapist.user, subject="S", body="Mijn tekst"
    )
    services.conversation_start(therapist=therapist, sender=other, subject="T", body="Aan jou")
    data = account_services.user_export(user=therapist.user)["directory"]
    assert data["therapist_profile"]["bio"] == "Over mij"
    assert data["therapist_profile"]["big_number"] == therapist.big_number
    assert data["organisation_memberships"][0]["organisation"] == membership.organisation.name
    assert [m["body"] for m in data["messages_sent"]] == ["Mijn tekst"]
    account_services.user_erase(user=therapist.user)
    assert not TherapistProfile.objects.filter(pk=therapist.pk).exists()
    assert not OrganisationMembership.objects.filter(user=therapist.user).exists()
    # The person's own text goes; the other party's message stays (finding 6 of issue 15).
    assert not Message.objects.filter(body="Mijn tekst").exists()
    assert Message.objects.filter(body="Aan jou", sender=other).exists()
    assert not Conversation.objects.filter(started_by=therapist.user).exists()
    assert Conversation.objects.filter(subject="T", started_by=other, therapist__isnull=True).exists()
