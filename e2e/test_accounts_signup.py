"""Journey: sign up (Dutch UI), verify e-mail from the outbox, log in, set up TOTP, log in with the code."""

import re
import time

import pytest
from django.core import mail

from e2e.conftest import assert_no_axe_violations, screenshot, totp_now

EMAIL = "noor.nieuw@example.nl"
PASSWORD = "een-sterk-wachtwoord-2026"


def log_in(page, email: str = EMAIL, password: str = PASSWORD) -> None:
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()


def log_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/$"))


@pytest.mark.django_db(transaction=True)
def test_sign_up_verify_log_in_and_set_up_totp(page, live_server):
    # Sign up, in Dutch.
    page.goto("/account/signup/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("main h1").inner_text().strip() == "Registreren"
    assert_no_axe_violations(page)
    screenshot(page, "signup")
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Nieuw")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/account/confirm-email/"))
    assert_no_axe_violations(page)
    screenshot(page, "verification-sent")

    # The verification mail went through the outbox; open its link and confirm.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert link.startswith(live_server.url)
    page.goto(link)
    assert EMAIL in page.locator("main").inner_text()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/mijn/$"))
    assert "Welkom, Noor" in page.locator("main h1").inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "my-home")

    # Account page.
    page.get_by_role("link", name="Mijn account").first.click()
    page.wait_for_url(re.compile(r"/mijn-account/$"))
    assert_no_axe_violations(page)
    screenshot(page, "account")

    # Log out and in again with the password.
    log_out(page)
    log_in(page)
    page.wait_for_url(re.compile(r"/mijn/$"))

    # Set up TOTP: allauth asks for the password again first.
    page.goto("/account/2fa/")
    assert_no_axe_violations(page)
    screenshot(page, "mfa-index")
    page.goto("/account/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:
        assert_no_axe_violations(page)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/account/2fa/totp/activate/"))
    qr = page.locator("img.dt-qr")
    assert qr.is_visible()
    assert qr.get_attribute("alt").startswith("QR-code")
    assert qr.evaluate("img => img.naturalWidth") > 0
    assert_no_axe_violations(page)
    screenshot(page, "mfa-activate")
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    activation_code = totp_now(secret)
    page.locator("input[name=code]").fill(activation_code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/account/2fa/totp/activate/" not in page.url
    assert_no_axe_violations(page)
    screenshot(page, "mfa-after-activation")

    # Log out; logging in now needs the code as well.
    log_out(page)
    log_in(page)
    page.wait_for_url(re.compile(r"/account/2fa/authenticate/"))
    assert_no_axe_violations(page)
    screenshot(page, "mfa-authenticate")
    # A code works once: wait for the next time step if the activation code is still current.
    while (code := totp_now(secret)) == activation_code:
        time.sleep(1)
    page.locator("input[name=code]").fill(code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/mijn/$"))
    assert "Welkom, Noor" in page.locator("main h1").inner_text()
