"""The directory journey: a therapist fills the wizard, the platform team verifies, organisation staff find the
therapist by postcode and send a message, the therapist reads it. axe checks every page on the way."""

import io
import re

import pytest
from django.core import mail
from PIL import Image

from drakentemmers.accounts.models import Role, User
from drakentemmers.accounts.tests.factories import PASSWORD, enable_totp, make_user
from drakentemmers.conversations.models import Thread
from drakentemmers.directory.models import TherapistProfile
from drakentemmers.directory.tests import factories as f
from e2e.conftest import check, log_in

THERAPIST_EMAIL = "fenna.drakenstein@example.nl"


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 1200), (60, 120, 160)).save(buffer, format="JPEG")
    return buffer.getvalue()


def save_and_continue(page) -> None:
    page.get_by_role("button", name="Opslaan en verder").click()
    page.wait_for_load_state()


def sign_up_as_therapist(page, live_server) -> None:
    """From the public 'for therapists' page through allauth's sign-up and e-mail check into the wizard."""
    page.goto("/voor-behandelaars/")
    page.get_by_role("link", name="Aanmelden als behandelaar").click()
    page.wait_for_url(re.compile(r"/account/signup/\?next=/netwerk/behandelaar/aanmelden/$"))
    page.get_by_label("E-mail").fill(THERAPIST_EMAIL)
    page.get_by_label("Voornaam").fill("Fenna")
    page.get_by_label("Achternaam").fill("Drakenstein")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/account/confirm-email/"))
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    assert link.startswith(live_server.url)
    page.goto(link)
    page.locator("main form button[type=submit]").click()
    # The sign-up link carried ?next= to the wizard; it survives the e-mail confirmation.
    page.wait_for_url(re.compile(r"/netwerk/mijn-profiel/stap/profession/$"))


