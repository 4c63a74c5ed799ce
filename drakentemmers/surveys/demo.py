"""The plan's two demo questionnaires, opened, with some answers (fictitious). Idempotent: found by title.

- "Ervaringen en trainingswensen": to all members, anonymous; experience with the platform and training
  wishes, with skip logic. Most members answered; the demo therapist (behandelaar@) has it open.
- "Vragenlijst regionale contactpersonen": to the regional coordinators and a pasted list of contact
  officials (fictitious addresses without accounts), named.
"""

import random
from datetime import timedelta
from unittest import mock

from django.utils import timezone

from drakentemmers.accounts.demo import DEMO_DOMAIN, demo_email

from . import services
from .logic import condition_met
from .models import Question, QuestionKind, Questionnaire, Section

MEMBER_TITLE = "Ervaringen en trainingswensen"
REGIONAL_TITLE = "Vragenlijst regionale contactpersonen"
# The demo therapist logs in and sees the questionnaire waiting; everybody else may have answered.
KEEP_OPEN = {demo_email("behandelaar")}
ANSWER_SHARE = 0.6

TRAINING_TOPICS = [
    "EMDR bij kinderen",
    "Gehechtheidsgerichte therapie",
    "Werken met plegers",
    "Traumasensitief werken in de opvang",
    "Intervisie begeleiden",
]
OPEN_REMARKS = [
    "Fijn dat ik collega's in de regio makkelijk vind.",
    "De matching gaat snel, maar ik mis soms context bij de hulpvraag.",
    "Graag meer trainingen in het oosten van het land.",
    "Intervisie via het platform werkt goed.",
    "",
]


def _question(section: Section, position: int, text: str, kind: str, **fields) -> Question:
    return Question.objects.create(section=section, position=position, text=text, kind=kind, **fields)


def _member_questionnaire() -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        title=MEMBER_TITLE,
        intro="Een korte vragenlijst (5 minuten) over je ervaring met het platform en je trainingswensen. "
        "Je antwoorden zijn anoniem.",
        anonymous=True,
        closes_on=timezone.localdate() + timedelta(days=21),
        audience="members",
    )
    usage = Section.objects.create(questionnaire=questionnaire, title="Je ervaring met het platform", position=1)
    uses = _question(
        usage,
        1,
        "Heb je het platform het afgelopen half jaar gebruikt?",
        QuestionKind.SINGLE,
        choices="Ja\nNee",
        required=True,
    )
    _question(
        usage,
        2,
        "Welke onderdelen gebruik je?",
        QuestionKind.MULTIPLE,
        choices="Matching van hulpvragen\nKennisbank\nTrainingen\nIntervisie",
        required=True,
        show_if_question=uses,
        show_if_value="Ja",
    )
    _question(
        usage, 3, "Het platform helpt me bij mijn werk", QuestionKind.LIKERT, show_if_question=uses, show_if_value="Ja"
    )
    _question(usage, 4, "In welke regio werk je vooral?", QuestionKind.REGION)
    _question(
        usage, 5, "Wat kan er beter aan het platform?", QuestionKind.LONG_TEXT, help_text="Schrijf nooit over cliënten."
    )
    wishes = Section.objects.create(questionnaire=questionnaire, title="Trainingswensen", position=2)
    _question(
        wishes,
        1,
        "Welk onderwerp wil je graag als training?",
        QuestionKind.SINGLE,
        choices="\n".join(TRAINING_TOPICS),
        required=True,
    )
    _question(wishes, 2, "Hoeveel uur per jaar wil je aan training besteden?", QuestionKind.NUMBER)
    _question(wishes, 3, "Een ander onderwerp?", QuestionKind.SHORT_TEXT)
    return questionnaire


