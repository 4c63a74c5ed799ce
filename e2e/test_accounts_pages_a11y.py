"""Logged-in pages: no WCAG 2.1 A/AA violations, Dutch by default, English after the switch."""

import re

import pytest
from playwright.sync_api import expect

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import PASSWORD, enable_totp, make_user
from e2e.conftest import answer_totp, assert_no_axe_violations, screenshot

THERAPIST_PAGES = [
    "/mijn/",
    "/mijn-account/",
    "/mijn-account/verwijderen/",
    "/account/email/",
    "/account/password/change/",
    "/account/2fa/",
    "/account/sessions/",
]


def log_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()


@pytest.mark.django_db(transaction=True)
def test_therapist_pages_have_no_wcag_violations(page):
    user = make_user(Role.THERAPIST)
    log_in(page, user.email)
    page.wait_for_url(re.compile(r"/mijn/$"))
    for path in THERAPIST_PAGES:
        page.goto(path)
        assert page.locator("main h1").count() == 1, path
        assert_no_axe_violations(page)
    # A form with errors is accessible too.
    page.goto("/mijn-account/verwijderen/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".dt-field__error").first).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.django_db(transaction=True)
def test_verifier_logs_in_with_totp_and_invitation_page_is_accessible(page):
    user = make_user(Role.VERIFIER)
    secret = enable_totp(user)
    log_in(page, user.email)
    answer_totp(page, secret)
    page.wait_for_url(re.compile(r"/mijn/$"))
    page.get_by_role("link", name="Uitnodigingen").first.click()
    page.wait_for_url(re.compile(r"/mijn-account/uitnodigingen/$"))
    assert_no_axe_violations(page)
    # A verifier invites to the roles below administrator and verifier (those only an administrator).
    assert page.locator("select[name=role] option[value=verifier]").count() == 0
    page.get_by_label("E-mailadres").fill("nieuwe.moderator@example.nl")
    page.get_by_label("Rol").select_option("moderator")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    assert "Uitnodiging verstuurd naar nieuwe.moderator@example.nl." in page.locator("main").inner_text()
    expect(page.locator("table.dt-table tbody tr")).to_have_count(1)
    assert_no_axe_violations(page)
    screenshot(page, "invitations")


@pytest.mark.django_db(transaction=True)
def test_account_page_switches_to_english(page):
    user = make_user(Role.THERAPIST)
    log_in(page, user.email)
    page.wait_for_url(re.compile(r"/mijn/$"))
    page.goto("/mijn-account/")
    assert page.locator("main h1").inner_text() == "Mijn account"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main h1").inner_text() == "My account"
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.goto("/account/password/change/")
    assert page.locator("main h1").inner_text() == "Change Password"
    assert_no_axe_violations(page)
    screenshot(page, "password-change-en")


@pytest.mark.django_db(transaction=True)
def test_administrator_queries_the_access_log_without_js_and_it_is_accessible(page):
    from drakentemmers.core.models import AccessLogEntry

    user = make_user(Role.ADMINISTRATOR)
    secret = enable_totp(user)
    AccessLogEntry.objects.create(user=user, user_label=user.email, object_type="matching.carerequest", object_id="7")
    log_in(page, user.email)
    answer_totp(page, secret)
    page.wait_for_url(re.compile(r"/mijn/$"))
    page.goto("/beheer/toegangslog/")
    assert_no_axe_violations(page)
    page.get_by_label("Nummer van het gegeven").fill("7")
    page.get_by_role("button", name="Zoeken").click()
    assert page.locator(".dt-field__error").first.is_visible()  # a number needs its kind of record
    assert_no_axe_violations(page)
    page.get_by_label("Soort gegeven").select_option("matching.carerequest")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("table.dt-table tbody tr")).to_have_count(1)
    assert_no_axe_violations(page)
    screenshot(page, "access_log")
