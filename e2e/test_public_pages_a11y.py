import pytest
from playwright.sync_api import expect

from e2e.conftest import assert_no_axe_violations, screenshot

PUBLIC_PATHS = [
    "/",
    "/over/",
    "/voor-behandelaars/",
    "/voor-organisaties/",
    "/contact/",
    "/privacy/",
    "/toegankelijkheid/",
    "/colofon/",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/bestaat-niet/",
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_has_no_wcag_violations(page, path):
    page.goto(path)
    expect(page.locator("main h1")).to_have_count(1)
    assert_no_axe_violations(page)


@pytest.mark.django_db(transaction=True)
def test_home_page_is_dutch_and_switches_to_english(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    screenshot(page, "home-nl")
    main_menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert main_menu.get_by_role("link", name="Over het platform").is_visible()
    assert main_menu.get_by_role("link", name="Inloggen").is_visible()
    footer = page.get_by_role("navigation", name="Voettekst")
    assert footer.get_by_role("link", name="Privacyverklaring").is_visible()
    assert "Nu in gevaar? Bel 112." in page.locator("footer").inner_text()
    assert "geverifieerde behandelaars" in page.locator("main").inner_text()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    main_menu = page.get_by_role("navigation", name="Main menu")
    assert main_menu.get_by_role("link", name="About the platform").is_visible()
    assert main_menu.get_by_role("link", name="Log in").is_visible()
    footer = page.get_by_role("navigation", name="Footer")
    assert footer.get_by_role("link", name="Privacy statement").is_visible()
    assert "In danger right now? Call 112." in page.locator("footer").inner_text()
    assert "verified therapists" in page.locator("main").inner_text()
    screenshot(page, "home-en")
    page.goto("/account/login/")
    assert page.locator("main h1").inner_text() == "Sign In"
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == "Inloggen"


@pytest.mark.django_db(transaction=True)
def test_too_many_attempts_page_is_dutch_and_accessible(page):
    from drakentemmers.accounts.tests.factories import make_user

    user = make_user()
    for _attempt in range(6):
        page.goto("/account/login/")
        page.locator("input[name=login]").fill(user.email)
        page.locator("input[name=password]").fill("fout-wachtwoord")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == "Te veel pogingen"
    assert_no_axe_violations(page)
    screenshot(page, "too-many-attempts")


@pytest.mark.django_db(transaction=True)
def test_skip_link_moves_focus_to_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.django_db(transaction=True)
def test_home_works_on_a_320px_screen_without_horizontal_scroll(page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(page, "home-320")
