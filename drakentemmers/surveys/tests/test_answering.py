"""Answering through the personal link: drafts, submit, skip logic, closing date, no login needed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from drakentemmers.surveys.models import QuestionnaireStatus, Response
from drakentemmers.surveys.tests.factories import full_answers, invitation_make, q, questionnaire_make

pytestmark = pytest.mark.django_db


def _url(invitation) -> str:
    return invitation.get_absolute_url()


def test_anyone_with_the_link_answers_without_login(client):
    questionnaire = questionnaire_make()
    invitation = invitation_make(questionnaire, email="wethouder@gemeente.example")
    page = client.get(_url(invitation))
    assert page.status_code == 200
    assert "Gebruik je het platform?" in page.content.decode()
    response = client.post(_url(invitation), full_answers(questionnaire))
    assert response.status_code == 200
    assert "Bedankt" in response.content.decode() or "Thank you" in response.content.decode()
    stored = Response.objects.get(questionnaire=questionnaire)
    assert stored.invitation == invitation
    assert stored.answers[q(questionnaire, "Hoeveel uur training per jaar?").key] == 12.5
    assert stored.answers[q(questionnaire, "Het platform helpt me").key] == 4
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_a_second_submit_does_not_make_a_second_response(client):
    questionnaire = questionnaire_make()
    invitation = invitation_make(questionnaire)
    client.post(_url(invitation), full_answers(questionnaire))
    again = client.post(_url(invitation), full_answers(questionnaire))
    assert again.status_code == 200
    assert Response.objects.filter(questionnaire=questionnaire).count() == 1


def test_a_draft_is_kept_and_filled_in_again_without_required_answers(client):
    questionnaire = questionnaire_make()
    invitation = invitation_make(questionnaire)
    key = q(questionnaire, "Opmerkingen").key
    response = client.post(_url(invitation), {key: "Half af", "action": "draft"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.draft == {key: "Half af"}
    assert invitation.accepted_at is None
    assert not Response.objects.exists()
    assert "Half af" in client.get(_url(invitation)).content.decode()


def test_required_questions_are_required_on_submit(client):
    questionnaire = questionnaire_make()
    invitation = invitation_make(questionnaire)
    response = client.post(_url(invitation), {"action": "submit"})
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_skipped_required_questions_are_not_required_and_their_answers_dropped(client):
    questionnaire = questionnaire_make()
    invitation = invitation_make(questionnaire)
    data = full_answers(questionnaire)
    data[q(questionnaire, "Gebruik je het platform?").key] = "Nee"
    # The skipped multiple-choice question and the whole "Training" section get no answer stored,
    # and their required questions do not block the submit.
    del data[q(questionnaire, "Hoeveel uur training per jaar?").key]
    response = client.post(_url(invitation), data)
    assert response.status_code == 200, response.content.decode()[:2000]
    answers = Response.objects.get().answers
    assert q(questionnaire, "Wat gebruik je?").key not in answers
    assert q(questionnaire, "Welke training wil je?").key not in answers
    assert answers[q(questionnaire, "Gebruik je het platform?").key] == "Nee"


def test_a_visible_required_question_left_empty_blocks(client):
    questionnaire = questionnaire_make()
    invitation = invitation_make(questionnaire)
    data = full_answers(questionnaire)
    del data[q(questionnaire, "Hoeveel uur training per jaar?").key]
    assert client.post(_url(invitation), data).status_code == 400
    assert not Response.objects.exists()


def test_after_the_closing_date_nothing_is_accepted(client):
    questionnaire = questionnaire_make(closes_on=timezone.localdate() - timedelta(days=1))
    invitation = invitation_make(questionnaire)
    assert client.get(_url(invitation)).status_code == 410
    assert client.post(_url(invitation), full_answers(questionnaire)).status_code == 410
    assert not Response.objects.exists()


def test_a_draft_questionnaire_and_an_unknown_token_give_404(client):
    questionnaire = questionnaire_make(status=QuestionnaireStatus.DRAFT)
    invitation = invitation_make(questionnaire)
    assert client.get(_url(invitation)).status_code == 404
    assert client.get("/vragenlijsten/onbekend-token/").status_code == 404


def test_an_empty_post_never_errors(client):
    invitation = invitation_make(questionnaire_make())
    assert client.post(_url(invitation), {}).status_code == 400


def test_a_bsn_in_an_open_answer_is_refused(client):
    questionnaire = questionnaire_make()
    invitation = invitation_make(questionnaire)
    data = full_answers(questionnaire)
    data[q(questionnaire, "Opmerkingen").key] = "Cliënt met BSN 111222333 wacht al lang"
    assert client.post(_url(invitation), data).status_code == 400
    assert not Response.objects.exists()
