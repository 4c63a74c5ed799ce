"""Questionnaires for tests: a small one with skip logic, open, and invitations to it."""

from datetime import timedelta

from django.utils import timezone

from drakentemmers.surveys.models import (
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireStatus,
    Section,
    SurveyInvitation,
)
from drakentemmers.surveys.services import closing_moment


def questionnaire_make(*, anonymous: bool = False, status: str = QuestionnaireStatus.OPEN, **fields) -> Questionnaire:
    """Two sections: 'Do you use the platform?' (Ja/Nee, required); 'What do you use?' (multiple, only
    if Ja, required); a Likert and an open question; section 2 'Training' shown only if Ja, with a
    required number and a long text."""
    questionnaire = Questionnaire.objects.create(
        title=fields.pop("title", "Ervaring met het platform"),
        anonymous=anonymous,
        status=status,
        closes_on=fields.pop("closes_on", timezone.localdate() + timedelta(days=14)),
        audience=fields.pop("audience", "members"),
        **fields,
    )
    first = Section.objects.create(questionnaire=questionnaire, title="Gebruik", position=1)
    uses = Question.objects.create(
        section=first,
        text="Gebruik je het platform?",
        kind=QuestionKind.SINGLE,
        choices="Ja\nNee",
        required=True,
        position=1,
    )
    Question.objects.create(
        section=first,
        text="Wat gebruik je?",
        kind=QuestionKind.MULTIPLE,
        choices="Matching\nKennisbank\nTrainingen",
        required=True,
        position=2,
        show_if_question=uses,
        show_if_value="Ja",
    )
    Question.objects.create(section=first, text="Het platform helpt me", kind=QuestionKind.LIKERT, position=3)
    Question.objects.create(section=first, text="Opmerkingen", kind=QuestionKind.LONG_TEXT, position=4)
    second = Section.objects.create(
        questionnaire=questionnaire, title="Training", position=2, show_if_question=uses, show_if_value="Ja"
    )
    Question.objects.create(
        section=second, text="Hoeveel uur training per jaar?", kind=QuestionKind.NUMBER, required=True, position=1
    )
    Question.objects.create(section=second, text="Welke training wil je?", kind=QuestionKind.SHORT_TEXT, position=2)
    return questionnaire


def q(questionnaire: Questionnaire, text: str) -> Question:
    return Question.objects.get(section__questionnaire=questionnaire, text=text)


def invitation_make(questionnaire: Questionnaire, email: str = "lid@example.org", **fields) -> SurveyInvitation:
    return SurveyInvitation.objects.create(
        questionnaire=questionnaire, email=email, expires_at=closing_moment(questionnaire), **fields
    )


def full_answers(questionnaire: Questionnaire) -> dict:
    """POST data that answers every question, taking the 'Ja' path."""
    return {
        q(questionnaire, "Gebruik je het platform?").key: "Ja",
        q(questionnaire, "Wat gebruik je?").key: ["Matching", "Trainingen"],
        q(questionnaire, "Het platform helpt me").key: "4",
        q(questionnaire, "Opmerkingen").key: "Fijn om collega's te vinden.",
        q(questionnaire, "Hoeveel uur training per jaar?").key: "12,5",
        q(questionnaire, "Welke training wil je?").key: "EMDR bij kinderen",
        "action": "submit",
    }
