"""Journeys a busy professional finishes without help (issue 18): choosing candidates, a form that says
what is wrong, figures that say what they count, a therapist waiting for verification. Each at 1280 and
320 px where the layout matters, axe on every page, screenshots in e2e/artifacts/."""

import re

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import enable_totp, make_user
from drakentemmers.directory.models import OrganisationMembership, VerificationStatus
from drakentemmers.directory.tests import factories as f
from drakentemmers.matching import services
from drakentemmers.matching.tests.factories import request_data
from e2e.conftest import check, log_in


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} scrolls sideways at {viewport} px ({width})"


def _staff_with_open_request():
    organisation = f.OrganisationFactory(name="Vrouwenopvang Het Baken")
    staff = make_user(Role.ORG_STAFF, first_name="Sanne", last_name="Opvang")
    OrganisationMembership.objects.create(organisation=organisation, user=staff)
    secret = enable_totp(staff)
    cr = services.care_request_create(
        organisation=organisation, created_by=staff, kind="client_request", data=request_data()
    )
    services.care_request_publish(care_request=cr, by=staff)
    return cr, staff, secret


def test_choosing_a_candidate_from_the_profile(page, live_server):
    cr, staff, secret = _staff_with_open_request()
    f.TherapistProfileFactory(
        user__first_name="Kim", user__last_name="Behandelaar", methods=["emdr"], target_groups=["slachtoffers"]
    )
    log_in(page, staff.email, secret)
    page.goto(f"/hulpvragen/{cr.pk}/kandidaten/")
    main = page.locator("main").inner_text()
    assert "Past:" in main and "EMDR ✓" in main
    check(page, "candidates-1280")
    page.get_by_role("link", name="Kim Behandelaar").click()
    page.wait_for_url(re.compile(rf"/hulpvragen/{cr.pk}/kandidaten/\d+/$"))
    assert page.get_by_role("link", name="Terug naar de kandidaten").first.is_visible()
    check(page, "candidate-profile-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "candidate-profile-320")
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Nodig Kim Behandelaar uit").click()
    page.wait_for_url(re.compile(rf"/hulpvragen/{cr.pk}/$"))
    assert "1 behandelaar per e-mail uitgenodigd" in page.locator("main").inner_text()
    # the answers table stacks: the status stays on screen at 320 px
    assert page.locator("td[data-label='Status']").first.is_visible()
    _no_sideways_scroll(page)
    check(page, "request-detail-invited-320")


def test_a_form_says_what_is_wrong_in_dutch(browser, live_server):
    # An English browser: the platform stays Dutch.
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    user = make_user(first_name="Sanne", last_name="Opvang")
    log_in(page, user.email)
    page.goto("/netwerk/organisaties/aanmelden/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_label(re.compile("Contactpersoon")).input_value() == "Sanne Opvang"
    assert page.locator("select option").first.inner_text() == "Kies …"
    page.get_by_label(re.compile("Contacttelefoon|Telefoon")).fill("12345")
    page.locator("main form button[type=submit]").last.click()
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("el => el === document.activeElement")
    phone = page.locator("#id_contact_phone")
    assert phone.get_attribute("aria-invalid") == "true"
    assert phone.input_value() == "12345"
    summary.get_by_role("link", name=re.compile("elefoon")).click()
    assert phone.evaluate("el => el === document.activeElement")
    check(page, "organisation-signup-errors-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "organisation-signup-errors-320")
    _no_sideways_scroll(page)
    context.close()


def test_the_figures_say_what_they_count(page, live_server):
    _staff_with_open_request()  # one published client request: too few to show per region
    verifier = make_user(Role.VERIFIER)
    log_in(page, verifier.email, enable_totp(verifier))
    page.goto("/hulpvragen/cijfers/?period=all")
    main = page.locator("main").inner_text()
    assert "1 hulpvraag gepubliceerd in deze periode" not in main  # one client request: too few to show
    assert "minder dan 5" in main.lower() or "Minder dan 5" in main
    assert page.get_by_role("link", name="Downloaden als CSV").is_visible()
    check(page, "metrics-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "metrics-320")
    _no_sideways_scroll(page)


def test_a_waiting_therapist_sees_where_they_stand(page, live_server):
    waiting = f.TherapistProfileFactory(status=VerificationStatus.SUBMITTED)
    log_in(page, waiting.user.email)
    page.goto("/hulpvragen/uitnodigingen/")
    assert page.get_by_role("heading", name="Je profiel is nog niet geverifieerd").is_visible()
    assert "Ingediend ter verificatie" in page.locator("main").inner_text()
    check(page, "waiting-therapist-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "waiting-therapist-320")
