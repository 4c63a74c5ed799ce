"""States that explain themselves (issue 18), as the people meet them: the verifier checks a waiting
therapist (how long it waited, the BIG register, a confirmation before approving), a new therapist fills in
the work-area and registration steps, and the menu folds on a small screen without JavaScript. Each at 1280
and 320 px, axe on every page, screenshots in e2e/artifacts/."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import PASSWORD, enable_totp, make_user
from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.directory.tests import factories as f
from e2e.conftest import check, log_in, screenshot


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} scrolls sideways at {viewport} px ({width})"


def test_the_verifier_checks_the_register_and_confirms_before_approving(page, live_server):
    waiting = f.TherapistProfileFactory(
        status=VerificationStatus.SUBMITTED,
        submitted_at=timezone.now() - timedelta(days=3, hours=2),
        verified_at=None,
        big_number="19012345601",
        user__first_name="Noor",
        user__last_name="Wachter",
    )
    verifier = make_user(Role.VERIFIER, first_name="Vera", last_name="Verificatie")
    log_in(page, verifier.email, enable_totp(verifier))
    page.goto("/netwerk/verificatie/")
    row = page.get_by_role("row").filter(has_text="Noor Wachter")
    expect(row).to_contain_text("3 dagen")
    check(page, "verification-queue-1280")
    row.get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf"/netwerk/verificatie/behandelaars/{waiting.pk}/$"))
    expect(page.locator("main")).to_contain_text("wacht al 3 dagen")
    register = page.get_by_role("link", name=re.compile("Zoek BIG-nummer 19012345601 op in het BIG-register"))
    assert register.get_attribute("href") == "https://zoeken.bigregister.nl/bignummer/19012345601"
    check(page, "verification-therapist-1280")

    # One stray click does not approve: the summary says what is missing and leads to the box.
    page.get_by_label("Gecontroleerd in het BIG-register").check()
    page.get_by_role("button", name="Verifiëren", exact=True).click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Vink dit vakje aan om te bevestigen")
    confirm = page.locator("#id_confirm")
    assert confirm.get_attribute("aria-invalid") == "true"
    summary.get_by_role("link").first.click()
    expect(confirm).to_be_focused()
    waiting.refresh_from_db()
    assert waiting.status == VerificationStatus.SUBMITTED
    check(page, "verification-confirm-missing-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "verification-confirm-missing-320")
    _no_sideways_scroll(page)

    page.get_by_label("Gecontroleerd in het BIG-register").check()
    confirm.check()
    page.get_by_role("button", name="Verifiëren", exact=True).click()
    page.wait_for_url(re.compile(r"/netwerk/verificatie/$"))
    waiting.refresh_from_db()
    assert waiting.status == VerificationStatus.VERIFIED
    expect(page.get_by_role("row").filter(has_text="Noor Wachter")).to_have_count(0)


def test_a_new_therapist_meets_only_the_fields_that_fit(page, live_server):
    user = make_user(first_name="Fenna", last_name="Drakenstein")
    log_in(page, user.email)
    page.goto("/netwerk/behandelaar/aanmelden/")
    page.wait_for_url(re.compile(r"/netwerk/mijn-profiel/stap/"))

    # Registration: only the number of the chosen registration shows.
    page.goto("/netwerk/mijn-profiel/stap/profession/")
    big = page.locator("#id_big_number")
    nip = page.locator("#id_registration_number")
    page.get_by_label("NIP-registratie", exact=True).check()
    expect(big).to_be_hidden()
    expect(nip).to_be_visible()
    page.get_by_label("BIG-register", exact=True).check()
    expect(big).to_be_visible()
    expect(nip).to_be_hidden()
    check(page, "wizard-registration-big-1280")

    # Work areas: an empty "add" says what to fill in; an area keeps its own travel radius.
    page.goto("/netwerk/mijn-profiel/stap/area/")
    expect(page.locator("main")).to_contain_text("Nog geen werkgebieden. Voeg er minstens één toe.")
    page.get_by_role("button", name="Werkgebied toevoegen").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Vul een postcode (4 cijfers) of een gemeente in")
    assert page.locator("#id_place").get_attribute("aria-invalid") == "true"
    check(page, "wizard-area-empty-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "wizard-area-empty-320")
    _no_sideways_scroll(page)
    page.locator("#id_place").fill("3511")
    page.locator("#id_place_radius_km").fill("40")
    page.get_by_role("button", name="Werkgebied toevoegen").click()
    expect(page.locator("main")).to_contain_text("reisafstand 40 km")
    assert TherapistProfile.objects.get(user=user).locations.get().travel_radius_km == 40

    # Presentation: no "remove photo" without a photo.
    page.goto("/netwerk/mijn-profiel/stap/presentation/")
    expect(page.get_by_label("Mijn huidige foto verwijderen")).to_have_count(0)
    check(page, "wizard-presentation-320")
    _no_sideways_scroll(page)


def test_the_menu_folds_on_a_small_screen_without_javascript(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 320, "height": 800},
        bypass_csp=True,
        java_script_enabled=False,
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    user = make_user(first_name="Sanne", last_name="Opvang")
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/mijn/$"))
    menu = page.locator("summary.dt-nav__toggle")
    expect(menu).to_be_visible()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    account = nav.get_by_role("link", name="Mijn account")
    expect(account).to_be_hidden()
    # No script runs here, so no axe either (the menu's markup is checked with axe in the other journeys).
    screenshot(page, "menu-folded-nojs-320")
    menu.click()
    expect(account).to_be_visible()
    screenshot(page, "menu-open-nojs-320")
    account.click()
    page.wait_for_url(re.compile(r"/mijn-account/$"))
    # On a wide screen the menu is simply there, no toggle.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator("summary.dt-nav__toggle")).to_be_hidden()
    expect(account).to_be_visible()
    context.close()
