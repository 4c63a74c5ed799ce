"""Disk full (issue #24): the server's storage refusing the photo, or the database refusing the row. The therapist
gets the wizard step back with what they typed and a Dutch message, never a 500, and nothing is half-saved: not
the text of a step whose photo failed, nor a removed previous photo (core/disk_full.py)."""

import errno
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError
from django.urls import reverse

from drakentemmers.directory import services
from drakentemmers.directory.models import TherapistProfile
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.directory.tests.profile_helpers import image_upload

pytestmark = pytest.mark.django_db

MESSAGE = "de opslag van het platform is vol"
DISK_FULL_DB = 'could not extend file "base/16384/2619": No space left on device'


@pytest.fixture
def profile(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    profile = TherapistProfileFactory(bio="De oude bio.", contact_preferences="Oud")
    services.therapist_photo_set(profile=profile, content=services.photo_process(upload=image_upload()))
    return profile


def _storage_full(self, name, content):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_photo_on_a_full_disk_keeps_the_text_the_old_photo_and_saves_nothing(profile, client_for):
    old_photo = profile.photo.name
    url = reverse("directory:therapist_step", kwargs={"step": "presentation"})
    typed = {"bio": "Mijn nieuwe bio blijft staan.", "contact_preferences": "Via bericht", "public_profile": "on"}
    with mock.patch.object(FileSystemStorage, "_save", _storage_full):
        response = client_for(profile.user).post(url, {**typed, "photo_upload": image_upload()})
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in html
    assert "Mijn nieuwe bio blijft staan." in html and 'value="Via bericht"' in html
    profile.refresh_from_db()
    assert profile.bio == "De oude bio." and profile.contact_preferences == "Oud"  # the text step rolled back
    assert profile.photo.name == old_photo and profile.photo.storage.exists(old_photo)


def test_a_full_database_on_a_plain_step_keeps_the_text_and_saves_nothing(profile, client_for):
    url = reverse("directory:therapist_step", kwargs={"step": "presentation"})
    typed = {"bio": "Een bio die de database niet kwijt kon.", "contact_preferences": "Bel me"}
    with mock.patch.object(TherapistProfile, "save", side_effect=OperationalError(DISK_FULL_DB)):
        response = client_for(profile.user).post(url, typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in html and "Een bio die de database niet kwijt kon." in html and 'value="Bel me"' in html
    profile.refresh_from_db()
    assert profile.bio == "De oude bio."


def test_a_new_photo_replaces_the_old_file_once_committed(profile, django_capture_on_commit_callbacks):
    old_photo = profile.photo.name
    storage = profile.photo.storage
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.therapist_photo_set(profile=profile, content=services.photo_process(upload=image_upload()))
    assert profile.photo.name != old_photo and storage.exists(old_photo)  # not before the commit
    for callback in callbacks:
        callback()
    assert not storage.exists(old_photo) and storage.exists(profile.photo.name)


def test_other_storage_errors_are_not_called_a_full_disk(profile, client_for):
    url = reverse("directory:therapist_step", kwargs={"step": "presentation"})

    def refused(self, name, content):
        raise PermissionError(errno.EACCES, "Permission denied")

    with mock.patch.object(FileSystemStorage, "_save", refused), pytest.raises(PermissionError):
        client_for(profile.user).post(url, {"bio": "x", "photo_upload": image_upload()})


def test_an_invitation_whose_email_cannot_be_queued_is_not_saved_and_the_address_stays(client_for):
    """The outbox row cannot be written (a full database): no invitation without its e-mail, the form keeps the
    address. (The mail server refusing a queued e-mail is core/tests/test_process_kills.py's story: it is retried.)"""
    from drakentemmers.accounts.models import Role
    from drakentemmers.accounts.tests.factories import make_user
    from drakentemmers.core.models import OutgoingEmail
    from drakentemmers.directory.models import OrganisationInvitation, OrganisationMembership
    from drakentemmers.directory.tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    admin = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembership.objects.create(organisation=organisation, user=admin, is_admin=True)
    url = reverse("directory:organisation_detail", args=[organisation.pk])
    with mock.patch.object(OutgoingEmail, "save", side_effect=OperationalError(DISK_FULL_DB)):
        response = client_for(admin).post(url, {"email": "nieuw@opvang.nl"})
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in html and 'value="nieuw@opvang.nl"' in html
    assert not OrganisationInvitation.objects.exists() and not OutgoingEmail.objects.exists()
