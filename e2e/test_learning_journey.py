"""A referring professional with a light account enrols in a full training, waits, is offered the place when
someone cancels, accepts, is marked present by the trainer, downloads the certificate and its code verifies.
axe on the calendar, the training page and my trainings; screenshots at 1280 and 320 px."""

import io
import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.learning import services
from drakentemmers.learning.models import Audience, Enrolment, EnrolmentStatus
from drakentemmers.learning.tests.factories import training_with_session
from e2e.conftest import assert_no_axe_violations, log_in

SHOTS = Path("/tmp/shots/learning")  # noqa: S108 - screenshots for people to look at, nothing secret


def _look(page, name: str) -> None:
    assert page.locator("main h1").count() == 1, page.url
    assert_no_axe_violations(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _look_small(page, name: str) -> None:
    """The same page at 320 px: no axe violations and no sideways scrolling; then back to 1280 px."""
    page.set_viewport_size({"width": 320, "height": 800})
    _look(page, f"{name}-320")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} scrolls sideways at 320 px ({width})"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_waitlist_promotion_attendance_and_certificate(page, live_server):
    now = timezone.now()
    training = training_with_session(
        title="Traumasensitief werken voor het wijkteam", starts_at=now - timedelta(hours=1), hours=3, capacity=1
    )
    training_with_session(title="Gehechtheid en trauma voor hbo-professionals", audience=Audience.HBO)
    services.accreditation_set(training=training, body="skj", points=3)
    trainer = make_user(first_name="Tamara", last_name="Trainer")
    training.trainers.add(trainer)
    holder = make_user(first_name="Henk", last_name="Houder")
    services.training_enrol(training=training, user=holder, audience=Audience.REFERRING)
    referrer = make_user(first_name="Fleur", last_name="Verwijzer")  # a light account: no role

    # The public calendar, filtered, with axe
    page.goto("/scholing/")
    _look(page, "calendar-1280")
    page.get_by_label("Doelgroep").select_option("referring")
    page.get_by_role("button", name="Scholingen tonen").click()
    page.wait_for_url(re.compile(r"audience=referring"))
    expect(page.get_by_role("link", name="Traumasensitief werken voor het wijkteam")).to_be_visible()
    expect(page.get_by_role("link", name="Gehechtheid en trauma voor hbo-professionals")).to_have_count(0)
    expect(page.get_by_text("Vol: wachtlijst")).to_be_visible()

    # Fleur enrols in the full training and lands on the waiting list
    log_in(page, referrer.email)
    page.goto(f"/scholing/{training.pk}/")
    _look(page, "training-full-1280")
    page.get_by_label("Verwijzende professionals").check()
    page.get_by_label("Organisatie waar je werkt").fill("Wijkteam Noord")
    page.get_by_role("button", name="Op de wachtlijst").click()
    expect(page.get_by_text("Je bent nummer 1 op de wachtlijst")).to_be_visible()
    _look(page, "training-waitlisted-1280")
    _look_small(page, "training-waitlisted")

    # Henk cancels; the place is offered to Fleur, by e-mail and on the page
    log_in(page, holder.email)
    page.goto(f"/scholing/{training.pk}/")
    page.get_by_role("button", name="Mijn inschrijving annuleren").click()
    expect(page.get_by_text("Je inschrijving is geannuleerd")).to_be_visible()
    log_in(page, referrer.email)
    page.goto(f"/scholing/{training.pk}/")
    expect(page.get_by_text("Er is een plaats voor je vrijgekomen")).to_be_visible()
    _look(page, "training-offered-1280")
    page.get_by_role("button", name="Plaats accepteren").click()
    expect(page.get_by_text("Je hebt de plaats geaccepteerd")).to_be_visible()
    enrolment = Enrolment.objects.get(training=training, user=referrer)
    assert enrolment.status == EnrolmentStatus.ENROLLED

    # The trainer marks Fleur present
    log_in(page, trainer.email)
    page.goto(f"/scholing/{training.pk}/")
    page.get_by_role("link", name=re.compile("Aanwezigheid op")).click()
    page.get_by_label("Fleur Verwijzer").check()
    _look(page, "attendance-1280")
    _look_small(page, "attendance")  # a trainer may well mark attendance on a phone
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("Aanwezigheid opgeslagen: 1 aanwezig")).to_be_visible()

    # Fleur downloads the certificate; its code verifies on the public page
    log_in(page, referrer.email)
    page.goto("/scholing/mijn/")
    _look(page, "my-trainings-1280")
    _look_small(page, "my-trainings")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Certificaat")).click()
    pdf = Path(download_info.value.path()).read_bytes()
    (SHOTS / "certificate.pdf").write_bytes(pdf)  # to render and look at
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    enrolment.refresh_from_db()
    assert "Fleur Verwijzer" in text and "Traumasensitief werken voor het wijkteam" in text
    assert enrolment.certificate_code in text.replace(" ", "")
    page.context.clear_cookies()
    page.goto(f"/scholing/certificaat/{enrolment.certificate_code}/")
    expect(page.get_by_text("Dit certificaat is echt")).to_be_visible()
    expect(page.get_by_text("Fleur Verwijzer")).to_be_visible()
    _look(page, "certificate-verified-1280")

    # Small screens: the calendar and the training page do not scroll sideways
    page.set_viewport_size({"width": 320, "height": 800})
    for url, name in (("/scholing/", "calendar-320"), (f"/scholing/{training.pk}/", "training-320")):
        page.goto(url)
        _look(page, name)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{url} scrolls sideways at 320 px ({width})"


