"""Questionnaire journey: a member answers through the menu (draft first, then submit, with skip logic), the
platform team sees the response rate change and downloads the export. axe on every page; 1280 and 320 px."""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import enable_totp, make_user
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.surveys.models import Response, SurveyInvitation
from drakentemmers.surveys.tests.factories import invitation_make, questionnaire_make
from e2e.conftest import check, log_in


def look(page, name: str) -> None:
    """axe and a screenshot at 1280 px, then at 320 px (no sideways scrolling); copies for review."""
    check(page, name)
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, f"{name}-320")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways at 320 px by {overflow} px"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.django_db(transaction=True)
def test_member_answers_and_the_team_sees_the_response_and_exports(page, browser, live_server, tmp_path):
    member = TherapistProfileFactory(user=make_user(first_name="Joris", last_name="Lid")).user
    other = TherapistProfileFactory().user
    editor = make_user(Role.EDITOR)
    secret = enable_totp(editor)
    questionnaire = questionnaire_make(title="Ervaringen en trainingswensen")
    invitation_make(questionnaire, email=member.email, user=member)
    invitation_make(questionnaire, email=other.email, user=other)

    # The team (its own browser: a TOTP code works once) sees nobody has answered yet.
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(30_000)
    team = context.new_page()
    log_in(team, editor.email, secret)
    team.goto(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten/")
    assert "0,0% respons (0 van 2 uitgenodigden)" in team.get_by_test_id("response-rate").inner_text()
    team.goto(f"/beheer/vragenlijsten/{questionnaire.pk}/")
    look(team, "surveys-builder")

    # The member finds the questionnaire in the menu, saves a draft, then submits.
    log_in(page, member.email)
    page.get_by_role("link", name=re.compile(r"^Vragenlijsten")).first.click()
    page.wait_for_url(re.compile(r"/vragenlijsten/$"))
    look(page, "surveys-mine")
    page.get_by_role("link", name="Ervaringen en trainingswensen").click()
    page.wait_for_url(re.compile(r"/vragenlijsten/[^/]+/$"))
    look(page, "surveys-answer")
    # With JavaScript the questions that depend on "Ja" are hidden until it is chosen.
    assert not page.get_by_text("Wat gebruik je?").is_visible()
    page.get_by_label("Ja", exact=True).check()
    expect(page.get_by_text("Wat gebruik je?")).to_be_visible()
    page.get_by_label("Trainingen").check()
    page.get_by_label("4 – eens").check()
    page.get_by_role("button", name="Bewaar als concept").click()
    page.get_by_text("Je antwoorden zijn bewaard als concept.").wait_for()
    assert page.get_by_label("Trainingen").is_checked()
    page.get_by_label("Hoeveel uur training per jaar?").fill("12,5")
    page.get_by_label("Welke training wil je?").fill("EMDR bij jonge kinderen")
    page.get_by_role("button", name="Versturen").click()
    page.get_by_text("Bedankt! Je antwoorden zijn ontvangen.").wait_for()
    look(page, "surveys-done")
    answers = Response.objects.get().answers
    assert "Trainingen" in next(v for v in answers.values() if isinstance(v, list))

    # The team sees the response rate change, the chart and table, and downloads the export.
    team.goto(f"/beheer/vragenlijsten/{questionnaire.pk}/resultaten/")
    assert "50,0% respons (1 van 2 uitgenodigden)" in team.get_by_test_id("response-rate").inner_text()
    assert team.locator("svg.dt-chart").count() >= 3
    look(team, "surveys-results")
    with team.expect_download() as download_info:
        team.get_by_role("link", name="Downloaden als Excel").click()
    path = tmp_path / "export.xlsx"
    download_info.value.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert "EMDR bij jonge kinderen" in rows[1]
    assert 12.5 in rows[1]
    context.close()


@pytest.mark.django_db(transaction=True)
def test_the_team_builds_a_questionnaire_with_skip_logic_and_opens_it(page):
    members = [TherapistProfileFactory().user for _ in range(2)]
    editor = make_user(Role.EDITOR)
    log_in(page, editor.email, enable_totp(editor))
    page.goto("/beheer/vragenlijsten/")
    page.get_by_role("link", name="Nieuwe vragenlijst").click()
    look(page, "surveys-new")
    page.get_by_label("Titel").fill("Trainingswensen 2027")
    page.get_by_label("Sluitingsdatum").fill("2099-12-31")
    page.get_by_label("Doelgroep").select_option(label="Alle leden (geverifieerde behandelaars)")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De vragenlijst is opgeslagen.").wait_for()
    page.get_by_label("Titel").fill("Wensen")
    page.get_by_role("button", name="Onderdeel toevoegen").click()
    page.get_by_text("Onderdeel toegevoegd.").wait_for()
    page.get_by_text("Een vraag toevoegen aan dit onderdeel").click()
    page.get_by_label(re.compile(r"^Vraag")).fill("Wil je een training volgen?")
    page.get_by_label(re.compile(r"^Soort")).select_option(label="Eén keuze")
    page.get_by_label("Antwoordopties").fill("Ja\nNee")
    page.get_by_label("Verplicht", exact=True).check()
    page.get_by_role("button", name="Vraag toevoegen").click()
    page.get_by_text("Vraag toegevoegd.").wait_for()
    page.get_by_text("Een vraag toevoegen aan dit onderdeel").click()
    page.get_by_label(re.compile(r"^Vraag")).fill("Welk onderwerp?")
    page.get_by_label(re.compile(r"^Soort")).select_option(label="Korte tekst")
    page.locator("[id$=-show_if_question][id^=id_question-]").select_option(label="Wil je een training volgen?")
    page.locator("[id$=-show_if_value][id^=id_question-]").fill("Ja")
    page.get_by_role("button", name="Vraag toevoegen").click()
    page.get_by_text("Vraag toegevoegd.").wait_for()
    assert "alleen bij antwoord “Ja”" in page.locator("main").inner_text()
    look(page, "surveys-builder-draft")
    page.get_by_role("button", name="Openen en uitnodigingen versturen").click()
    page.get_by_text("2 nieuwe uitnodigingen zijn onderweg").wait_for()
    assert {m.email for m in members} == set(
        SurveyInvitation.objects.filter(questionnaire__title="Trainingswensen 2027").values_list("email", flat=True)
    )
