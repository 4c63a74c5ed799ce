"""Helpers for the profile tests: a complete draft profile, image files for upload tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import Language, Method, Profession, TargetGroup, TherapistProfile
from drakentemmers.directory.tests.factories import TherapistProfileFactory, work_location_add


def complete_draft(user=None) -> TherapistProfile:
    """A draft profile with everything required filled in, ready to submit (vocabulary from the data migration)."""
    user = user or make_user(first_name="Fenna", last_name="Drakenstein")
    profile = TherapistProfileFactory(
        user=user,
        status="draft",
        verified_at=None,
        profession=Profession.objects.get(slug="gz-psycholoog"),
        big_number="12345678901",
        bio="Ik behandel kinderen na huiselijk geweld.",
        treats_age_4_12=True,
        therapist_role=False,
        locations=[],
    )
    work_location_add(profile, "3511")
    profile.target_groups.set([TargetGroup.objects.get(slug="kinderen-als-getuige")])
    profile.methods.set([Method.objects.get(slug="emdr")])
    profile.languages.set([Language.objects.get(slug="nl")])
    return profile


def image_upload(name="foto.jpg", fmt="JPEG", size=(1600, 1200), exif=True) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 80, 40))
    buffer = io.BytesIO()
    kwargs = {}
    if exif and fmt in ("JPEG", "WEBP"):
        exif_data = Image.Exif()
        exif_data[0x010F] = "CameraMaker"  # Make
        exif_data[0x8825] = {2: (52.0, 5.0, 0.0)}  # GPS IFD
        kwargs["exif"] = exif_data.tobytes()
    image.save(buffer, format=fmt, **kwargs)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
