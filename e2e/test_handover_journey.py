"""After the match: the organisation opens the handover, records next steps and prints the summary; the
therapist sees the same plan. At 1280 and 320 px, axe on every page, screenshots in e2e/artifacts/."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import enable_totp, make_user
from drakentemmers.directory.models import OrganisationMembership
from drakentemmers.directory.tests import factories as f
from drakentemmers.matching import services
from drakentemmers.matching.tests.factories import request_data
from e2e.conftest import check, log_in


def _matched_request():
    organisation = f.OrganisationFactory(name="Vrouwenopvang Het Baken", contact_name="Petra de Vries")
    staff = make_user(Role.ORG_STAFF, first_name="Sanne", last_name="Opvang")
    OrganisationMembership.objects.create(organisation=organisation, user=staff)
    secret = enable_totp(staff)
    kim = f.TherapistProfileFactory(
        user__first_name="Kim",
        user__last_name="Behandelaar",
        practice_name="Praktijk De Linde",
        methods=["emdr"],
        target_groups=["slachtoffers"],
        locations=["1013"],
    )
    cr = services.care_request_create(
        organisation=organisation, created_by=staff, kind="client_request", data=request_data()
    )
    services.care_request_publish(care_request=cr, by=staff)
    candidacy = services.candidacies_create(care_request=cr, therapist_ids=[kim.pk], by=staff)[0]
    services.candidacy_accept(candidacy=candidacy)
    services.match_confirm(candidacy=candidacy, by=staff)
    return cr, staff, secret, kim


def test_handover_journey(page, live_server):
    cr, staff, secret, kim = _matched_request()
    log_in(page, staff.email, secret)
    page.goto(f"/hulpvragen/{cr.pk}/")
    page.get_by_role("link", name="Naar de overdracht").click()
    page.wait_for_url(re.compile(rf"/hulpvragen/{cr.pk}/overdracht/$"))
    expect(page.get_by_text("Petra de Vries")).to_be_visible()
    expect(page.get_by_text("Praktijk De Linde")).to_be_visible()
    check(page, "handover-organisation-1280")

    # A name in the next steps is caught by the privacy guard first
    page.get_by_role("textbox", name="Afgesproken vervolgstappen").fill("Mevrouw Jansen belt maandag")
    page.get_by_role("button", name="Vervolgstappen opslaan").click()
    expect(page.locator("#privacy-alert")).to_be_visible()
    assert page.locator("[data-error-summary]").evaluate("el => el === document.activeElement")
    check(page, "handover-privacy-guard-1280")
    page.get_by_role("textbox", name="Afgesproken vervolgstappen").fill("Kennismaking in de opvang, maandag 10 uur")
    page.get_by_role("button", name="Vervolgstappen opslaan").click()
    expect(page.get_by_text("De vervolgstappen zijn opgeslagen")).to_be_visible()

    pdf = page.request.get(f"/hulpvragen/{cr.pk}/overdracht.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    assert pdf.headers["cache-control"] == "private, no-store"
    # Read back what a printed copy says: both contacts and the plan, nothing typed about the client.
    text = " ".join(" ".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf.body())).pages).split())
    for expected in ("Petra de Vries", "Praktijk De Linde", "Kennismaking in de opvang, maandag 10 uur"):
        assert expected in text, expected
    assert cr.title not in text and cr.context not in text

    # The matched request no longer asks to be published
    page.goto(f"/hulpvragen/{cr.pk}/kandidaten/")
    expect(page.get_by_text("Publiceer de hulpvraag eerst")).to_have_count(0)
    check(page, "candidates-matched-1280")

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/hulpvragen/{cr.pk}/")
    menu = page.locator("summary.dt-nav__toggle")
    assert menu.is_visible()
    assert not page.get_by_role("link", name="Mijn account").is_visible()
    menu.click()
    expect(page.get_by_role("link", name="Mijn account")).to_be_visible()
    check(page, "request-detail-matched-320")
    page.goto(f"/hulpvragen/{cr.pk}/overdracht/")
    check(page, "handover-organisation-320")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the handover page scrolls sideways at 320 px ({width})"

    # The therapist sees the same plan
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, kim.user.email)
    page.goto(f"/hulpvragen/{cr.pk}/overdracht/")
    expect(page.get_by_text("Kennismaking in de opvang, maandag 10 uur")).to_be_visible()
    assert page.get_by_role("textbox", name="Afgesproken vervolgstappen").count() == 0
    check(page, "handover-therapist-1280")
