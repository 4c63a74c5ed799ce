"""Journeys a busy professional finishes without help (issue 18): choosing candidates, a form that says
what is wrong, figures that say what they count, a therapist waiting for verification. Each at 1280 and
320 px where the layout matters, axe on every page, screenshots in e2e/artifacts/."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

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
    f.TherapistProfileFactory(
        user__first_name="Lot",
        user__last_name="Verouderd",
        methods=["emdr"],
        target_groups=["slachtoffers"],
        accepting="limited",
        availability_confirmed_at=timezone.now() - timedelta(days=60),
    )
    log_in(page, staff.email, secret)
    page.goto(f"/hulpvragen/{cr.pk}/kandidaten/")
    main = page.locator("main").inner_text()
    assert "Past:" in main and "EMDR ✓" in main
    assert "Kies wie je uitnodigt" in main  # "je", as everywhere
    # What counts against is said in words under its own heading, not only by colour
    stale = page.get_by_role("row").filter(has_text="Lot Verouderd")
    expect(stale).to_contain_text("Let op:")
    expect(stale).to_contain_text("beschikbaarheid al meer dan 28 dagen niet bevestigd")
    expect(page.get_by_role("row").filter(has_text="Kim Behandelaar")).not_to_contain_text("Let op:")
    check(page, "candidates-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "candidates-320")
    _no_sideways_scroll(page)
    # the rows stack: the distance, the last column, stays on screen
    expect(page.locator("td[data-label='Afstand']").first).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Kim Behandelaar").click()
    page.wait_for_url(re.compile(rf"/hulpvragen/{cr.pk}/kandidaten/\d+/$"))
    expect(page.get_by_role("link", name="Terug naar de kandidaten").first).to_be_visible()
    check(page, "candidate-profile-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "candidate-profile-320")
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Nodig Kim Behandelaar uit").click()
    page.wait_for_url(re.compile(rf"/hulpvragen/{cr.pk}/$"))
    assert "1 behandelaar per e-mail uitgenodigd" in page.locator("main").inner_text()
    # the answers table stacks: the status stays on screen at 320 px
    expect(page.locator("td[data-label='Status']").first).to_be_visible()
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
    expect(page.get_by_role("link", name="Downloaden als CSV")).to_be_visible()
    check(page, "metrics-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "metrics-320")
    _no_sideways_scroll(page)


def test_a_waiting_therapist_sees_where_they_stand(page, live_server):
    waiting = f.TherapistProfileFactory(status=VerificationStatus.SUBMITTED)
    log_in(page, waiting.user.email)
    page.goto("/hulpvragen/uitnodigingen/")
    expect(page.get_by_role("heading", name="Je profiel is nog niet geverifieerd")).to_be_visible()
    assert "Ingediend ter verificatie" in page.locator("main").inner_text()
    check(page, "waiting-therapist-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "waiting-therapist-320")


def _new_page(browser, live_server, *, width: int):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(30_000)
    return context.new_page()


def test_what_waits_leads_each_side_to_the_request(browser, live_server, settings):
    """The therapist sees the invitation to answer first thing, answers; the organisation sees the answer waits."""
    cr, staff, secret = _staff_with_open_request()
    kim = f.TherapistProfileFactory(
        user__first_name="Kim", user__last_name="Behandelaar", methods=["emdr"], target_groups=["slachtoffers"]
    )
    services.candidacies_create(care_request=cr, therapist_ids=[kim.pk], by=staff)
    settings.SITE_URL = live_server.url

    therapist_page = _new_page(browser, live_server, width=320)
    log_in(therapist_page, kim.user.email)
    therapist_page.goto("/mijn/")
    waiting = therapist_page.get_by_role("region", name="Wat op je wacht")
    assert "1 uitnodiging wacht op je antwoord" in waiting.inner_text()
    check(therapist_page, "what-waits-therapist-320")
    _no_sideways_scroll(therapist_page)
    waiting.get_by_role("link", name="1 uitnodiging wacht op je antwoord").click()
    therapist_page.wait_for_url(re.compile(rf"/hulpvragen/{cr.pk}/$"))
    assert "Antwoord graag vóór" in therapist_page.locator("main").inner_text()
    therapist_page.get_by_role("button", name="Accepteren: ik kan dit oppakken").click()
    # The answer is saved before the organisation looks (the page comes back with the thank-you).
    therapist_page.get_by_text("De organisatie is geïnformeerd en bevestigt de match.").first.wait_for()
    therapist_page.context.close()

    staff_page = _new_page(browser, live_server, width=1280)
    log_in(staff_page, staff.email, secret)
    staff_page.goto("/mijn/")
    waiting = staff_page.get_by_role("region", name="Wat op je wacht")
    assert "1 behandelaar wil je hulpvraag aannemen" in waiting.inner_text()
    check(staff_page, "what-waits-staff-1280")
    waiting.get_by_role("link").first.click()
    staff_page.wait_for_url(re.compile(rf"/hulpvragen/{cr.pk}/$"))
    expect(staff_page.get_by_role("button", name="Match met Kim Behandelaar bevestigen")).to_be_visible()
    staff_page.context.close()


def test_search_on_a_small_screen_shows_results_first_and_invites_from_a_result(page, live_server):
    cr, staff, secret = _staff_with_open_request()
    f.TherapistProfileFactory(
        user__first_name="Kim", user__last_name="Behandelaar", methods=["emdr"], target_groups=["slachtoffers"]
    )
    log_in(page, staff.email, secret)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/netwerk/zoeken/?place=1012&sort=distance")
    filters = page.locator("details.dt-search__filters")
    assert filters.get_attribute("open") is None  # folded: the results come first
    expect(page.get_by_role("heading", name="Resultaten")).to_be_visible()
    assert "Dichtstbij eerst." in page.locator("#search-results").inner_text()
    check(page, "search-results-first-320")
    _no_sideways_scroll(page)
    page.locator("details.dt-search__filters > summary").click()
    expect(page.get_by_label("Sorteren op")).to_be_visible()
    page.get_by_role("button", name=f"Nodig Kim Behandelaar uit voor “{cr.title}”").click()
    page.wait_for_url(re.compile(rf"/hulpvragen/{cr.pk}/kandidaten/\d+/$"))
    page.get_by_role("button", name="Nodig Kim Behandelaar uit").click()
    page.wait_for_url(re.compile(rf"/hulpvragen/{cr.pk}/$"))
    assert "1 behandelaar per e-mail uitgenodigd" in page.locator("main").inner_text()
    # On a wide screen the filters stay beside the results.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/netwerk/zoeken/?place=1012")
    expect(page.get_by_label("Sorteren op")).to_be_visible()
    check(page, "search-wide-1280")


def test_tables_outside_matching_stack_on_a_small_screen(page, live_server):
    """The messages list and the verification queue keep every column on screen at 320 px."""
    f.TherapistProfileFactory(
        status=VerificationStatus.SUBMITTED,
        submitted_at=timezone.now() - timedelta(days=3),
        user__first_name="Noor",
        user__last_name="Wachter",
    )
    verifier = make_user(Role.VERIFIER, first_name="Vera", last_name="Verificatie")
    secret = enable_totp(verifier)
    log_in(page, verifier.email, secret)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/netwerk/verificatie/")
    expect(page.locator("td[data-label='Wacht al']").first).to_be_visible()
    _no_sideways_scroll(page)
    check(page, "verification-queue-320")
