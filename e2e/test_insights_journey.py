"""Voice journey: an expert by experience reports a bottleneck without an account, a moderator edits it for
anonymity and publishes it, two members recognise it ("Dit herken ik") and one comments; the public list shows
it. axe checks every page; screenshots at 1280 and 320 px."""

import re
import shutil
from pathlib import Path

import pytest

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import enable_totp, make_user
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.insights.models import Endorsement, Report, ReportStatus, SubmitterRole
from e2e.conftest import check, log_in, screenshot

SHOTS = Path("/tmp/shots/insights")  # noqa: S108 (where the team looks at screenshots; nothing secret)


def check_both(page, name: str) -> None:
    """axe and a screenshot at 1280 px and at 320 px (no sideways scrolling there); copies in /tmp/shots."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    check(page, f"insights-{name}")
    shutil.copy(screenshot(page, f"insights-{name}"), SHOTS)
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, f"insights-{name}-320")
    shutil.copy(screenshot(page, f"insights-{name}-320"), SHOTS)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways at 320 px by {overflow} px"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.django_db(transaction=True)
def test_expert_reports_moderator_publishes_members_recognise(page, settings):
    settings.INSIGHTS_MIN_FILL_SECONDS = 1  # the real form waits 3 s; a browser test types fast
    moderator = make_user(Role.MODERATOR, first_name="Mo", last_name="Derator")
    secret = enable_totp(moderator)
    members = [
        TherapistProfileFactory(user=make_user(first_name="Anna", last_name="Zeeuw"), locations=["4331"]).user,
        TherapistProfileFactory(user=make_user(first_name="Bram", last_name="Utrecht"), locations=["3511"]).user,
    ]

    # An expert by experience, no account, reports a bottleneck.
    page.goto("/signalen/melden/")
    check_both(page, "submit")
    page.get_by_label("Knelpunt").check()
    page.get_by_label("Toegankelijkheid").check()
    page.get_by_label("Zeeland").check()
    page.get_by_label("Doelgroep").select_option(label="Slachtoffers")
    page.get_by_role("textbox", name=re.compile(r"^Beschrijving")).fill(
        "Ik moest bij drie instanties mijn verhaal doen voordat ik bij een behandelaar kwam, ook bij de buurvrouw."
    )
    page.get_by_role("textbox", name="Effect").fill("Elke keer opnieuw vertellen voelde als opnieuw meemaken.")
    page.get_by_label("Voorgestelde actie").fill("Eén vast aanspreekpunt.")
    page.get_by_label("Ervaringsdeskundige").check()
    page.wait_for_timeout(1200)
    # The first free text through the privacy guard loads its name model: slow on a busy machine.
    page.get_by_role("button", name="Melding versturen").click(timeout=120_000)
    page.wait_for_url(re.compile(r"/signalen/melden/bedankt/$"))
    check_both(page, "thanks")
    report = Report.objects.get()
    assert report.status == ReportStatus.PENDING and report.submitter_role == SubmitterRole.EXPERT_BY_EXPERIENCE

    # The moderator removes a detail, accepts it and shows it publicly.
    log_in(page, moderator.email, secret)
    page.goto("/beheer/signalen/")
    check_both(page, "queue")
    page.get_by_role("link", name=re.compile(r"Ik moest bij drie instanties")).click()
    check_both(page, "moderate")
    page.get_by_role("textbox", name=re.compile(r"^Beschrijving")).fill(
        "Ik moest bij drie instanties mijn verhaal doen voordat ik bij een behandelaar kwam."
    )
    page.get_by_label("Deze melding ook openbaar tonen").check()
    page.get_by_role("button", name="Accepteren en publiceren voor leden").click()
    page.get_by_text("De melding is geaccepteerd en zichtbaar voor leden.").wait_for()
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED and report.is_public and "buurvrouw" not in report.description

    # Two members recognise it; the second also comments.
    for number, member in enumerate(members, start=1):
        log_in(page, member.email)
        page.goto("/signalen/")
        if number == 1:
            check_both(page, "list")
        page.get_by_role("link", name=re.compile(r"Ik moest bij drie instanties")).click()
        page.get_by_role("button", name="Dit herken ik").click()
        page.get_by_text("Dank je: je herkent dit.").wait_for()
    expected = "Herkend door 2 behandelaren in 2 regio’s"
    assert expected in page.locator("#recognised-count").inner_text()
    page.get_by_label("Je reactie").fill("Herkenbaar: in onze regio vertellen cliënten hetzelfde.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    page.get_by_text("Je reactie is geplaatst.").wait_for()
    check_both(page, "detail")
    assert Endorsement.objects.filter(report=report).count() == 2

    # Anyone sees it on the public list, with the count.
    page.context.clear_cookies()
    page.goto("/signalen/openbaar/")
    assert expected in page.locator("main").inner_text()
    check_both(page, "public")


@pytest.mark.django_db(transaction=True)
def test_platform_team_downloads_the_policy_report(page):
    from drakentemmers.insights import services
    from drakentemmers.insights.tests.factories import report, therapist

    top = report(accepted=True, description="Financiering van behandeling in de opvang ontbreekt.")
    services.endorsement_set(report=top, user=therapist(), endorsed=True)
    editor = make_user(Role.EDITOR)
    log_in(page, editor.email, enable_totp(editor))
    page.goto("/beheer/signalen/rapportage/")
    check_both(page, "policy-report")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF downloaden").click()
    assert download.value.suggested_filename.endswith(".pdf")
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    shutil.copy(download.value.path(), SHOTS / "policy-report.pdf")
