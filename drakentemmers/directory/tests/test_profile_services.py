import io
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory import services
from drakentemmers.directory.models import Profession, RegistrationKind, TherapistProfile, VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.directory.tests.profile_helpers import complete_draft, image_upload
from drakentemmers.regions.selectors import place_resolve

pytestmark = pytest.mark.django_db


def test_submit_grants_therapist_role_and_sets_submitted():
    profile = complete_draft()
    assert not profile.user.has_role(Role.THERAPIST)
    services.therapist_profile_submit(profile=profile)
    profile.refresh_from_db()
    profile.user.__dict__.pop("roles", None)
    assert profile.status == VerificationStatus.SUBMITTED
    assert profile.submitted_at is not None
    assert profile.user.has_role(Role.THERAPIST)


def test_submit_fails_when_incomplete_and_says_what_is_missing():
    profile = complete_draft()
    profile.methods.clear()
    profile.locations.all().delete()
    with pytest.raises(ValidationError) as error:
        services.therapist_profile_submit(profile=profile)
    text = " ".join(error.value.messages)
    assert "werkgebied" in text and "behandelmethode" in text
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.DRAFT


def test_missing_lists_each_part_and_completeness_reaches_100():
    profile = complete_draft()
    assert services.therapist_profile_missing(profile) == []
    assert services.therapist_profile_completeness(profile) == 100
    profile.bio = ""
    profile.availability_confirmed_at = None
    steps = [step for step, _text in services.therapist_profile_missing(profile)]
    assert steps == ["availability", "presentation"]
    assert services.therapist_profile_completeness(profile) == 80  # 8 of 10 checks


def test_an_empty_profile_is_at_0_percent_and_misses_every_check():
    profile = TherapistProfile.objects.create(user=make_user())
    assert services.therapist_profile_completeness(profile) == 0
    missing = services.therapist_profile_missing(profile)
    assert [step for step, _text in missing] == [check.step for check in services.PROFILE_CHECKS]
    assert [str(text) for _step, text in missing][:3] == [
        "Je naam en je beroep",
        "Je registratie (BIG, NIP, NVO of in opleiding)",
        "Minstens één werkgebied",
    ]


def _set(**fields):
    return lambda profile: TherapistProfile.objects.filter(pk=profile.pk).update(**fields)


NO_SETTINGS = {"offers_in_shelter": False, "offers_outpatient": False, "offers_online": False}
NO_AGES = {"treats_age_0_4": False, "treats_age_4_12": False, "treats_age_12_18": False, "treats_age_18_plus": False}
# One way to break each check, in PROFILE_CHECKS order.
BREAKERS = [
    _set(profession=None),
    _set(big_number=""),
    lambda profile: profile.locations.all().delete(),
    _set(**NO_SETTINGS),
    _set(**NO_AGES),
    lambda profile: profile.target_groups.clear(),
    lambda profile: profile.methods.clear(),
    lambda profile: profile.languages.clear(),
    _set(availability_confirmed_at=None),
    _set(bio="  "),
]


@pytest.mark.parametrize("index", range(len(BREAKERS)))
def test_missing_lists_exactly_the_failing_check(index):
    """Break one check at a time on a complete profile: exactly that one is listed, at 90 %."""
    assert len(BREAKERS) == len(services.PROFILE_CHECKS)
    profile = complete_draft()
    BREAKERS[index](profile)
    profile = TherapistProfile.objects.select_related("user").get(pk=profile.pk)
    check = services.PROFILE_CHECKS[index]
    assert services.therapist_profile_missing(profile) == [(check.step, check.describe(profile))]
    assert services.therapist_profile_completeness(profile) == 90


def test_trainee_needs_supervisor_before_submit():
    profile = complete_draft()
    profile.registration_kind = RegistrationKind.TRAINEE
    profile.supervisor_name = ""
    profile.save()
    assert ("profession", "De naam van je supervisor") in [
        (step, str(text)) for step, text in services.therapist_profile_missing(profile)
    ]


def test_changing_profession_of_verified_profile_sends_it_back_to_review():
    profile = TherapistProfileFactory()
    assert profile.status == VerificationStatus.VERIFIED
    other = Profession.objects.get(slug="psychotherapeut")
    services.therapist_profile_update(profile=profile, fields={"profession_id": other.pk})
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.SUBMITTED
    assert profile.verified_at is None and profile.verification_method == ""


def test_changing_big_number_of_verified_profile_sends_it_back_to_review():
    profile = TherapistProfileFactory()
    services.therapist_profile_update(profile=profile, fields={"big_number": "99999999999"})
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.SUBMITTED


def test_changing_bio_or_unchanged_facts_keeps_verified():
    profile = TherapistProfileFactory()
    services.therapist_profile_update(
        profile=profile,
        fields={"bio": "Nieuw", "profession_id": profile.profession_id, "big_number": profile.big_number},
    )
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.VERIFIED


def test_changing_facts_of_draft_keeps_draft():
    profile = complete_draft()
    services.therapist_profile_update(profile=profile, fields={"big_number": "11111111111"})
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.DRAFT


