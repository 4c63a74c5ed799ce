"""Skip logic as a pure function: conditions on earlier questions, on sections, chained, on multiple choice."""

import pytest

from drakentemmers.surveys.logic import visible_question_ids
from drakentemmers.surveys.models import Question, QuestionKind
from drakentemmers.surveys.selectors import questionnaire_sections
from drakentemmers.surveys.tests.factories import q, questionnaire_make

pytestmark = pytest.mark.django_db


def _visible(questionnaire, answers: dict) -> set[str]:
    ids = visible_question_ids(questionnaire_sections(questionnaire), answers)
    return set(Question.objects.filter(pk__in=ids).values_list("text", flat=True))


def test_a_section_and_a_question_show_only_for_the_chosen_answer():
    questionnaire = questionnaire_make()
    uses = q(questionnaire, "Gebruik je het platform?").key
    unconditional = {"Gebruik je het platform?", "Het platform helpt me", "Opmerkingen"}
    assert _visible(questionnaire, {}) == unconditional
    assert _visible(questionnaire, {uses: "Nee"}) == unconditional
    assert _visible(questionnaire, {uses: "Ja"}) == unconditional | {
        "Wat gebruik je?",
        "Hoeveel uur training per jaar?",
        "Welke training wil je?",
    }


def test_a_hidden_question_hides_what_depends_on_it_and_multiple_choice_counts_any_option():
    questionnaire = questionnaire_make()
    uses = q(questionnaire, "Gebruik je het platform?")
    what = q(questionnaire, "Wat gebruik je?")
    Question.objects.create(
        section=uses.section,
        text="Hoe bevalt de matching?",
        kind=QuestionKind.SHORT_TEXT,
        position=9,
        show_if_question=what,
        show_if_value="Matching",
    )
    assert "Hoe bevalt de matching?" in _visible(questionnaire, {uses.key: "Ja", what.key: ["Kennisbank", "Matching"]})
    assert "Hoe bevalt de matching?" not in _visible(questionnaire, {uses.key: "Ja", what.key: ["Kennisbank"]})
    # The answer to "Wat gebruik je?" is left over, but that question is hidden: so is its dependant.
    assert "Hoe bevalt de matching?" not in _visible(questionnaire, {uses.key: "Nee", what.key: ["Matching"]})
