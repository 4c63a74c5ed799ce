import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from drakentemmers.accounts import services as account_services
from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.conversations.models import Message, Thread
from drakentemmers.conversations.permissions import is_closed
from drakentemmers.conversations.services import message_post
from drakentemmers.core.erasure import ERASED
from drakentemmers.directory import services
from drakentemmers.directory.models import OrganisationMembership, TherapistProfile
from drakentemmers.directory.tests.factories import (
    OrganisationFactory,
    OrganisationMembershipFactory,
    TherapistProfileFactory,
)

pytestmark = pytest.mark.django_db


def test_start_stores_message_and_mails_only_a_notification(django_capture_on_commit_callbacks):
    therapist = TherapistProfileFactory()
    sender = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.conversation_start(
            therapist=therapist, sender=sender, subject="Vraag over plek", body="Geheime inhoud over een cliënt"
        )
    assert thread.messages.get().body == "Geheime inhoud over een cliënt"
    assert thread.about == therapist and thread.kind == "contact"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [therapist.user.email]
    assert "Geheime inhoud" not in mail.outbox[0].body and "Vraag over plek" not in mail.outbox[0].subject
    assert f"/berichten/{thread.pk}/" in mail.outbox[0].body
    assert sender.email not in mail.outbox[0].body


def test_reply_notifies_the_other_side(django_capture_on_commit_callbacks):
    therapist = TherapistProfileFactory()
    sender = make_user()
    thread = services.conversation_start(therapist=therapist, sender=sender, subject="Vraag", body="Hallo")
    with django_capture_on_commit_callbacks(execute=True):
        message_post(thread=thread, author=therapist.user, body="Ja, ik heb plek")
    assert mail.outbox[-1].to == [sender.email]
    with django_capture_on_commit_callbacks(execute=True):
        message_post(thread=thread, author=sender, body="Dank")
    assert mail.outbox[-1].to == [therapist.user.email]
    assert thread.messages.count() == 3


def test_staff_write_for_their_organisation_and_every_verified_colleague_is_told(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name="Opvang Noord")
    staff, colleague = make_user(Role.ORG_STAFF), make_user(Role.ORG_STAFF)
    for user in (staff, colleague):
        OrganisationMembership.objects.create(organisation=organisation, user=user)
    therapist = TherapistProfileFactory()
    thread = services.conversation_start(
        therapist=therapist, sender=staff, organisation=organisation, subject="Vraag", body="Hallo"
    )
    assert thread.messages.get().author_party_label == "Opvang Noord"
    with django_capture_on_commit_callbacks(execute=True):
        message_post(thread=thread, author=therapist.user, body="Ja")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([staff.email, colleague.email])


def test_no_message_to_yourself_and_no_empty_body():
    therapist = TherapistProfileFactory()
    with pytest.raises(ValidationError):
        services.conversation_start(therapist=therapist, sender=therapist.user, subject="x", body="y")
    with pytest.raises(ValidationError):
        services.conversation_start(therapist=therapist, sender=make_user(), subject="x", body="   ")


def test_gdpr_export_and_erase_keeps_what_the_other_party_wrote():
    therapist = TherapistProfileFactory(methods=["emdr"], bio="Over mij")
    membership = OrganisationMembershipFactory(user=therapist.user)
    other = make_user()
    services.conversation_start(
        therapist=TherapistProfileFactory(), sender=therapist.user, subject="S", body="Mijn tekst"
    )
    services.conversation_start(therapist=therapist, sender=other, subject="T", body="Aan jou")
    export = account_services.user_export(user=therapist.user)
    data = export["directory"]
    assert data["therapist_profile"]["bio"] == "Over mij"
    assert data["therapist_profile"]["big_number"] == therapist.big_number
    assert data["organisation_memberships"][0]["organisation"] == membership.organisation.name
    assert [m["body"] for m in export["conversations"]["messages_sent"]] == ["Mijn tekst"]
    account_services.user_erase(user=therapist.user)
    assert not TherapistProfile.objects.filter(pk=therapist.pk).exists()
    assert not OrganisationMembership.objects.filter(user=therapist.user).exists()
    # The person's own text goes (its place in the thread stays); the other party's message stays with them.
    assert not Message.objects.filter(body="Mijn tekst").exists()
    assert Message.objects.get(body="Aan jou").author == other
    erased = Message.objects.get(thread__subject="S")
    assert erased.author is None and erased.body == ERASED
    # Both threads stay; the erased person no longer takes part, so neither can be written in any more.
    for subject in ("S", "T"):
        thread = Thread.objects.get(subject=subject)
        assert not thread.participants.filter(user=therapist.user).exists()
        assert is_closed(thread)
