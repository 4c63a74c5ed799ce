import pytest

from drakentemmers.accounts import demo as accounts_demo
from drakentemmers.core.models import OutgoingEmail
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.surveys import demo
from drakentemmers.surveys.models import Questionnaire, Response

pytestmark = pytest.mark.django_db


def test_the_demo_creates_both_questionnaires_with_answers_once_and_sends_no_mail():
    accounts_demo.seed()
    for _ in range(12):
        TherapistProfileFactory()
    demo.seed()
    demo.seed()
    member = Questionnaire.objects.get(title=demo.MEMBER_TITLE)
    regional = Questionnaire.objects.get(title=demo.REGIONAL_TITLE)
    assert member.anonymous and member.status == "open"
    assert Response.objects.filter(questionnaire=member).count() >= 5
    assert Response.objects.filter(questionnaire=regional).exists()
    assert regional.invitations.filter(user__isnull=True).exists()  # contact officials without an account
    assert not OutgoingEmail.objects.exists()