def test_verify_records_method_verifier_time_audit_and_mail(verifier_user, django_capture_on_commit_callbacks):
    profile = complete_draft()
    services.therapist_profile_submit(profile=profile)
    with django_capture_on_commit_callbacks(execute=True):
        services.therapist_verify(profile=profile, verifier=verifier_user, method="BIG-register: 1 nov")
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.VERIFIED
    assert profile.verification_method == "BIG-register: 1 nov"
    assert profile.verified_by == verifier_user and profile.verified_at is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [profile.user.email]
    assert "geverifieerd" in mail.outbox[0].subject
    entries = LogEntry.objects.get_for_object(profile)
    assert any("status" in (entry.changes_dict or {}) for entry in entries)


def test_verify_requires_submitted_status_and_a_method(verifier_user):
    profile = complete_draft()
    with pytest.raises(ValidationError):
        services.therapist_verify(profile=profile, verifier=verifier_user, method="BIG-register")
    services.therapist_profile_submit(profile=profile)
    with pytest.raises(ValidationError):
        services.therapist_verify(profile=profile, verifier=verifier_user, method="  ")


def test_reject_needs_reason_and_mails_it_in_dutch(verifier_user, django_capture_on_commit_callbacks):
    profile = complete_draft()
    services.therapist_profile_submit(profile=profile)
    with pytest.raises(ValidationError):
        services.therapist_reject(profile=profile, verifier=verifier_user, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.therapist_reject(profile=profile, verifier=verifier_user, reason="BIG-nummer niet gevonden")
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.REJECTED
    assert "BIG-nummer niet gevonden" in mail.outbox[0].body
    assert "Het platformteam kon je profiel nog niet verifiëren" in mail.outbox[0].body
    # A rejected profile can be corrected and submitted again.
    services.therapist_profile_submit(profile=profile)
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.SUBMITTED and profile.rejection_reason == ""


def test_photo_is_resized_and_stripped_of_exif():
    upload = image_upload(size=(2400, 1200))
    assert Image.open(io.BytesIO(upload.read())).getexif()
    content = services.photo_process(upload=upload)
    image = Image.open(io.BytesIO(content.read()))
    assert max(image.size) == 800 and image.size == (800, 400)
    assert not image.getexif()
    assert "exif" not in image.info
    assert content.name.endswith(".jpg")


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(fmt):
    content = services.photo_process(upload=image_upload(name="x", fmt=fmt, size=(300, 300)))
    assert Image.open(io.BytesIO(content.read())).format == fmt


def test_gif_and_non_images_and_oversized_files_are_refused():
    with pytest.raises(ValidationError, match="JPEG, PNG of WebP"):
        services.photo_process(upload=image_upload(name="x.gif", fmt="GIF", exif=False))
    with pytest.raises(ValidationError, match="geen foto"):
        services.photo_process(upload=SimpleUploadedFile("cv.jpg", b"%PDF-1.4 not an image", "image/jpeg"))
    big = SimpleUploadedFile("big.jpg", b"\xff" * (5 * 1024 * 1024 + 1), "image/jpeg")
    with pytest.raises(ValidationError, match="5 MB"):
        services.photo_process(upload=big)


def test_location_add_is_idempotent_and_limited():
    profile = complete_draft()
    place = place_resolve("3511")
    first = services.therapist_location_add(profile=profile, place=place)
    assert services.therapist_location_add(profile=profile, place=place) == first
    assert profile.locations.count() == 1
    municipality = services.therapist_location_add(profile=profile, place=place_resolve("Utrecht"))
    assert municipality.postcode_area is None and profile.locations.count() == 2


def test_availability_update_and_confirm_renew_the_date():
    profile = TherapistProfileFactory(availability_confirmed_at=timezone.now() - timedelta(days=60))
    assert profile.availability_is_stale
    services.availability_confirm(profile=profile)
    profile.refresh_from_db()
    assert not profile.availability_is_stale
    services.availability_update(profile=profile, fields={"accepting": "no", "waiting_weeks": 12})
    profile.refresh_from_db()
    assert profile.accepting == "no" and profile.waiting_weeks == 12


def test_availability_reminders_once_per_four_weeks(django_capture_on_commit_callbacks):
    now = timezone.now()
    stale = TherapistProfileFactory(availability_confirmed_at=now - timedelta(days=29))
    TherapistProfileFactory(availability_confirmed_at=now)
    TherapistProfileFactory(status="submitted", availability_confirmed_at=now - timedelta(days=90))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.availability_reminders_send(now=now) == 1
    assert [m.to for m in mail.outbox] == [[stale.user.email]]
    assert "beschikbaarheid" in mail.outbox[0].subject.lower()
    assert "/netwerk/mijn-profiel/beschikbaarheid/" in mail.outbox[0].body
    # Not again within four weeks...
    assert services.availability_reminders_send(now=now + timedelta(days=27)) == 0
    # ...but again after four weeks when still not confirmed (and now the other one is stale too).
    assert services.availability_reminders_send(now=now + timedelta(days=29)) == 2


def test_reminder_task_and_command_call_the_service(capsys):
    from django.core.management import call_command

    from drakentemmers.directory.tasks import availability_reminders

    TherapistProfileFactory(availability_confirmed_at=None)
    result = availability_reminders.enqueue()
    assert result.return_value == 1
    call_command("send_availability_reminders")
    assert "0 availability reminder(s) queued." in capsys.readouterr().out
