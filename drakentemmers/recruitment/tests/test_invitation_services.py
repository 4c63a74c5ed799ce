from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.permissions import InvitationUnavailable, invitation_lookup
from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.recruitment import services
from drakentemmers.recruitment.models import ColleagueInvitation, InvitationOptOut, email_hash

from .factories import ColleagueInvitationFactory

pytestmark = pytest.mark.django_db


def test_create_queues_mail_with_link_note_and_inviter(region_vt, django_capture_on_commit_callbacks):
    inviter = make_user(first_name="Fenna", last_name="Drakenstein")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.colleague_invitation_create(
            invited_by=inviter, email=" Noor@Praktijk.example.NL ", note="Jij zou hier goed passen.", region=region_vt
        )
    assert invitation.email == "noor@praktijk.example.nl"
    assert invitation.expires_at - invitation.created_at >= timedelta(days=20)
    (message,) = mail.outbox
    assert message.to == ["noor@praktijk.example.nl"]
    assert "Fenna Drakenstein" in message.subject
    assert "Jij zou hier goed passen." in message.body
    assert f"/werving/uitnodiging/{invitation.token}/" in message.body


@pytest.mark.parametrize("existing", ["noor@praktijk.example.nl", "NOOR@praktijk.example.nl"])
def test_an_address_with_an_account_cannot_be_invited(existing):
    make_user(email=existing.lower())
    with pytest.raises(ValidationError) as error:
        services.colleague_invitation_create(invited_by=make_user(), email=existing)
    assert error.value.code == "not_invitable"
    assert ColleagueInvitation.objects.count() == 0 and mail.outbox == []


def test_a_secondary_address_of_an_account_cannot_be_invited_either():
    from allauth.account.models import EmailAddress

    user = make_user()
    EmailAddress.objects.create(user=user, email="tweede@praktijk.example.nl", verified=False)
    with pytest.raises(ValidationError, match=r"cannot be invited|kan niet worden uitgenodigd"):
        services.colleague_invitation_create(invited_by=make_user(), email="Tweede@praktijk.example.nl")


def test_an_open_invitation_blocks_a_second_one_with_the_same_message():
    ColleagueInvitationFactory(email="noor@praktijk.example.nl")
    with pytest.raises(ValidationError) as error:
        services.colleague_invitation_create(invited_by=make_user(), email="noor@praktijk.example.nl")
    assert error.value.code == "not_invitable"


def test_an_expired_invitation_does_not_block_a_new_one():
    ColleagueInvitationFactory(email="noor@praktijk.example.nl", expires_at=timezone.now() - timedelta(days=1))
    services.colleague_invitation_create(invited_by=make_user(), email="noor@praktijk.example.nl")
    assert ColleagueInvitation.objects.count() == 2


def test_the_note_passes_the_privacy_guard():
    with pytest.raises(ValidationError) as error:
        services.colleague_invitation_create(
            invited_by=make_user(), email="noor@praktijk.example.nl", note="Cliënt BSN 111222333 wacht al lang."
        )
    assert "note" in error.value.message_dict
    assert ColleagueInvitation.objects.count() == 0


def test_decline_closes_the_link_and_keeps_the_address():
    invitation = ColleagueInvitationFactory(email="noor@praktijk.example.nl")
    services.colleague_invitation_decline(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.declined_at is not None and invitation.email == "noor@praktijk.example.nl"
    with pytest.raises(InvitationUnavailable):
        invitation_lookup(ColleagueInvitation, invitation.token)
    assert not InvitationOptOut.objects.exists()


def test_do_not_invite_again_keeps_only_a_hash_and_refuses_future_invitations():
    invitation = ColleagueInvitationFactory(email="noor@praktijk.example.nl")
    older = ColleagueInvitationFactory(email="Noor@praktijk.example.nl", expires_at=timezone.now() - timedelta(days=30))
    services.colleague_invitation_decline(invitation=invitation, do_not_invite=True)
    invitation.refresh_from_db()
    older.refresh_from_db()
    assert invitation.email == "" and older.email == ""  # the address is gone from every invitation row
    assert invitation.declined_at is not None
    (opt_out,) = InvitationOptOut.objects.all()
    assert opt_out.email_hash == email_hash("NOOR@praktijk.example.nl ")
    assert "noor" not in opt_out.email_hash
    with pytest.raises(ValidationError) as error:
        services.colleague_invitation_create(invited_by=make_user(), email="NOOR@Praktijk.example.nl")
    assert error.value.code == "not_invitable"


def test_the_opt_out_survives_a_secret_key_rotation(settings):
    services.colleague_invitation_decline(
        invitation=ColleagueInvitationFactory(email="noor@praktijk.example.nl"), do_not_invite=True
    )
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "another-secret-key-after-rotation-0123456789abcdef"
    assert not services.colleague_email_invitable("noor@praktijk.example.nl")


def test_accepting_gives_a_draft_profile_and_works_only_once():
    invitation = ColleagueInvitationFactory(email="noor@praktijk.example.nl")
    user = make_user(email="noor@praktijk.example.nl")
    profile = services.colleague_invitation_accept(invitation=invitation, user=user)
    assert isinstance(profile, TherapistProfile) and profile.status == VerificationStatus.DRAFT
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    with pytest.raises(ValidationError) as error:
        services.colleague_invitation_accept(invitation=invitation, user=user)
    assert error.value.code == "unusable"
    with pytest.raises(InvitationUnavailable):
        invitation_lookup(ColleagueInvitation, invitation.token)  # a stranger with the link sees nothing


def test_an_expired_invitation_cannot_be_accepted():
    invitation = ColleagueInvitationFactory(email="noor@praktijk.example.nl")
    ColleagueInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError) as error:
        services.colleague_invitation_accept(invitation=invitation, user=make_user(email="noor@praktijk.example.nl"))
    assert error.value.code == "unusable"
    assert not TherapistProfile.objects.exists()


def test_an_invitation_cannot_be_used_for_another_address():
    invitation = ColleagueInvitationFactory(email="noor@praktijk.example.nl")
    with pytest.raises(ValidationError) as error:
        services.colleague_invitation_accept(invitation=invitation, user=make_user(email="iemand@anders.example.nl"))
    assert error.value.code == "wrong_user"
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and not TherapistProfile.objects.exists()
