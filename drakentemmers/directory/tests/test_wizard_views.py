"""The therapist sign-up wizard through plain form posts (no JavaScript), including bad input."""

import pytest
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory import services
from drakentemmers.directory.models import Language, Method, Profession, TargetGroup, TherapistProfile
from drakentemmers.directory.tests.profile_helpers import image_upload

pytestmark = pytest.mark.django_db


def step_url(step: str) -> str:
    return reverse("directory:therapist_step", kwargs={"step": step})


PROFESSION = {
    "first_name": "Fenna",
    "last_name": "Drakenstein",
    "registration_kind": "big",
    "big_number": "1234 5678 901",
    "practice_name": "Praktijk De Brug",
}


@pytest.fixture
def user_client(client_for):
    user = make_user(first_name="", last_name="")
    return user, client_for(user)


def test_start_requires_login(client):
    response = client.get(reverse("directory:therapist_start"))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_full_wizard_then_submit(user_client):
    user, client = user_client
    response = client.get(reverse("directory:therapist_start"))
    assert response["Location"] == step_url("profession")
    profession = Profession.objects.get(slug="gz-psycholoog")
    response = client.post(step_url("profession"), {**PROFESSION, "profession": profession.pk})
    assert response.status_code == 302 and response["Location"] == step_url("area")
    response = client.post(step_url("area"), {"place": "3511", "travel_radius_km": 30, "add_location": "1"})
    assert response["Location"] == step_url("area")
    response = client.post(step_url("area"), {"place": "Amersfoort", "travel_radius_km": 30})
    assert response["Location"] == step_url("offer")
    response = client.post(
        step_url("offer"),
        {
            "settings": ["outpatient", "online"],
            "ages": ["4-12", "12-18"],
            "target_groups": [TargetGroup.objects.get(slug="kinderen-als-getuige").pk],
            "methods": [Method.objects.get(slug="emdr").pk, Method.objects.get(slug="kidnet").pk],
            "languages": [Language.objects.get(slug="nl").pk, Language.objects.get(slug="ar").pk],
        },
    )
    assert response["Location"] == step_url("availability")
    response = client.post(
        step_url("availability"),
        {"accepting": "limited", "free_places_adults": 0, "free_places_children": 2, "waiting_weeks": 3},
    )
    assert response["Location"] == step_url("presentation")
    response = client.post(
        step_url("presentation"),
        {"bio": "Ik behandel kinderen.", "contact_preferences": "Via bericht", "photo_upload": image_upload()},
    )
    assert response["Location"] == reverse("directory:therapist_review")
    profile = TherapistProfile.objects.get(user=user)
    assert profile.big_number == "12345678901"
    assert sorted(str(loc) for loc in profile.locations.all()) == ["3511 Utrecht", "Amersfoort"]
    assert profile.offers_online and profile.offers_outpatient and not profile.offers_in_shelter
    assert profile.treats_age_4_12 and profile.treats_age_12_18 and not profile.treats_age_0_4
    assert profile.photo and profile.photo.width == 800
    review = client.get(reverse("directory:therapist_review"))
    assert review.status_code == 200 and "directory/therapist_review.html" in [t.name for t in review.templates]
    assert "100%" in review.content.decode()
    response = client.post(reverse("directory:therapist_review"))
    assert response["Location"] == reverse("directory:my_profile")
    profile.refresh_from_db()
    user.__dict__.pop("roles", None)
    assert profile.status == "submitted" and user.has_role(Role.THERAPIST)


