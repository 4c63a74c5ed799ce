"""API journey: organisation staff make a personal API token on the account page (shown once), their system
reads the organisation's care requests with it, they revoke it and the next call is refused at once. The API
documentation (Swagger UI from the app's own files) renders under the real CSP. axe and screenshots at
1280 and 320 px."""

import re

import pytest

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import enable_totp, make_user
from drakentemmers.directory.models import OrganisationMembership
from drakentemmers.directory.tests.factories import OrganisationFactory
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request
from e2e.conftest import check, log_in, screenshot
from e2e.test_recruitment_journey import check_narrow


@pytest.mark.django_db(transaction=True)
def test_staff_make_use_and_revoke_a_token(page, live_server):
    staff = make_user(Role.ORG_STAFF, first_name="Sanne", last_name="Opvang")
    secret = enable_totp(staff)
    OrganisationMembership.objects.create(organisation=OrganisationFactory(), user=staff, is_admin=True)
    request_a = care_request(staff=staff, status=RequestStatus.OPEN, title="Moeder en kind, EMDR")

    log_in(page, staff.email, secret)
    page.goto("/mijn-account/api-tokens/")
    check(page, "api-tokens")
    check_narrow(page, "api-tokens")
    page.get_by_label("Naam").fill("Zorgsysteem Opvang")
    page.get_by_label("Lezen en schrijven").check()
    page.get_by_role("button", name="Sleutel maken").click()
    token = page.locator("#new-token-value").input_value()
    assert token.startswith("dt_")
    check(page, "api-token-made")
    check_narrow(page, "api-token-made")

    api = page.context.request
    listed = api.get("/api/v1/me/care-requests", headers={"Authorization": f"Bearer {token}"})
    assert listed.status == 200
    assert [item["title"] for item in listed.json()["items"]] == [request_a.title]

    page.goto("/mijn-account/api-tokens/")
    assert token not in page.content()  # shown once only
    page.get_by_role("button", name=re.compile("Intrekken")).click()
    page.get_by_text("is ingetrokken; hij werkt niet meer").wait_for()
    check(page, "api-token-revoked")
    refused = api.get("/api/v1/me/care-requests", headers={"Authorization": f"Bearer {token}"})
    assert refused.status == 401


def test_docs_render_from_own_assets_under_the_csp(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations: list[str] = []
    outside: list[str] = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    page.on("request", lambda req: not req.url.startswith(live_server.url) and outside.append(req.url))
    page.goto("/api/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Drakentemmers API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/v1/hsds/services").first.wait_for()
    screenshot(page, "api-docs")
    page.set_viewport_size({"width": 320, "height": 800})
    screenshot(page, "api-docs-320")
    context.close()
    assert outside == [], outside
    assert violations == [], violations