def fill_wizard(page) -> None:
    assert page.get_by_label("Voornaam").input_value() == "Fenna"
    page.get_by_label("Beroep").select_option(label="GZ-psycholoog")
    page.get_by_label("BIG-register", exact=True).check()
    page.get_by_label("BIG-nummer").fill("12345")
    page.get_by_label("Praktijk of werkgever").fill("Praktijk De Brug")
    save_and_continue(page)
    # Wrong length: a Dutch message, and what was typed is still there.
    assert "precies 11 cijfers" in page.locator("main").inner_text()
    assert page.get_by_label("Praktijk of werkgever").input_value() == "Praktijk De Brug"
    check(page, "directory-wizard-profession-error")
    page.get_by_label("BIG-nummer").fill("12345678901")
    save_and_continue(page)

    page.wait_for_url(re.compile(r"/stap/area/$"))
    page.get_by_label("Werkgebied toevoegen").fill("3511")
    page.get_by_role("button", name="Werkgebied toevoegen").click()
    page.get_by_text("3511 Utrecht").wait_for()
    page.get_by_label("Werkgebied toevoegen").fill("Atlantis")
    page.get_by_role("button", name="Werkgebied toevoegen").click()
    assert "We kennen geen gemeente of plaats" in page.locator("main").inner_text()
    check(page, "directory-wizard-area")
    page.get_by_label("Werkgebied toevoegen").fill("")
    save_and_continue(page)

    page.wait_for_url(re.compile(r"/stap/offer/$"))
    for label in ("Ambulant", "Online", "4–12 jaar", "Kinderen als getuige", "EMDR", "KIDNET", "Trauma"):
        page.get_by_label(label, exact=True).check()
    page.locator("input[name=languages]").first.check()
    check(page, "directory-wizard-offer")
    save_and_continue(page)

    page.wait_for_url(re.compile(r"/stap/availability/$"))
    page.get_by_label("Neemt nieuwe cliënten aan", exact=True).check()
    page.get_by_label("vrije plekken voor kinderen en jongeren").fill("2")
    page.get_by_label("gebruikelijke wachttijd (weken)").fill("3")
    save_and_continue(page)

    page.wait_for_url(re.compile(r"/stap/presentation/$"))
    page.get_by_label("korte bio").fill("Ik behandel kinderen die huiselijk geweld hebben meegemaakt.")
    page.get_by_label("Foto (niet verplicht)").set_input_files(
        files=[{"name": "portret.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    check(page, "directory-wizard-presentation")
    save_and_continue(page)

    page.wait_for_url(re.compile(r"/mijn-profiel/controleren/$"))
    assert "100% compleet" in page.locator("main").inner_text()
    check(page, "directory-wizard-review")
    page.get_by_role("button", name="Indienen ter verificatie").click()
    page.wait_for_url(re.compile(r"/mijn-profiel/$"))
    assert "Ingediend ter verificatie" in page.locator("main").inner_text()
    check(page, "directory-my-profile")


@pytest.mark.django_db(transaction=True)
def test_directory_journey(page, live_server):
    sign_up_as_therapist(page, live_server)
    therapist_user = User.objects.get(email=THERAPIST_EMAIL)
    fill_wizard(page)
    profile = TherapistProfile.objects.get(user=therapist_user)
    assert profile.status == "submitted" and profile.photo.width == 800

    verifier = make_user(Role.VERIFIER)
    log_in(page, verifier.email, enable_totp(verifier))
    page.get_by_role("link", name="Verificatie").first.click()
    page.wait_for_url(re.compile(r"/netwerk/verificatie/$"))
    check(page, "directory-verification-queue")
    page.get_by_role("link", name="Fenna Drakenstein").click()
    page.wait_for_url(re.compile(r"/verificatie/behandelaars/\d+/$"))
    check(page, "directory-verification-therapist")
    page.get_by_label("Gecontroleerd in het BIG-register").check()
    page.get_by_label("Ik heb de registratie en het profiel gecontroleerd").check()
    page.get_by_role("button", name="Verifiëren").click()
    page.wait_for_url(re.compile(r"/netwerk/verificatie/$"))
    assert "Er wachten geen behandelaars." in page.locator("main").inner_text()
    profile.refresh_from_db()
    assert profile.status == "verified" and profile.verified_by == verifier

    staff = make_user(Role.ORG_STAFF, first_name="Sanne", last_name="de Vries")
    f.OrganisationMembershipFactory(user=staff, organisation__name="Vrouwenopvang Utrecht")
    log_in(page, staff.email, enable_totp(staff))
    page.goto("/netwerk/zoeken/")
    page.get_by_label("Postcode of gemeente").fill("3512")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.wait_for_url(re.compile(r"place=3512"))
    results = page.locator("#search-results")
    results.get_by_role("link", name="Fenna Drakenstein").click()
    page.wait_for_url(re.compile(rf"/netwerk/behandelaars/{profile.pk}/$"))
    main = page.locator("main").inner_text()
    assert therapist_user.email not in main and "EMDR" in main
    check(page, "directory-therapist-profile")
    page.get_by_label("Onderwerp").fill("Verwijzing kind (7) uit de opvang")
    page.locator("textarea[name=body]").fill("Heeft u binnen drie weken plek voor een kind van 7 jaar?")
    page.get_by_role("button", name="Bericht versturen").click()
    page.wait_for_url(re.compile(r"/berichten/\d+/$"))
    check(page, "directory-conversation-staff")
    assert Thread.objects.get().about == profile

    log_in(page, therapist_user.email)
    page.get_by_role("link", name=re.compile(r"^Berichten\s*,\s*1 gesprek heeft een ongelezen bericht$")).first.click()
    page.wait_for_url(re.compile(r"/berichten/$"))
    assert "Ongelezen" in page.locator("main").inner_text()
    check(page, "directory-inbox")
    page.get_by_role("link", name="Verwijzing kind (7) uit de opvang").click()
    page.get_by_label("Bericht").fill("Ja, vanaf maandag heb ik plek.")
    page.get_by_role("button", name="Antwoord versturen").click()
    page.get_by_text("Je bericht is verstuurd.").wait_for()
    check(page, "directory-conversation-therapist")


@pytest.mark.django_db(transaction=True)
def test_organisation_signs_up_and_is_verified(page):
    founder = make_user(first_name="Ayla", last_name="Bos", email="ayla@gmail.com")
    log_in(page, founder.email)
    page.get_by_role("link", name="Organisatie aanmelden").click()
    page.wait_for_url(re.compile(r"/netwerk/organisaties/aanmelden/$"))
    assert page.locator("input[name*=street], input[name*=address], input[name*=straat]").count() == 0
    page.get_by_label("naam", exact=False).first.fill("Vrouwenopvang Zuid")
    page.get_by_label("soort organisatie").select_option("womens_shelter")
    page.get_by_label("KvK-nummer").fill("1234567")
    page.get_by_label("contactpersoon", exact=False).first.fill("Ayla Bos")
    page.get_by_label("e-mailadres contactpersoon").fill("info@opvangzuid.nl")
    page.get_by_label("Gemeente of postcode (4 cijfers)").fill("5611")
    page.get_by_role("button", name="Organisatie aanmelden").click()
    assert "Een KvK-nummer bestaat uit precies 8 cijfers." in page.locator("main").inner_text()
    assert page.get_by_label("Gemeente of postcode (4 cijfers)").input_value() == "5611"
    check(page, "directory-organisation-form-error")
    page.get_by_label("KvK-nummer").fill("12345678")
    page.get_by_role("button", name="Organisatie aanmelden").click()
    # Now organisation staff: two-factor authentication first (allauth asks for the password again before that).
    page.wait_for_url(re.compile(r"/account/reauthenticate/\?next=%2Faccount%2F2fa%2Ftotp%2Factivate%2F$"))

    verifier = make_user(Role.VERIFIER)
    log_in(page, verifier.email, enable_totp(verifier))
    page.goto("/netwerk/verificatie/")
    page.get_by_role("link", name="Vrouwenopvang Zuid").click()
    main = page.locator("main").inner_text()
    assert "opvangzuid.nl" in main and "gmail.com" in main and "ander domein" in main
    check(page, "directory-verification-organisation")
    page.get_by_label("Ik heb het KvK-nummer").check()
    page.get_by_role("button", name="Verifiëren").click()
    page.wait_for_url(re.compile(r"/netwerk/verificatie/$"))
    assert "Er wachten geen organisaties." in page.locator("main").inner_text()

    log_in(page, founder.email, enable_totp(founder))
    page.get_by_role("link", name="Mijn organisatie").first.click()
    page.wait_for_url(re.compile(r"/netwerk/organisaties/\d+/$"))
    page.get_by_label("E-mailadres van je collega").fill("collega@opvangzuid.nl")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text("De uitnodiging is verstuurd.").wait_for()
    check(page, "directory-organisation-detail")