def _regional_questionnaire() -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        title=REGIONAL_TITLE,
        intro="Voor GHNT-projectleiders en contactambtenaren van de centrumgemeenten: hoe staat het met de "
        "beschikbaarheid van traumabehandeling in jouw regio?",
        closes_on=timezone.localdate() + timedelta(days=28),
        audience="contact_officials",
        audience_params={
            "emails": [f"contactambtenaar{n}@{DEMO_DOMAIN}" for n in range(1, 9)] + [demo_email("coordinator")]
        },
    )
    region = Section.objects.create(questionnaire=questionnaire, title="Je regio", position=1)
    _question(region, 1, "Voor welke regio vul je dit in?", QuestionKind.REGION, required=True)
    _question(
        region,
        2,
        "Is er voldoende traumabehandeling beschikbaar na huiselijk geweld?",
        QuestionKind.LIKERT,
        required=True,
    )
    bottleneck = _question(
        region,
        3,
        "Zijn er wachtlijsten voor traumabehandeling?",
        QuestionKind.SINGLE,
        choices="Ja\nNee\nWeet ik niet",
        required=True,
    )
    _question(
        region,
        4,
        "Hoeveel weken is de wachttijd ongeveer?",
        QuestionKind.NUMBER,
        show_if_question=bottleneck,
        show_if_value="Ja",
    )
    cooperation = Section.objects.create(questionnaire=questionnaire, title="Samenwerking", position=2)
    _question(
        cooperation,
        1,
        "Met wie werk je samen?",
        QuestionKind.MULTIPLE,
        choices="Vrouwenopvang\nVeilig Thuis\nMDA++\nWijkteams\nGGZ",
    )
    _question(cooperation, 2, "Wat zou het platform voor je regio kunnen doen?", QuestionKind.LONG_TEXT)
    return questionnaire


def _answers(questionnaire: Questionnaire, rng: random.Random, region_ids: list[int]) -> dict:
    answers: dict = {}
    visible: set[int] = set()
    for question in Question.objects.filter(section__questionnaire=questionnaire).order_by(
        "section__position", "position"
    ):
        options = question.options
        if not condition_met(question.show_if_question_id, question.show_if_value, answers, visible):
            continue
        visible.add(question.pk)
        if question.kind == QuestionKind.SINGLE:
            answers[question.key] = options[0] if "Ja" in options and rng.random() < 0.8 else rng.choice(options)
        elif question.kind == QuestionKind.MULTIPLE:
            answers[question.key] = rng.sample(options, rng.randint(1, len(options)))
        elif question.kind == QuestionKind.LIKERT:
            answers[question.key] = rng.choice([2, 3, 4, 4, 5])
        elif question.kind == QuestionKind.NUMBER:
            answers[question.key] = rng.choice([4, 8, 8, 12, 16, 24])
        elif question.kind == QuestionKind.REGION and region_ids:
            answers[question.key] = rng.choice(region_ids)
        elif question.kind == QuestionKind.LONG_TEXT:
            remark = rng.choice(OPEN_REMARKS)
            if remark:
                answers[question.key] = remark
    return answers


def _open_and_answer(questionnaire: Questionnaire, rng: random.Random) -> None:
    from drakentemmers.regions.selectors import reporting_regions

    # Demo data must never queue e-mail to the (fictitious) demo addresses.
    with mock.patch("drakentemmers.surveys.services.email_queue_template"):
        services.questionnaire_open(questionnaire=questionnaire)
    region_ids = list(reporting_regions().values_list("pk", flat=True))
    for invitation in questionnaire.invitations.order_by("email"):
        if invitation.email in KEEP_OPEN or rng.random() > ANSWER_SHARE:
            continue
        services.response_submit(invitation=invitation, answers=_answers(questionnaire, rng, region_ids))


def seed() -> None:
    rng = random.Random(21)
    for title, build in ((MEMBER_TITLE, _member_questionnaire), (REGIONAL_TITLE, _regional_questionnaire)):
        if Questionnaire.objects.filter(title=title).exists():
            continue
        _open_and_answer(build(), rng)
