"""Results: response rate with filters, a chart and table per question, open answers, the threshold, exports."""

import csv
import io

import pytest
from openpyxl import load_workbook

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.core.models import AccessLogEntry
from drakentemmers.regions.selectors import reporting_regions
from drakentemmers.surveys import services
from drakentemmers.surveys.models import RespondentGroup
from drakentemmers.surveys.tests.factories import invitation_make, q, questionnaire_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_client():
    return logged_in_client(make_user(Role.EDITOR, mfa=True))


def _answer(questionnaire, invitation, uses="Ja", comment="", hours=None, likert=None):
    answers = {q(questionnaire, "Gebruik je het platform?").key: uses}
    if comment:
        answers[q(questionnaire, "Opmerkingen").key] = comment
    if hours is not None:
        answers[q(questionnaire, "Hoeveel uur training per jaar?").key] = hours
    if likert is not None:
        answers[q(questionnaire, "Het platform helpt me").key] = likert
    services.response_submit(invitation=invitation, answers=answers)


def _world(anonymous=False, answered=3, invited=4):
    questionnaire = questionnaire_make(anonymous=anonymous)
    region_a, region_b = list(reporting_regions()[:2])
    invitations = [
        invitation_make(
            questionnaire,
            email=f"p{n}@example.org",
            region=region_a if n % 2 == 0 else region_b,
            group=RespondentGroup.MEMBER if n else RespondentGroup.COORDINATOR,
        )
        for n in range(invited)
    ]
    for n in range(answered):
        _answer(
            questionnaire, invitations[n], uses="Ja" if n else "Nee", comment=f"opmerking {n}", hours=10 + n, likert=4
        )
    return questionnaire, region_a, region_b


def test_the_page_shows_rate_charts_tables_and_open_answers(team_client, django_assert_max_num_queries):
    questionnaire, _a, _b = _world()
    with django_assert_max_num_queries(25):
        page = team_client.get(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "75,0%" in html  # 3 of 4
    assert html.count("<svg") >= 3  # single choice, Likert, number
    assert '<th scope="row">Ja</th><td>2</td>' in html
    assert "opmerking 2" in html


def test_the_query_count_does_not_grow_with_the_answers(team_client, django_assert_max_num_queries):
    questionnaire, _a, _b = _world(answered=12, invited=14)
    with django_assert_max_num_queries(25):
        assert team_client.get(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten/").status_code == 200


def test_filters_by_region_and_role(team_client):
    questionnaire, region_a, _b = _world()
    html = team_client.get(
        f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten/?region={region_a.pk}"
    ).content.decode()
    assert "100,0%" in html  # p0 and p2 invited in region A, both answered
    html = team_client.get(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten/?role=coordinator").content.decode()
    assert '<th scope="row">Nee</th><td>1</td>' in html
    assert '<th scope="row">Ja</th><td>0</td>' in html
    assert team_client.get(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten/?region=x&role=zz").status_code == 200


def test_anonymous_results_show_only_from_five_answers(team_client):
    questionnaire, _a, _b = _world(anonymous=True, answered=4, invited=6)
    url = f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten/"
    html = team_client.get(url).content.decode()
    assert "<svg" not in html and "opmerking" not in html
    assert team_client.get(url.replace("resultaten/", "resultaten.csv")).status_code == 404
    assert team_client.get(url.replace("resultaten/", "resultaten.xlsx")).status_code == 404
    _answer(questionnaire, questionnaire.invitations.get(email="p4@example.org"), comment="vijfde")
    html = team_client.get(url).content.decode()
    assert "<svg" in html and "vijfde" in html
    # Anonymous answers carry no region or role: a filter narrows the response rate, never the answers.
    filtered = team_client.get(url + "?role=coordinator").content.decode()
    assert "100,0% respons (1 van 1 uitgenodigden)" in filtered
    assert "alleen voor de respons" in filtered and "vijfde" in filtered


def test_the_csv_export_opens_with_one_row_per_response(team_client):
    questionnaire, region_a, _b = _world()
    response = team_client.get(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Regio", "Rol", "Ingediend op"]
    assert "Gebruik je het platform?" in header
    assert len(body) == 3
    column = header.index("Gebruik je het platform?")
    assert sorted(row[column] for row in body) == ["Ja", "Ja", "Nee"]
    assert region_a.name in [row[0] for row in body]
    # Named answers are personal data: who exported them is in the access log.
    assert AccessLogEntry.objects.filter(object_type="surveys.questionnaire", action="export").count() == 1


def test_the_xlsx_export_opens_and_anonymous_exports_have_no_time(team_client):
    questionnaire, _a, _b = _world(anonymous=True, answered=5, invited=6)
    response = team_client.get(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert "Ingediend op" not in header
    assert len(rows) == 6
    hours = header.index("Hoeveel uur training per jaar?")
    assert sorted(row[hours] for row in rows[1:] if row[hours] is not None) == [10, 11, 12, 13, 14]


def test_formulas_in_open_answers_are_neutralised(team_client):
    questionnaire = questionnaire_make()
    _answer(questionnaire, invitation_make(questionnaire), comment='=HYPERLINK("http://x")')
    sheet = load_workbook(
        io.BytesIO(team_client.get(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten.xlsx").content)
    ).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == '=HYPERLINK("http://x")']
    # Stored as text, shown as typed: no formula runs in the team's Excel, and no stray quote is added.
    assert len(cells) == 1 and cells[0].data_type == "s"
    csv_text = team_client.get(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten.csv").content.decode("utf-8-sig")
    assert '\'=HYPERLINK(""http://x"")' in csv_text
