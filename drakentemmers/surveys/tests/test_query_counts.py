"""The pages' query counts are pinned and do not grow with the data (more answers, sections, invitations)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.surveys import services
from drakentemmers.surveys.models import QuestionnaireStatus, Section
from drakentemmers.surveys.tests.factories import invitation_make, q, questionnaire_make

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    """Warm (the first request of a session also records the session's activity), then count."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_builder_and_answer_pages_do_not_grow_with_sections(django_assert_max_num_queries):
    team = logged_in_client(make_user(Role.EDITOR, mfa=True))
    draft = questionnaire_make(status=QuestionnaireStatus.DRAFT)
    open_one = questionnaire_make()
    invitation = invitation_make(open_one)
    builder = f"/beheer/vragenlijsten/{draft.pk}/"
    small = (_count(team, builder), _count(team, invitation.get_absolute_url()))
    for questionnaire in (draft, open_one):
        for n in range(4):
            section = Section.objects.create(questionnaire=questionnaire, title=f"Extra {n}", position=10 + n)
            section.questions.create(text=f"Vraag {n}", kind="short_text")
            section.questions.create(text=f"Keuze {n}", kind="single", choices="a\nb")
    big = (_count(team, builder), _count(team, invitation.get_absolute_url()))
    assert small == big
    with django_assert_max_num_queries(16):
        team.get(builder)


def test_the_member_list_and_the_manage_list_do_not_grow(django_assert_max_num_queries):
    therapist = TherapistProfileFactory().user
    member = logged_in_client(therapist)
    team = logged_in_client(make_user(Role.EDITOR, mfa=True))
    first = questionnaire_make()
    invitation_make(first, email=therapist.email, user=therapist)
    small = (_count(member, "/vragenlijsten/"), _count(team, "/beheer/vragenlijsten/"))
    for n in range(4):
        other = questionnaire_make(title=f"Lijst {n}")
        invitation = invitation_make(other, email=therapist.email, user=therapist)
        services.response_submit(invitation=invitation, answers={q(other, "Gebruik je het platform?").key: "Nee"})
    assert (_count(member, "/vragenlijsten/"), _count(team, "/beheer/vragenlijsten/")) == small
    with django_assert_max_num_queries(12):
        member.get("/vragenlijsten/")
