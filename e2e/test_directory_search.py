"""Organisation staff find a therapist by postcode and method, see why each result matches, open the profile."""

import re

import pytest
from playwright.sync_api import expect

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import PASSWORD, enable_totp, make_user
from drakentemmers.directory.models import Accepting
from drakentemmers.directory.tests import factories as f
from e2e.conftest import answer_totp, assert_no_axe_violations, screenshot


def log_in_with_totp(page, email: str, secret: str) -> None:
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    answer_totp(page, secret)
    page.wait_for_url(re.compile(r"/mijn/$"))


@pytest.fixture
def therapists(transactional_db) -> dict:
    return {
        "near": f.TherapistProfileFactory(
            locations=["1011"], methods=["emdr"], waiting_weeks=3, user__first_name="Anouk", user__last_name="Bakker"
        ),
        "other_method": f.TherapistProfileFactory(
            locations=["1071"], methods=["tf-cbt"], user__first_name="Bram", user__last_name="Claassen"
        ),
        "haarlem": f.TherapistProfileFactory(
            locations=["2011"],
            methods=["emdr"],
            accepting=Accepting.LIMITED,
            user__first_name="Charlotte",
            user__last_name="Dekker",
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_org_staff_search_by_postcode_and_method(page, therapists):
    staff = make_user(Role.ORG_STAFF)
    f.OrganisationMembershipFactory(user=staff)
    secret = enable_totp(staff)
    log_in_with_totp(page, staff.email, secret)

    page.goto("/netwerk/zoeken/")
    assert page.locator("main h1").inner_text() == "Vind een Drakentemmer"
    page.get_by_label("Postcode of gemeente").fill("1011 AB")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    results = page.locator("#search-results")
    page.wait_for_url(re.compile(r"place=1011"))
    results.get_by_text("Bram Claassen").wait_for()
    expect(results.locator("article")).to_have_count(3)

    # Ticking a method updates only the results (htmx) and the address bar.
    page.get_by_label("EMDR", exact=True).check()
    page.wait_for_url(re.compile(r"method="))
    results.get_by_text("Bram Claassen").wait_for(state="detached")
    names = results.locator(".dt-therapist-card__name").all_inner_texts()
    assert names == ["Anouk Bakker", "Charlotte Dekker"]
    first = results.locator("article").first
    assert "EMDR ✓" in first.inner_text()
    assert "1 km" in first.inner_text()
    assert "wachttijd 3 weken" in first.inner_text()
    assert page.get_by_label("Postcode of gemeente").input_value() == "1011 AB"
    assert results.get_attribute("aria-live") == "polite"
    assert_no_axe_violations(page)
    screenshot(page, "directory_search_results")

    # A bad postcode: a Dutch message, the other filters stay.
    page.get_by_label("Postcode of gemeente").fill("1011 SS")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    results.get_by_text("geen geldige postcode").wait_for()
    assert page.get_by_label("EMDR", exact=True).is_checked()
    assert_no_axe_violations(page)
    screenshot(page, "directory_search_bad_postcode")

    # Opening a profile.
    page.get_by_label("Postcode of gemeente").fill("1011 AB")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    link = results.get_by_role("link", name="Anouk Bakker")
    link.wait_for()
    assert link.get_attribute("href") == f"/netwerk/behandelaars/{therapists['near'].pk}/"
    link.click()
    page.wait_for_url(re.compile(rf"/netwerk/behandelaars/{therapists['near'].pk}/$"))
    assert "Anouk Bakker" in page.locator("main h1").inner_text()


@pytest.mark.django_db(transaction=True)
def test_search_works_without_javascript(browser, live_server, therapists):
    staff = make_user(Role.ORG_STAFF)
    f.OrganisationMembershipFactory(user=staff)
    secret = enable_totp(staff)
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    log_in_with_totp(page, staff.email, secret)
    page.goto("/netwerk/zoeken/")
    page.get_by_label("Postcode of gemeente").fill("1011 AB")
    page.get_by_label("EMDR", exact=True).check()
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.wait_for_url(re.compile(r"place=1011"))
    assert page.locator("#search-results .dt-therapist-card__name").all_inner_texts() == [
        "Anouk Bakker",
        "Charlotte Dekker",
    ]
    context.close()


@pytest.mark.django_db(transaction=True)
def test_public_figures_page(page, therapists):
    f.TherapistProfileFactory(locations=["3511"], methods=["emdr"], public_profile=True, user__last_name="Zwart")

    page.goto("/netwerk/in-cijfers/")

    expect(page.locator("main h1")).to_have_count(1)
    main = page.locator("main").inner_text()
    assert "Zwart" in main
    assert "wachttijd" not in main.lower()
    assert_no_axe_violations(page)
    screenshot(page, "directory_public_figures")


@pytest.mark.django_db(transaction=True)
def test_demo_shelter_worker_searches_the_demo_network(page):
    from drakentemmers.accounts import demo as accounts_demo
    from drakentemmers.accounts.demo import DEMO_PASSWORD, demo_email, demo_totp_secret
    from drakentemmers.directory import demo

    accounts_demo.seed()
    demo.seed()
    email = demo_email("opvang")
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    answer_totp(page, demo_totp_secret(email))
    page.wait_for_url(re.compile(r"/mijn/$"))

    page.goto("/netwerk/zoeken/?place=3511&max_distance=50")
    results = page.locator("#search-results")
    assert "Bente Behandelaar" in results.locator(".dt-therapist-card__name").first.inner_text()
    expect(results.locator("article")).to_have_count(20)
    page.get_by_role("navigation", name="Pagina’s met zoekresultaten").get_by_role("link", name="Volgende").click()
    page.wait_for_url(re.compile(r"page=2"))
    results.locator("ol[start='21']").wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "directory_search_demo_page2")
    page.goto("/netwerk/in-cijfers/")
    screenshot(page, "directory_public_figures_demo")