def test_big_number_of_wrong_length_gives_dutch_error_and_keeps_input(user_client):
    _user, client = user_client
    profession = Profession.objects.get(slug="gz-psycholoog")
    response = client.post(step_url("profession"), {**PROFESSION, "big_number": "12345", "profession": profession.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Een BIG-nummer bestaat uit precies 11 cijfers; je vulde 5 tekens in." in html
    assert 'value="Praktijk De Brug"' in html and 'value="Drakenstein"' in html
    assert TherapistProfile.objects.get().big_number == ""


def test_big_registration_without_number_and_trainee_without_supervisor(user_client):
    _user, client = user_client
    trainee = Profession.objects.get(slug="aankomend-behandelaar")
    response = client.post(
        step_url("profession"),
        {**PROFESSION, "big_number": "", "registration_kind": "trainee", "profession": trainee.pk},
    )
    assert "vul de naam van je supervisor in" in response.content.decode()
    response = client.post(step_url("profession"), {**PROFESSION, "big_number": "", "profession": trainee.pk})
    assert "Vul je BIG-nummer in (11 cijfers)." in response.content.decode()


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("12AB", "is geen geldige postcode"),
        ("0999", "is geen geldige postcode"),
        ("Atlantis", "We kennen geen gemeente of plaats"),
    ],
)
def test_bad_place_gives_message_and_keeps_radius(user_client, place, message):
    _user, client = user_client
    response = client.post(step_url("area"), {"place": place, "travel_radius_km": 42, "add_location": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="42"' in html


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        ("oversized", "de grens is 5 MB"),
        ("pdf", "Dit bestand is geen foto die we kunnen lezen"),
        ("gif", "Alleen foto’s in JPEG, PNG of WebP"),
    ],
)
def test_bad_photo_gives_message_and_keeps_the_rest(user_client, upload, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _user, client = user_client
    files = {
        "oversized": SimpleUploadedFile("groot.jpg", b"\xff\xd8" + b"\0" * (5 * 1024 * 1024 + 10), "image/jpeg"),
        "pdf": SimpleUploadedFile("cv.pdf", b"%PDF-1.7 ...", "application/pdf"),
        "gif": image_upload(name="a.gif", fmt="GIF", exif=False),
    }
    response = client.post(
        step_url("presentation"),
        {"bio": "Mijn bio blijft staan", "contact_preferences": "Bel me niet", "photo_upload": files[upload]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Mijn bio blijft staan" in html and 'value="Bel me niet"' in html
    assert not TherapistProfile.objects.get().photo


def test_adding_an_empty_work_area_says_what_to_fill_in(user_client):
    user, client = user_client
    client.get(reverse("directory:therapist_start"))
    response = client.get(step_url("area"))
    assert "Nog geen werkgebieden. Voeg er minstens één toe." in response.content.decode()
    response = client.post(step_url("area"), {"place": "", "travel_radius_km": 17, "add_location": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul een postcode (4 cijfers) of een gemeente in om een werkgebied toe te voegen." in html
    assert 'href="#id_place"' in html and 'value="17"' in html
    assert not TherapistProfile.objects.get(user=user).locations.exists()
    # "Save and continue" with the field empty is fine: the wizard moves on
    response = client.post(step_url("area"), {"place": "", "travel_radius_km": 17, "next": "1"})
    assert response.status_code == 302


def test_remove_location_and_unknown_step(user_client):
    user, client = user_client
    client.post(step_url("area"), {"place": "3511", "travel_radius_km": 10, "add_location": "1"})
    location = TherapistProfile.objects.get(user=user).locations.get()
    response = client.post(step_url("area"), {"remove_location": location.pk})
    assert response.status_code == 302 and not TherapistProfile.objects.get(user=user).locations.exists()
    assert client.get(step_url("nonsense")).status_code == 404
    assert client.delete(step_url("area")).status_code == 405


def test_submit_incomplete_shows_what_is_missing(user_client):
    _user, client = user_client
    client.get(reverse("directory:therapist_start"))
    response = client.post(reverse("directory:therapist_review"), follow=True)
    html = response.content.decode()
    assert "Je profiel is nog niet compleet" in html and "minstens één werkgebied" in html
    assert TherapistProfile.objects.get().status == "draft"


def test_verified_therapist_changing_registration_goes_back_to_review(client_for):
    from drakentemmers.directory.tests.factories import TherapistProfileFactory

    profile = TherapistProfileFactory()
    client = client_for(profile.user)
    other = Profession.objects.get(slug="klinisch-psycholoog")
    response = client.post(
        step_url("profession"),
        {**PROFESSION, "profession": other.pk, "big_number": profile.big_number},
        follow=True,
    )
    assert "het platformteam controleert ze opnieuw" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == "submitted"


def test_completeness_starts_at_0_and_only_rises_through_the_wizard(client_for):
    user = make_user()  # with the name from sign-up: an untouched profile is still at 0 %
    client = client_for(user)
    client.get(reverse("directory:therapist_start"))
    profile = TherapistProfile.objects.get(user=user)
    figures = [services.therapist_profile_completeness(profile)]
    assert figures == [0]
    page = client.get(step_url("profession"))
    assert page.context["completeness"] == 0 and "Stap 1 van 6 · 0% compleet" in page.content.decode()
    posts = [
        ("profession", {**PROFESSION, "profession": Profession.objects.get(slug="gz-psycholoog").pk}),
        ("area", {"place": "3511", "travel_radius_km": 30}),
        (
            "offer",
            {
                "settings": ["outpatient"],
                "ages": ["4-12"],
                "target_groups": [TargetGroup.objects.get(slug="kinderen-als-getuige").pk],
                "methods": [Method.objects.get(slug="emdr").pk],
                "languages": [Language.objects.get(slug="nl").pk],
            },
        ),
        ("availability", {"accepting": "yes", "free_places_adults": 1, "free_places_children": 0, "waiting_weeks": 0}),
        ("presentation", {"bio": "Ik behandel kinderen.", "contact_preferences": ""}),
    ]
    for step, data in posts:
        assert client.post(step_url(step), data).status_code == 302, step
        profile = TherapistProfile.objects.get(user=user)
        figures.append(services.therapist_profile_completeness(profile))
    assert figures == sorted(figures) and len(set(figures)) == len(figures), figures
    assert figures[-1] == 100
    assert client.get(step_url("offer")).context["completeness"] == 100
