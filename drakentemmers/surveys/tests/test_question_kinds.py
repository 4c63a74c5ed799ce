"""Every question kind through the whole path: built in the builder, answered by link, counted, exported."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.regions.selectors import reporting_regions
from drakentemmers.surveys import services
from drakentemmers.surveys.models import Question, QuestionKind, Questionnaire, Response
from drakentemmers.surveys.tests.factories import invitation_make

pytestmark = pytest.mark.django_db

KINDS = {
    "Welke rol heb je?": (QuestionKind.SINGLE, "Behandelaar\nCoördinator"),
    "Wat gebruik je?": (QuestionKind.MULTIPLE, "Matching\nKennisbank\nTrainingen"),
    "Het platform helpt me": (QuestionKind.LIKERT, ""),
    "Hoeveel cliënten per week?": (QuestionKind.NUMBER, ""),
    "Je functie": (QuestionKind.SHORT_TEXT, ""),
    "Wat mis je?": (QuestionKind.LONG_TEXT, ""),
    "In welke regio werk je?": (QuestionKind.REGION, ""),
}


def _build(team) -> Questionnaire:
    closes = (timezone.localdate() + timedelta(days=10)).isoformat()
    team.post(
        "/beheer/vragenlijsten/nieuw/",
        {"title": "Alle soorten", "intro": "", "closes_on": closes, "audience": "members"},
    )
    questionnaire = Questionnaire.objects.get(title="Alle soorten")
    url = f"/beheer/vragenlijsten/{questionnaire.pk}/"
    assert team.post(url, {"action": "add_section", "section-title": "Alles"}).status_code == 302
    section = questionnaire.sections.get()
    for text, (kind, choices) in KINDS.items():
        prefix = f"question-{section.pk}-"
        data = {"action": "add_question", "section": section.pk, prefix + "text": text, prefix + "kind": kind}
        data[prefix + "choices"] = choices
        if kind != QuestionKind.LONG_TEXT:
            data[prefix + "required"] = "on"
        assert team.post(url, data).status_code == 302, text
    return questionnaire


def test_every_kind_is_built_answered_counted_and_exported():
    team = logged_in_client(make_user(Role.EDITOR, mfa=True))
    questionnaire = _build(team)
    questions = {q.text: q for q in Question.objects.filter(section__questionnaire=questionnaire)}
    assert {text: q.kind for text, q in questions.items()} == {text: kind for text, (kind, _c) in KINDS.items()}
    assert questions["Wat mis je?"].required is False and questions["Je functie"].required is True
    services.questionnaire_open(questionnaire=questionnaire)  # nobody in the audience yet: invitations by hand
    region = reporting_regions()[0]
    invitation = invitation_make(questionnaire)
    key = {text: q.key for text, q in questions.items()}
    page = Client().get(invitation.get_absolute_url()).content.decode()
    assert 'value="4"' in page and "4 – eens" in page  # the Likert scale with its words
    assert f'<option value="{region.pk}">{region.name}</option>' in page  # the region list

    # Required means required: an empty submit names each required question and stores nothing.
    response = Client().post(invitation.get_absolute_url(), {"action": "submit"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {key[t] for t in KINDS if t != "Wat mis je?"}
    assert not Response.objects.exists()

    # A wrong number or an unknown region is refused too, and the typed answers stay.
    answers = {
        key["Welke rol heb je?"]: "Behandelaar",
        key["Wat gebruik je?"]: ["Matching", "Trainingen"],
        key["Het platform helpt me"]: "4",
        key["Hoeveel cliënten per week?"]: "veel",
        key["Je functie"]: "GZ-psycholoog",
        key["In welke regio werk je?"]: "999999",
        "action": "submit",
    }
    response = Client().post(invitation.get_absolute_url(), answers)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {key["Hoeveel cliënten per week?"], key["In welke regio werk je?"]}
    assert "GZ-psycholoog" in response.content.decode()

    answers.update({key["Hoeveel cliënten per week?"]: "7,5", key["In welke regio werk je?"]: str(region.pk)})
    assert Client().post(invitation.get_absolute_url(), answers).status_code == 200
    stored = Response.objects.get().answers
    assert stored == {
        key["Welke rol heb je?"]: "Behandelaar",
        key["Wat gebruik je?"]: ["Matching", "Trainingen"],
        key["Het platform helpt me"]: 4,
        key["Hoeveel cliënten per week?"]: 7.5,
        key["Je functie"]: "GZ-psycholoog",
        key["In welke regio werk je?"]: region.pk,
    }

    # Counted per kind on the results page: a bar and a table row per option, the region by its name.
    html = team.get(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten/").content.decode()
    assert html.count('<svg class="dt-chart"') == 5  # single, multiple, Likert, number, region
    counted = [("Behandelaar", 1), ("Coördinator", 0), ("Matching", 1), ("Kennisbank", 0)]
    counted += [("4 – eens", 1), ("5 – helemaal eens", 0)]  # the Likert points with their words
    for label, count in counted:
        assert f'<th scope="row">{label}</th><td>{count}</td>' in html, label
    assert f'<th scope="row">{region.name}</th><td>1</td>' in html
    assert '<th scope="row">7,5</th><td>1</td>' in html
    assert "Gemiddeld 4,0, mediaan 4,0" in html  # the Likert scale's mean and median
    assert "GZ-psycholoog" in html  # the open answer

    # Exported as people read it: a list joined, the region named, the number a number.
    sheet = load_workbook(
        io.BytesIO(team.get(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten.xlsx").content)
    ).active
    header, row = (list(r) for r in sheet.iter_rows(values_only=True))
    value = dict(zip(header, row, strict=True))
    assert value["Wat gebruik je?"] == "Matching; Trainingen"
    assert value["In welke regio werk je?"] == region.name
    assert value["Hoeveel cliënten per week?"] == 7.5 and value["Het platform helpt me"] == 4
    assert value["Wat mis je?"] in ("", None)