def test_platform_team_publishes_a_training(page, live_server):
    from drakentemmers.accounts.models import Role
    from drakentemmers.accounts.tests.factories import enable_totp

    editor = make_user(Role.EDITOR, first_name="Roos", last_name="Redacteur")
    secret = enable_totp(editor)
    log_in(page, editor.email, secret)
    page.goto("/beheer/scholing/")
    _look(page, "staff-list-1280")
    page.get_by_role("link", name="Nieuwe scholing").click()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    _look(page, "staff-form-errors-1280")
    page.get_by_label("Titel").fill("Traumasensitief werken in Zeeland")
    page.get_by_label("Beschrijving").fill("Basisscholing voor wijkteams en jeugdbescherming.")
    page.get_by_label("Doelgroep").select_option("referring")
    page.get_by_label("Status").select_option("published")
    page.get_by_label("Gemeente van de locatie").fill("Middelburg")
    page.get_by_label("Locatie", exact=True).fill("Zalen De Abdij")
    page.get_by_label("Adres van de locatie").fill("Abdijplein 1")
    page.get_by_label("Dit is een scholingslocatie, geen opvang").check()
    page.get_by_label("Aantal plaatsen").fill("25")
    deadline = (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Inschrijven kan tot").fill(deadline)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De scholing is opgeslagen")).to_be_visible()
    day = (timezone.localdate() + timedelta(days=30)).isoformat()
    page.get_by_label("Datum").fill(day)
    page.get_by_label("Begintijd").fill("09:30")
    page.get_by_label("Eindtijd").fill("13:00")
    page.get_by_role("button", name="Bijeenkomst toevoegen").click()
    expect(page.get_by_text("De bijeenkomst is toegevoegd")).to_be_visible()
    page.locator("#id_points-body").select_option("skj")
    page.locator("#id_points-points").fill("4")
    page.get_by_role("button", name="Punten opslaan").click()
    _look(page, "staff-parts-1280")
    page.goto("/beheer/scholing/cijfers/")
    _look(page, "staff-figures-1280")
    page.goto("/scholing/")
    expect(page.get_by_role("link", name="Traumasensitief werken in Zeeland")).to_be_visible()
