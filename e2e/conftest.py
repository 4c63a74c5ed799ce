"""Browser tests: Playwright drives Debian's Chromium (headless) against pytest-django's live server."""

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from drakentemmers.accounts.tests.factories import PASSWORD

# Playwright's sync API runs an event loop in the test thread; the ORM calls in these tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Chromium flags for a closed network: no background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # One browser at a time per xdist worker group keeps the 2-core machine responsive.
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and page is not None:
        # Keep what the browser showed when the test failed, for whoever reads the CI log.
        path = screenshot(page, f"FAILED-{item.name}")
        report.sections.append(("screenshot", f"{path} (url {page.url})"))
    return report


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _regional_data(transactional_db):
    """Transactional tests flush the database after each test, including data that migrations loaded.

    Put the real regional data and the controlled vocabularies back before each browser test.
    """
    from drakentemmers.directory.demo import vocabularies_ensure
    from drakentemmers.regions.models import Municipality
    from drakentemmers.regions.services import regions_load

    if not Municipality.objects.exists():
        regions_load()
    vocabularies_ensure()


@pytest.fixture
def page(browser, live_server, settings):
    settings.SITE_URL = live_server.url
    # bypass_csp only lets the test inject axe-core; the CSP itself is asserted in test_security_headers.
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    # Generous: CI runs the browser next to a second test worker on two cores.
    context.set_default_timeout(30_000)
    page = context.new_page()
    server_errors: list[str] = []
    page.on("response", lambda response: response.status >= 500 and server_errors.append(response.url))
    yield page
    context.close()
    assert server_errors == [], f"the server answered 5xx for {server_errors}"


def axe_violations(page, *, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")) -> list[dict]:
    """Run axe-core (served from node_modules, no CDN) on the current page; return WCAG 2.1 A/AA violations."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe found WCAG violations on {page.url}: {violations}"


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, email: str, secret: str | None = None, password: str = PASSWORD) -> None:
    """Log in through the real form; with a TOTP secret, answer the second step too. Lands on /mijn/."""
    page.context.clear_cookies()
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    if secret:
        answer_totp(page, secret)
    page.wait_for_url(re.compile(r"/mijn/$"))


def totp_now(secret: str) -> str:
    """The current code; near the end of a 30-second step wait for the next, so the code is still valid on submit."""
    if 30 - time.time() % 30 < 3:
        time.sleep(3)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def answer_totp(page, secret: str) -> None:
    """Answer the second login step. On a loaded machine the step can pass between reading the code
    and the server checking it; then the form comes back and the next step's code is given once."""
    page.wait_for_url(re.compile(r"/account/2fa/authenticate/"))
    for _ in range(2):
        code = totp_now(secret)
        page.locator("input[name=code]").fill(code)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        if "/account/2fa/authenticate/" not in page.url:
            return
        while totp_now(secret) == code:
            time.sleep(1)


def check(page, name: str) -> None:
    """One h1, no axe violations, and a screenshot to look at.

    A click that navigates returns before the new page has loaded; wait for it, so the count
    is taken on the page the test means and not on the half-loaded one.
    """
    page.wait_for_load_state()
    expect(page.locator("main h1")).to_have_count(1)
    assert_no_axe_violations(page)
    screenshot(page, name)


def check_narrow(page, name: str) -> None:
    """The same page at 320 px wide: no axe violations, no sideways scrolling, a screenshot to look at."""
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, f"{name}-320")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways at 320 px by {overflow} px"
    page.set_viewport_size({"width": 1280, "height": 900})
