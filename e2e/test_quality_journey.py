"""Quality-mark journey: a member sees what they miss and signs the declaration; the platform team reviews the
remaining criterion (intervision, for which the platform has no data yet); the member holds the mark; the public
verification page shows it. axe checks every page; screenshots at 1280 and 320 px."""

import re

import pytest

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import enable_totp, make_user
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.quality.criteria import evaluators_overridden
from drakentemmers.quality.models import CriterionKind, QualityMark
from drakentemmers.quality.tests.factories import builtin_criteria, criterion
from e2e.conftest import check, check_narrow, log_in


@pytest.mark.django_db(transaction=True)
def test_member_completes_the_criteria_and_the_mark_can_be_verified(page, live_server):
    # Intervision outside the platform's own groups: the team reviews it (the live server shares this registry).
    with evaluators_overridden(intervision=None):
        _journey(page)


def _journey(page):
    builtin_criteria()
    criterion(CriterionKind.INTERVISION, threshold=4, period_months=24, order=4, description="Vier intervisies.")
    member = TherapistProfileFactory(user=make_user(first_name="Mila", last_name="Keurig")).user
    team = make_user(Role.VERIFIER, first_name="Vera", last_name="Team")
    secret = enable_totp(team)

    # The member sees what they miss.
    log_in(page, member.email)
    page.get_by_role("link", name="Keurmerk").first.click()
    page.wait_for_url(re.compile(r"/keurmerk/$"))
    assert "Je mist nog 2 criteria." in page.locator("main").inner_text()
    check(page, "quality-checklist")
    check_narrow(page, "quality-checklist")

    # Signs the declaration.
    page.get_by_role("link", name="Lees en onderteken de verklaring").click()
    page.wait_for_url(re.compile(r"/keurmerk/verklaring/$"))
    check(page, "quality-declaration")
    page.get_by_role("button", name="Onderteken de verklaring").click()
    page.get_by_text("Vink het vakje aan om de verklaring te ondertekenen.").first.wait_for()
    page.get_by_label("Ik heb de verklaring gelezen en ga ermee akkoord").check()
    page.get_by_role("button", name="Onderteken de verklaring").click()
    page.get_by_text("Dank je: je hebt de verklaring ondertekend.").wait_for()
    assert "Je mist nog 1 criterium." in page.locator("main").inner_text()

    # Asks the team to review intervision.
    page.get_by_label("Wat het team moet weten").fill("Intervisiegroep Noord, vijf bijeenkomsten in 2026.")
    page.get_by_role("button", name="Vraag het team om een beoordeling").click()
    page.get_by_text("Je vraag ligt bij het platformteam.").wait_for()
    check(page, "quality-checklist-review-asked")

    # The platform team reviews it.
    log_in(page, team.email, secret)
    page.goto("/beheer/keurmerk/beoordelingen/")
    check(page, "quality-team-reviews")
    check_narrow(page, "quality-team-reviews")
    page.get_by_role("link", name=re.compile("Beoordelen")).click()
    assert "Intervisiegroep Noord" in page.locator("main").inner_text()
    check(page, "quality-team-review")
    page.get_by_label("Voldaan", exact=True).check()
    page.get_by_label("Onderbouwing").fill("Presentielijst van de groep gezien.")
    page.get_by_role("button", name="Uitkomst vastleggen").click()
    page.get_by_text("De beoordeling is vastgelegd").wait_for()
    page.goto("/beheer/keurmerk/")
    assert "Mila Keurig" in page.locator("main").inner_text()
    check(page, "quality-team-marks")
    check_narrow(page, "quality-team-marks")
    page.goto("/beheer/keurmerk/criteria/")
    check(page, "quality-team-criteria")
    # The mark shows in the search results, with its end date.
    page.goto("/netwerk/zoeken/?place=1011")
    card = page.locator(".dt-therapist-card", has_text="Mila Keurig")
    assert "Keurmerk, geldig tot en met" in card.inner_text()
    check(page, "quality-search-badge")

    # The member holds the mark.
    log_in(page, member.email)
    page.goto("/keurmerk/")
    assert "Keurmerk, geldig tot en met" in page.locator("main").inner_text()
    check(page, "quality-checklist-awarded")
    check_narrow(page, "quality-checklist-awarded")

    # The public verification page, without logging in.
    mark = QualityMark.objects.get(user=member)
    page.context.clear_cookies()
    page.goto(f"/keurmerk/controle/{mark.code}/")
    main = page.locator("main").inner_text()
    assert "Mila Keurig" in main and "Geldig" in main and member.email not in main
    check(page, "quality-verify")
    check_narrow(page, "quality-verify")


@pytest.mark.django_db(transaction=True)
def test_a_member_in_notice_and_the_team_withdrawing(page, live_server):
    from datetime import timedelta

    from django.utils import timezone

    builtin_criteria()
    stale = timezone.now() - timedelta(days=40)
    member = TherapistProfileFactory(
        user=make_user(first_name="Noor", last_name="Opzeg"), availability_confirmed_at=stale
    ).user
    today = timezone.localdate()
    mark = QualityMark.objects.create(
        user=member,
        valid_from=today - timedelta(days=100),
        valid_until=today + timedelta(days=265),
        notice_given_on=today - timedelta(days=5),
        notice_until=today + timedelta(days=25),
    )
    log_in(page, member.email)
    page.goto("/keurmerk/")
    main = page.locator("main").inner_text()
    assert "Vooraankondiging: je keurmerk kan worden ingetrokken" in main and "Werk je beschikbaarheid bij" in main
    check(page, "quality-checklist-notice")
    check_narrow(page, "quality-checklist-notice")

    team = make_user(Role.VERIFIER, first_name="Vera", last_name="Team")
    log_in(page, team.email, enable_totp(team))
    page.goto("/beheer/keurmerk/?status=notice")
    page.get_by_role("link", name="Noor Opzeg").click()
    check(page, "quality-team-mark")
    page.get_by_role("button", name="Keurmerk intrekken").click()
    page.get_by_text("Geef de reden die het lid te lezen krijgt.").first.wait_for()
    page.get_by_label("Reden").fill("Op eigen verzoek van het lid.")
    page.get_by_role("button", name="Keurmerk intrekken").click()
    page.get_by_text("Het keurmerk is ingetrokken").wait_for()
    mark.refresh_from_db()
    assert mark.status == "withdrawn"
    page.goto(f"/keurmerk/controle/{mark.code}/")
    assert "Ingetrokken" in page.locator("main").inner_text()
    check(page, "quality-verify-withdrawn")
