"""The team's pages under /beheer/keurmerk/: platform team with MFA only; review, criteria, withdraw."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.quality.models import CriterionKind, CriterionReview, MarkStatus, QualityCriterion, QualityMark

from .factories import builtin_criteria, criterion, member, sign

pytestmark = pytest.mark.django_db
MARKS = reverse("quality_team:marks")


@pytest.fixture
def team(db):
    return make_user(Role.VERIFIER, mfa=True)


@pytest.fixture
def pending(db):
    builtin_criteria()
    intervision = criterion(CriterionKind.INTERVISION, threshold=4, period_months=24, order=4)
    user = member()
    sign(user)
    return CriterionReview.objects.create(user=user, criterion=intervision, member_note="Groep Noord, 5 keer")


@pytest.mark.parametrize("name", ["marks", "criteria", "reviews"])
def test_team_pages_need_the_platform_team_with_mfa(client_for, name, team):
    url = reverse(f"quality_team:{name}")
    assert client_for(team).get(url).status_code == 200
    assert client_for(member()).get(url).status_code == 404
    assert client_for(make_user(Role.ORG_STAFF, mfa=True)).get(url).status_code == 404
    without_mfa = client_for(team, mfa_passed=False).get(url)
    assert without_mfa.status_code == 302 and "/account/" in without_mfa["Location"]
    assert client_for(make_user(Role.EDITOR, mfa=True)).get(url).status_code == 200


def test_the_team_reviews_the_last_criterion_and_the_member_gets_the_mark(
    client_for, team, pending, django_capture_on_commit_callbacks
):
    url = reverse("quality_team:review_decide", args=[pending.pk])
    client = client_for(team)
    assert "Groep Noord, 5 keer" in client.get(url).content.decode()
    empty = client.post(url, {})
    assert empty.status_code == 400 and "Kies of aan het criterium is voldaan." in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "met", "evidence_note": "Presentielijst gezien."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "met" and pending.reviewed_by == team
    assert pending.valid_until > timezone.localdate() + timedelta(days=360)
    mark = QualityMark.objects.get(user=pending.user)
    assert mark.status == MarkStatus.VALID
    subjects = [message.subject for message in mail.outbox]
    assert any("beoordeeld" in subject for subject in subjects) and any("keurmerk" in s for s in subjects)
    # Decided reviews leave the queue; deciding again is a 404.
    assert client.get(url).status_code == 404
    assert "Er wachten geen beoordelingen." in client.get(reverse("quality_team:reviews")).content.decode()


def test_a_review_date_in_the_past_is_refused(client_for, team, pending):
    url = reverse("quality_team:review_decide", args=[pending.pk])
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client_for(team).post(url, {"decision": "met", "evidence_note": "Gezien", "valid_until": yesterday})
    assert response.status_code == 400 and "De datum ligt in het verleden." in response.content.decode()


def test_the_team_adds_and_edits_criteria(client_for, team):
    client = client_for(team)
    url = reverse("quality_team:criteria")
    assert client.post(url, {}).status_code == 400
    response = client.post(
        url,
        {
            "kind": "training_hours",
            "threshold": "24",
            "period_months": "24",
            "description": "Scholing",
            "order": "5",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    item = QualityCriterion.objects.get()
    assert item.threshold == 24 and item.is_active
    edit = reverse("quality_team:criterion_edit", args=[item.pk])
    client.post(
        edit, {"kind": "training_hours", "threshold": "30", "period_months": "24", "description": "Meer", "order": "5"}
    )
    item.refresh_from_db()
    assert item.threshold == 30 and not item.is_active
    assert "minstens 30 in de laatste 24 maanden" in client.get(url).content.decode()


def test_the_team_withdraws_a_mark_with_a_reason(client_for, team, django_capture_on_commit_callbacks):
    user = member()
    mark = QualityMark.objects.create(user=user, valid_from=timezone.localdate(), valid_until=date(2099, 1, 1))
    url = reverse("quality_team:mark", args=[mark.pk])
    client = client_for(team)
    empty = client.post(url, {})
    assert empty.status_code == 400 and "Geef de reden die het lid te lezen krijgt." in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": "Registratie doorgehaald in het BIG-register."}).status_code == 302
    mark.refresh_from_db()
    assert mark.status == MarkStatus.WITHDRAWN and mark.withdrawn_by == team and mark.blocks_new_award
    assert "doorgehaald" in mail.outbox[-1].body
    assert "Nieuw keurmerk toestaan" in client.get(url).content.decode()
    client.post(reverse("quality_team:mark_allow", args=[mark.pk]))
    mark.refresh_from_db()
    assert not mark.blocks_new_award


def test_the_mark_list_filters_by_status(client_for, team):
    today = timezone.localdate()
    valid = QualityMark.objects.create(
        user=member(user__first_name="Geldig"), valid_from=today, valid_until=date(2099, 1, 1)
    )
    QualityMark.objects.create(
        user=member(user__first_name="Opgezegd"),
        valid_from=today,
        valid_until=date(2099, 1, 1),
        notice_given_on=today,
        notice_until=today + timedelta(days=30),
    )
    client = client_for(team)
    html = client.get(MARKS, {"status": "notice"}).content.decode()
    assert "Opgezegd" in html and valid.user.get_full_name() not in html
    assert client.get(MARKS, {"status": "nonsense"}).status_code == 200


def test_the_mark_list_query_count_does_not_grow(client_for, team, django_assert_max_num_queries):
    today = timezone.localdate()
    for _ in range(15):
        QualityMark.objects.create(user=member(), valid_from=today, valid_until=date(2099, 1, 1))
    client = client_for(team)
    with django_assert_max_num_queries(13):
        assert client.get(MARKS).status_code == 200


def test_withdrawing_an_ended_mark_explains_why(client_for, team):
    mark = QualityMark.objects.create(
        user=member(), valid_from=date(2025, 1, 1), valid_until=date(2026, 1, 1), status=MarkStatus.EXPIRED
    )
    response = client_for(team).post(reverse("quality_team:mark", args=[mark.pk]), {"reason": "Dubbel"})
    assert response.status_code == 400 and "Dit keurmerk is niet meer geldig." in response.content.decode()
