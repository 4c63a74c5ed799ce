import pytest

from e2e.conftest import assert_no_axe_violations, screenshot

PUBLIC_PATHS = ["/", "/over/", "/voor-behandelaars/", "/voor-organisaties/", "/contact/", "/privacy/", "/toegankelijkheid/", "/colofon/", "/account/login/", "/account/signup/"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_has_no_wcag_violations(page, path):
    page.goto(path)
    assert page.locator("main h1").count() == 1
    assert_no_axe_violations(page)


@pytest.mark.django_db(transaction=True)
def test_home_page_is_dutch_and_switches_to_english(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    screenshot(page, "home-nl")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="About the platform").first.is_visible()


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
