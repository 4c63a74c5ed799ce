"""One response per invitee under concurrent submits, and anonymity proven on the database rows."""

import threading
from datetime import time

import pytest
from auditlog.models import LogEntry
from django.db import connection, connections
from django.utils import timezone

from drakentemmers.regions.models import Region
from drakentemmers.surveys import services
from drakentemmers.surveys.models import Response, SurveyInvitation
from drakentemmers.surveys.tests.factories import invitation_make, q, questionnaire_make

THREADS = 6


def _answers(questionnaire, text="Nee") -> dict:
    return {q(questionnaire, "Gebruik je het platform?").key: text}


def _submit_concurrently(invitation, answers) -> list:
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def submit() -> None:
        try:
            barrier.wait()
            services.response_submit(invitation=invitation, answers=answers)
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - the test counts the refusals
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("anonymous", [False, True])
def test_concurrent_submits_make_exactly_one_response(anonymous):
    questionnaire = questionnaire_make(anonymous=anonymous)
    invitation = invitation_make(questionnaire)
    outcomes = _submit_concurrently(invitation, _answers(questionnaire))
    assert outcomes.count("ok") == 1, outcomes
    assert outcomes.count("ValidationError") == THREADS - 1, outcomes
    assert Response.objects.filter(questionnaire=questionnaire).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_anonymous_submits_of_different_people_all_count():
    questionnaire = questionnaire_make(anonymous=True)
    invitations = [invitation_make(questionnaire, email=f"lid{n}@example.org") for n in range(THREADS)]
    barrier = threading.Barrier(THREADS)

    def submit(invitation) -> None:
        try:
            barrier.wait()
            services.response_submit(invitation=invitation, answers=_answers(questionnaire))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(i,)) for i in invitations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Response.objects.filter(questionnaire=questionnaire).count() == THREADS
    assert SurveyInvitation.objects.filter(questionnaire=questionnaire, accepted_at__isnull=False).count() == THREADS


def _columns(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s", [table])
        return dict(cursor.fetchall())


@pytest.mark.django_db
def test_an_anonymous_response_row_holds_no_link_to_the_person():
    questionnaire = questionnaire_make(anonymous=True)
    region = Region.objects.first()
    people = [
        invitation_make(questionnaire, email=f"lid{n}@example.org", region=region, group="coordinator")
        for n in range(3)
    ]
    for invitation, answer in zip(people, ["Ja", "Nee", "Nee"], strict=True):
        services.response_submit(invitation=invitation, answers=_answers(questionnaire, answer))

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM surveys_response WHERE questionnaire_id = %s", [questionnaire.pk])
        names = [column.name for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    assert len(rows) == 3
    for row in rows:
        assert row["invitation_id"] is None
        assert row["submitted_at"] is None
        # No region or role either: with the invitations marked done they would single out a lone respondent.
        assert row["region_id"] is None and row["group"] == ""
        # Nothing on the row names a person: the only foreign keys are the questionnaire and the region.
        assert set(names) == {
            "id",
            "questionnaire_id",
            "invitation_id",
            "submitted_at",
            "region_id",
            "group",
            "answers",
        }
        assert "lid" not in str(row["answers"])
    # The random primary key has no order to compare with the order of the invitations.
    assert _columns("surveys_response")["id"] == "uuid"
    # The invitations are only marked done on a day: midnight, the same for all of them.
    done = {i.accepted_at for i in SurveyInvitation.objects.filter(questionnaire=questionnaire)}
    assert done == {timezone.make_aware(timezone.datetime.combine(timezone.localdate(), time.min))}
    # And the drafts were wiped.
    assert all(i.draft == {} for i in SurveyInvitation.objects.filter(questionnaire=questionnaire))


@pytest.mark.django_db(transaction=True)
def test_the_database_bookkeeping_does_not_single_out_the_newest_anonymous_row():
    """PostgreSQL's transaction id (xmin) of every anonymous row is that of the latest submit: all rows are
    rewritten with it, so the invitation marked done in that transaction matches all of them, not one."""
    questionnaire = questionnaire_make(anonymous=True)
    for n in range(4):
        services.response_submit(
            invitation=invitation_make(questionnaire, email=f"p{n}@example.org"), answers=_answers(questionnaire)
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM surveys_response WHERE questionnaire_id = %s", [questionnaire.pk]
        )
        xmins = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT xmin::text FROM surveys_surveyinvitation WHERE email = 'p3@example.org' AND questionnaire_id = %s",
            [questionnaire.pk],
        )
        last_invitation_xmin = cursor.fetchone()[0]
    assert xmins == {last_invitation_xmin}


@pytest.mark.django_db
def test_auditlog_keeps_nothing_about_responses_or_invitations():
    questionnaire = questionnaire_make(anonymous=True)
    invitation = invitation_make(questionnaire)
    services.response_draft_save(invitation=invitation, answers={"x": "concept"})
    services.response_submit(invitation=invitation, answers=_answers(questionnaire))
    logged = set(LogEntry.objects.values_list("content_type__model", flat=True))
    assert "response" not in logged
    assert "surveyinvitation" not in logged
    assert "questionnaire" in logged  # the design is audited


@pytest.mark.django_db
def test_erasure_removes_named_answers_and_keeps_the_response_rate():
    from drakentemmers.accounts.tests.factories import make_user

    user = make_user()
    named = questionnaire_make()
    anonymous = questionnaire_make(anonymous=True)
    for questionnaire in (named, anonymous):
        invitation = invitation_make(questionnaire, email=user.email, user=user)
        services.response_submit(invitation=invitation, answers=_answers(questionnaire))
    exported = services.personal_data_export(user)["questionnaires"]
    assert sorted(bool(item["answers"]) for item in exported) == [False, True]  # the anonymous answer is nobody's
    services.personal_data_erase(user)
    assert not Response.objects.filter(questionnaire=named).exists()
    assert Response.objects.filter(questionnaire=anonymous).count() == 1
    assert SurveyInvitation.objects.filter(accepted_at__isnull=False).count() == 2
    assert not SurveyInvitation.objects.filter(email__iexact=user.email).exists()
    assert services.personal_data_records(user) == []


@pytest.mark.django_db
def test_the_service_refuses_a_bsn_even_without_the_form():
    from django.core.exceptions import ValidationError

    questionnaire = questionnaire_make()
    invitation = invitation_make(questionnaire)
    with pytest.raises(ValidationError):
        services.response_submit(invitation=invitation, answers={"q1": "BSN 111222333"})
    assert not Response.objects.exists()
