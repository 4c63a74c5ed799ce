"""Skip logic: which sections and questions a respondent sees, given the answers so far. Pure functions."""

from .models import Question, Section


def condition_met(question_id: int | None, value: str, answers: dict, visible: set[int]) -> bool:
    """No condition, or the controlling question is visible and its answer is (or, for a list, holds) `value`."""
    if question_id is None:
        return True
    if question_id not in visible:
        return False
    answer = answers.get(f"q{question_id}")
    if isinstance(answer, list):
        return value in [str(item) for item in answer]
    return answer is not None and str(answer) == value


def visible_question_ids(sections: list[Section], answers: dict) -> set[int]:
    """Ids of the questions shown for these answers. `sections` with their questions prefetched, in order.

    A condition may only point at an earlier question (the builder enforces it), so one pass in order
    decides everything: a question hidden by its condition also hides what depends on it.
    """
    visible: set[int] = set()
    for section in sections:
        if not condition_met(section.show_if_question_id, section.show_if_value, answers, visible):
            continue
        for question in section.questions.all():
            if condition_met(question.show_if_question_id, question.show_if_value, answers, visible):
                visible.add(question.pk)
    return visible


def ordered_questions(sections: list[Section]) -> list[Question]:
    return [question for section in sections for question in section.questions.all()]
