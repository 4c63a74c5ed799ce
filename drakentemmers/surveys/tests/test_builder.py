"""The builder: create, add sections and questions with skip logic, open (invitations by e-mail), close."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.core.models import OutgoingEmail
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.surveys import services
from drakentemmers.surveys.models import Question, QuestionKind, Questionnaire, QuestionnaireStatus, SurveyInvitation
from drakentemmers.surveys.tests.factories import q, questionnaire_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_client():
    return logged_in_client(make_user(Role.EDITOR, mfa=True))


def test_the_team_builds_a_questionnaire(team_client):
    closes = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = team_client.post(
        "/beheer/vragenlijsten/nieuw/",
        {"title": "Trainingswensen", "intro": "", "closes_on": closes, "audience": "members"},
    )
    questionnaire = Questionnaire.objects.get(title="Trainingswensen")
    assert response.status_code == 302
    url = f"/beheer/vragenlijsten/{questionnaire.pk}/"
    assert team_client.post(url, {"action": "add_section", "section-title": "Wensen"}).status_code == 302
    section = questionnaire.sections.get()
    response = team_client.post(
        url,
        {
            "action": "add_question",
            "section": section.pk,
            f"question-{section.pk}-text": "Welk onderwerp?",
            f"question-{section.pk}-kind": "single",
            f"question-{section.pk}-choices": "EMDR\nGehechtheid",
            f"question-{section.pk}-required": "on",
        },
    )
    assert response.status_code == 302
    first = Question.objects.get(text="Welk onderwerp?")
    response = team_client.post(
        url,
        {
            "action": "add_question",
            "section": section.pk,
            f"question-{section.pk}-text": "Waarom EMDR?",
            f"question-{section.pk}-kind": "long_text",
            f"question-{section.pk}-show_if_question": first.pk,
            f"question-{section.pk}-show_if_value": "EMDR",
        },
    )
    assert response.status_code == 302
    assert Question.objects.get(text="Waarom EMDR?").show_if_question == first
    assert "Welk onderwerp?" in team_client.get(url).content.decode()


def test_a_condition_must_name_an_option_of_the_question(team_client):
    questionnaire = questionnaire_make(status=QuestionnaireStatus.DRAFT)
    uses = q(questionnaire, "Gebruik je het platform?")
    section = uses.section
    response = team_client.post(
        f"/beheer/vragenlijsten/{questionnaire.pk}/",
        {
            "action": "add_question",
            "section": uses.section_id,
            f"question-{section.pk}-text": "Nieuw",
            f"question-{section.pk}-kind": "short_text",
            f"question-{section.pk}-show_if_question": uses.pk,
            f"question-{section.pk}-show_if_value": "Misschien",
        },
    )
    assert response.status_code == 400
    assert not Question.objects.filter(text="Nieuw").exists()


def test_a_condition_on_a_later_question_is_refused():
    questionnaire = questionnaire_make(status=QuestionnaireStatus.DRAFT)
    later = q(questionnaire, "Het platform helpt me")
    first = q(questionnaire, "Gebruik je het platform?")
    first.show_if_question, first.show_if_value = later, "3"
    with pytest.raises(ValidationError):
        services.question_save(question=first)


def test_a_choice_question_needs_two_options(team_client):
    questionnaire = questionnaire_make(status=QuestionnaireStatus.DRAFT)
    section = questionnaire.sections.first()
    response = team_client.post(
        f"/beheer/vragenlijsten/{questionnaire.pk}/",
        {
            "action": "add_question",
            "section": section.pk,
            f"question-{section.pk}-text": "Eén",
            f"question-{section.pk}-kind": "single",
            f"question-{section.pk}-choices": "Ja",
        },
    )
    assert response.status_code == 400


def test_empty_posts_never_error(team_client):
    questionnaire = questionnaire_make(status=QuestionnaireStatus.DRAFT)
    assert team_client.post("/beheer/vragenlijsten/nieuw/", {}).status_code == 400
    assert team_client.post(f"/beheer/vragenlijsten/{questionnaire.pk}/", {}).status_code == 302
    assert team_client.post(f"/beheer/vragenlijsten/{questionnaire.pk}/", {"action": "add_section"}).status_code == 400
    assert team_client.post(f"/beheer/vragenlijsten/{questionnaire.pk}/", {"action": "add_question"}).status_code == 404


def test_opening_invites_the_audience_once_by_e_mail(team_client):
    members = [TherapistProfileFactory() for _ in range(3)]
    TherapistProfileFactory(status="submitted", verified_at=None)  # not verified: not invited
    questionnaire = questionnaire_make(status=QuestionnaireStatus.DRAFT)
    response = team_client.post(f"/beheer/vragenlijsten/{questionnaire.pk}/", {"action": "open"})
    assert response.status_code == 302
    questionnaire.refresh_from_db()
    assert questionnaire.status == QuestionnaireStatus.OPEN
    invited = set(SurveyInvitation.objects.filter(questionnaire=questionnaire).values_list("email", flat=True))
    assert invited == {m.user.email.lower() for m in members}
    mails = OutgoingEmail.objects.filter(subject__contains=questionnaire.title)
    assert mails.count() == 3
    token = SurveyInvitation.objects.filter(questionnaire=questionnaire).first().token
    assert any(token in mail.body_text for mail in mails)
    # Opening again invites only newcomers.
    TherapistProfileFactory()
    assert services.questionnaire_open(questionnaire=questionnaire) == 1
    assert SurveyInvitation.objects.filter(questionnaire=questionnaire).count() == 4


def test_contact_officials_are_invited_by_a_pasted_list_without_accounts(team_client):
    closes = (timezone.localdate() + timedelta(days=10)).isoformat()
    data = {
        "title": "Regio",
        "closes_on": closes,
        "audience": "contact_officials",
        "emails": "a@gemeente.nl, geen-adres",
    }
    assert team_client.post("/beheer/vragenlijsten/nieuw/", data).status_code == 400
    data["emails"] = "a@gemeente.nl; B@Gemeente.nl\nb@gemeente.nl"
    assert team_client.post("/beheer/vragenlijsten/nieuw/", data).status_code == 302
    questionnaire = Questionnaire.objects.get(title="Regio")
    assert questionnaire.audience_params == {"emails": ["a@gemeente.nl", "b@gemeente.nl"]}
    Question.objects.create(
        section=questionnaire.sections.create(title="Eén"), text="Hoe gaat het?", kind=QuestionKind.SHORT_TEXT
    )
    assert services.questionnaire_open(questionnaire=questionnaire) == 2
    assert set(SurveyInvitation.objects.values_list("group", flat=True)) == {"contact_official"}


def test_questions_cannot_change_once_open():
    questionnaire = questionnaire_make()
    question = q(questionnaire, "Opmerkingen")
    question.text = "Anders"
    with pytest.raises(ValidationError):
        services.question_save(question=question)


def test_the_builder_is_for_the_platform_team_only(client):
    questionnaire = questionnaire_make()
    therapist = TherapistProfileFactory().user
    assert logged_in_client(therapist).get(f"/beheer/vragenlijsten/{questionnaire.pk}/").status_code == 404
    assert client.get("/beheer/vragenlijsten/").status_code == 302


def test_an_open_questionnaire_past_its_closing_date_shows_as_closed(team_client):
    questionnaire = questionnaire_make(closes_on=timezone.localdate() - timedelta(days=1))
    assert "Gesloten (sluitingsdatum voorbij)" in team_client.get("/beheer/vragenlijsten/").content.decode()
    assert questionnaire.status == QuestionnaireStatus.OPEN


def test_an_app_audience_with_a_parameter_gets_a_choice_in_the_builder(team_client):
    from drakentemmers.surveys import audiences

    audiences.audience_register(
        audiences.Audience(
            "test.training",
            "Deelnemers van een training",
            lambda params: [audiences.Recipient(email=f"deelnemer{params['training_id']}@x.nl")],
            param="training_id",
            param_label="Training",
            param_choices=lambda: [(7, "EMDR basis"), (8, "Gehechtheid")],
        )
    )
    closes = (timezone.localdate() + timedelta(days=10)).isoformat()
    data = {"title": "Evaluatie", "closes_on": closes, "audience": "test.training"}
    assert team_client.post("/beheer/vragenlijsten/nieuw/", data).status_code == 400
    assert team_client.post("/beheer/vragenlijsten/nieuw/", {**data, "param_test_training": "7"}).status_code == 302
    questionnaire = Questionnaire.objects.get(title="Evaluatie")
    assert questionnaire.audience_params == {"training_id": "7"}
    questionnaire.sections.create(title="Eén").questions.create(text="Hoe was het?", kind=QuestionKind.LONG_TEXT)
    assert services.questionnaire_open(questionnaire=questionnaire) == 1
    assert SurveyInvitation.objects.get(questionnaire=questionnaire).email == "deelnemer7@x.nl"
    audiences._AUDIENCES.pop("test.training")
