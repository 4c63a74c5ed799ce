"""Finding 5 (issue 15): the name is a verified fact. A verified therapist who changes it goes back to review.

Every path where the name can change is covered: the account page, the wizard's profession step and the
Django admin. The therapist is told on the page and by e-mail, as for the other verified facts.
"""

import pytest
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.models import OutgoingEmail
from drakentemmers.directory.models import VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory

pytestmark = pytest.mark.django_db
SUBJECT = "Je profiel wordt opnieuw gecontroleerd"


@pytest.fixture
def profile():
    return TherapistProfileFactory(user__first_name="Fenna", user__last_name="Drakenstein")


def _review_mails(profile) -> list[OutgoingEmail]:
    return [m for m in OutgoingEmail.objects.all() if m.to == [profile.user.email] and SUBJECT in m.subject]


def _account_post(client, **fields):
    data = {"first_name": "Fenna", "last_name": "Drakenstein", "preferred_language": "nl", **fields}
    return client.post(reverse("accounts:overview"), data, follow=True)


@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_account_page_name_change_sends_profile_back_to_review(client_for, profile, field):
    response = _account_post(client_for(profile.user), **{field: "Anders"})
    assert "Je naam is een gecontroleerd gegeven" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.SUBMITTED
    assert profile.verified_at is None and profile.verified_by is None
    (mail,) = _review_mails(profile)
    assert "Fenna" in mail.body_text or "Anders" in mail.body_text


def test_account_page_without_name_change_keeps_verification(client_for, profile):
    _account_post(client_for(profile.user), preferred_language="en")
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.VERIFIED
    assert _review_mails(profile) == []


def test_wizard_name_change_sends_profile_back_to_review(client_for, profile):
    data = {
        "first_name": "Fenna",
        "last_name": "Anders",
        "profession": profile.profession_id,
        "registration_kind": "big",
        "big_number": profile.big_number,
        "practice_name": profile.practice_name,
    }
    url = reverse("directory:therapist_step", kwargs={"step": "profession"})
    response = client_for(profile.user).post(url, data, follow=True)
    assert "het platformteam controleert ze opnieuw" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.SUBMITTED
    assert len(_review_mails(profile)) == 1


def test_wizard_registration_change_mails_the_therapist_too(client_for, profile):
    data = {
        "first_name": "Fenna",
        "last_name": "Drakenstein",
        "profession": profile.profession_id,
        "registration_kind": "big",
        "big_number": "12345678901",
        "practice_name": profile.practice_name,
    }
    client_for(profile.user).post(reverse("directory:therapist_step", kwargs={"step": "profession"}), data)
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.SUBMITTED
    assert len(_review_mails(profile)) == 1


def test_admin_name_change_sends_profile_back_to_review(client_for, profile):
    admin = make_user(Role.ADMINISTRATOR, mfa=True, is_staff=True, is_superuser=True)
    user = profile.user
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = {
        "email": user.email,
        "first_name": "Fenna",
        "last_name": "Anders",
        "preferred_language": "nl",
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "role_grants-TOTAL_FORMS": "1",
        "role_grants-INITIAL_FORMS": "1",
        "role_grants-0-id": user.role_grants.get().pk,
        "role_grants-0-user": user.pk,
        "role_grants-0-role": Role.THERAPIST,
    }
    response = client_for(admin).post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.SUBMITTED
    assert len(_review_mails(profile)) == 1


def test_name_change_of_someone_without_a_verified_profile_changes_nothing(client_for):
    user = make_user(first_name="Fenna", last_name="Drakenstein")
    response = _account_post(client_for(user), last_name="Anders")
    assert "gecontroleerd gegeven" not in response.content.decode()
    assert not OutgoingEmail.objects.exists()
