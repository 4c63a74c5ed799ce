from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.onboarding import checklist_for
from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.directory.tests.profile_helpers import complete_draft

pytestmark = pytest.mark.django_db
MY_HOME = reverse("core:my_home")


def test_a_new_member_sees_the_checklist(client_for):
    user = make_user()
    TherapistProfile.objects.create(user=user)
    response = client_for(user).get(MY_HOME)
    body = response.content.decode()
    assert "Aan de slag" in body
    assert "Maak je profiel compleet" in body and "Geef je beschikbaarheid door" in body
    assert "Verificatie door het platformteam" in body
    assert [item.done for item in response.context["checklist"]] == [False, False, False]


def test_without_a_profile_there_is_no_checklist(client_for):
    response = client_for(make_user()).get(MY_HOME)
    assert response.context["checklist"] == [] and "Aan de slag" not in response.content.decode()


def test_the_items_follow_the_profile():
    profile = complete_draft()
    profile.status = VerificationStatus.SUBMITTED
    profile.availability_confirmed_at = timezone.now()
    profile.save()
    done = [item.done for item in checklist_for(profile.user)]
    assert done == [True, False, True]


def test_a_settled_member_no_longer_sees_it():
    profile = complete_draft()
    TherapistProfile.objects.filter(pk=profile.pk).update(
        status=VerificationStatus.VERIFIED, verified_at=timezone.now()
    )
    profile.refresh_from_db()  # the user object carries this profile (read once per request, as on a page)
    assert checklist_for(profile.user) == []  # all done and verified
    old = TherapistProfileFactory(availability_confirmed_at=None, verified_at=timezone.now() - timedelta(days=90))
    assert checklist_for(old.user) == []


def test_my_home_query_count_is_pinned(client_for, django_assert_max_num_queries):
    user = make_user()
    TherapistProfile.objects.create(user=user)
    client = client_for(user)
    # 16 before "what waits for you" (issue 18) and the suggested trainings (learning) joined the page, then 19;
    # 15 since the page reads the profile, its lists and the candidacies once and the training offer is cached
    # (issue 17; a first visit: the session and the caches are read and filled).
    with django_assert_max_num_queries(15):
        client.get(MY_HOME)
