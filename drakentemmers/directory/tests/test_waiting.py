"""'What waits for me' from the directory: verification, availability going stale, the verifier's queue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.waiting import waiting_for
from drakentemmers.directory.models import VerificationStatus
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory

pytestmark = pytest.mark.django_db


def test_submitted_profile_says_it_waits_for_the_platform_team():
    profile = TherapistProfileFactory(status=VerificationStatus.SUBMITTED, submitted_at=timezone.now())
    [item] = waiting_for(profile.user)
    assert item.label == "Je profiel wacht op controle door het platformteam"
    assert item.url == reverse("directory:my_profile")


def test_availability_warns_a_week_ahead_and_is_urgent_once_stale():
    fresh = TherapistProfileFactory()
    assert waiting_for(fresh.user) == []
    ageing = TherapistProfileFactory(availability_confirmed_at=timezone.now() - timedelta(days=23))
    [item] = waiting_for(ageing.user)
    assert item.label == "Bevestig je beschikbaarheid" and not item.urgent
    stale = TherapistProfileFactory(availability_confirmed_at=timezone.now() - timedelta(days=29))
    [item] = waiting_for(stale.user)
    assert item.label == "Je beschikbaarheid is verouderd" and item.urgent
    assert item.url == reverse("directory:availability")


def test_verifier_sees_the_queue_with_the_oldest_wait():
    TherapistProfileFactory(status=VerificationStatus.SUBMITTED, submitted_at=timezone.now() - timedelta(days=6))
    OrganisationFactory(status=VerificationStatus.SUBMITTED)
    verifier = make_user(Role.VERIFIER, mfa=True)
    [item] = waiting_for(verifier)
    assert item.label == "2 profielen wachten op controle"
    assert item.detail == "De oudste wacht al 6 dagen."
    assert item.urgent  # five days or more
    # An editor is not a verifier and sees nothing of the queue.
    assert waiting_for(make_user(Role.EDITOR, mfa=True)) == []


def test_unread_messages_come_from_the_menu_count(client_for):
    from drakentemmers.conversations import services as conversation_services

    therapist = TherapistProfileFactory()
    colleague = TherapistProfileFactory()
    conversation_services.thread_create(
        kind="contact",
        subject="Intervisie",
        author=colleague.user,
        body="Heb je in januari tijd voor intervisie?",
        participants=[colleague.user, therapist.user],
    )
    html = client_for(therapist.user).get(reverse("core:my_home")).content.decode()
    assert "1 gesprek heeft een ongelezen bericht" in html
    # The author has read their own message: nothing waits for them.
    assert "ongelezen bericht" not in client_for(colleague.user).get(reverse("core:my_home")).content.decode()


def test_a_queue_item_without_a_submission_time_still_counts():
    TherapistProfileFactory(status=VerificationStatus.SUBMITTED, submitted_at=None)
    [item] = waiting_for(make_user(Role.VERIFIER, mfa=True))
    assert item.label == "1 profiel wacht op controle"
    assert item.detail == "" and not item.urgent
