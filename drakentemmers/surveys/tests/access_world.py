"""The access matrix's questionnaire objects: an open questionnaire with a section, a question and a link."""

from drakentemmers.surveys.tests.factories import invitation_make, questionnaire_make


def surveys_world_build() -> dict[str, object]:
    questionnaire = questionnaire_make()
    section = questionnaire.sections.first()
    invitation = invitation_make(questionnaire, email="contactambtenaar@example.nl")
    return {
        "questionnaire": questionnaire.pk,
        "questionnaire_section": section.pk,
        "questionnaire_question": section.questions.first().pk,
        "questionnaire_token": invitation.token,
    }
