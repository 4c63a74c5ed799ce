"""Photos are served only through a permission check, never as a public media file."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory import services
from drakentemmers.directory.models import OrganisationMembership, VerificationStatus
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory
from drakentemmers.directory.tests.profile_helpers import image_upload


@pytest.fixture
def therapist(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    profile = TherapistProfileFactory()
    services.therapist_photo_set(profile=profile, content=services.photo_process(upload=image_upload(size=(400, 400))))
    return profile


def verified_staff():
    user = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembership.objects.create(organisation=OrganisationFactory(), user=user)
    return user


def test_verified_organisation_staff_gets_the_image(therapist, client_for):
    response = client_for(verified_staff()).get(reverse("directory:therapist_photo", args=[therapist.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (400, 400)


def test_the_therapist_sees_their_own_photo(therapist, client_for):
    assert client_for(therapist.user).get(reverse("directory:therapist_photo", args=[therapist.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["nobody", "unverified_staff"])
def test_strangers_get_404(therapist, client_for, persona):
    if persona == "nobody":
        user = make_user()
    else:
        user = make_user(Role.ORG_STAFF, mfa=True)
        OrganisationMembership.objects.create(
            organisation=OrganisationFactory(status=VerificationStatus.SUBMITTED, verified_at=None), user=user
        )
    assert client_for(user).get(reverse("directory:therapist_photo", args=[therapist.pk])).status_code == 404


def test_anonymous_is_sent_to_login(therapist, client):
    response = client.get(reverse("directory:therapist_photo", args=[therapist.pk]))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_no_public_media_url_serves_the_file(therapist, client):
    assert client.get("/media/" + therapist.photo.name).status_code == 404


def test_profile_without_photo_gives_404(db, client_for):
    profile = TherapistProfileFactory()
    assert client_for(profile.user).get(reverse("directory:therapist_photo", args=[profile.pk])).status_code == 404
