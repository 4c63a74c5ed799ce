"""The KPI the dashboard reads, the demo seeder and the menu entry."""

from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core import kpis, navigation
from drakentemmers.core.kpis import KpiPeriod
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.quality.models import CriterionReview, MarkStatus, QualityCriterion, QualityMark

pytestmark = pytest.mark.django_db


def test_members_with_a_valid_mark_nationally_and_per_region(django_assert_max_num_queries):
    today = timezone.localdate()
    amsterdam = TherapistProfileFactory(locations=["1011"]).user
    both = TherapistProfileFactory(locations=["1011", "3511"]).user
    QualityMark.objects.create(user=amsterdam, valid_from=today - timedelta(days=5), valid_until=date(2099, 1, 1))
    QualityMark.objects.create(user=both, valid_from=today - timedelta(days=5), valid_until=date(2099, 1, 1))
    QualityMark.objects.create(
        user=TherapistProfileFactory().user,
        valid_from=today - timedelta(days=5),
        valid_until=date(2099, 1, 1),
        status=MarkStatus.WITHDRAWN,
        ended_on=today - timedelta(days=1),
    )
    kpi = kpis.kpi_get("quality.members_with_mark")
    assert kpi is not None and kpi.group == kpis.KpiGroup.MEMBERS and kpi.cumulative
    period = KpiPeriod(start=today.replace(day=1), end=today + timedelta(days=1), region_kind="vt")
    with django_assert_max_num_queries(2):
        measured = kpi.measure_function()(period)
    assert measured.national.value == 2
    assert measured.by_region["VT01"].value == 2  # Amsterdam-Amstelland
    assert measured.by_region["VT20"].value == 1  # Utrecht
    # A period that ended before the withdrawal counts the withdrawn mark too.
    earlier = KpiPeriod(start=today - timedelta(days=3), end=today - timedelta(days=1), region_kind="vt")
    assert kpi.measure_function()(earlier).national.value == 3


def test_the_demo_seeder_is_idempotent():
    from drakentemmers.quality import demo

    for _ in range(3):
        TherapistProfileFactory(user__email=f"lid{_}@demo.drakentemmers.nl")
    demo.seed()
    demo.seed()
    assert QualityCriterion.objects.count() == 5
    assert QualityMark.objects.count() == 3
    assert QualityMark.objects.filter(notice_given_on__isnull=False).count() == 1
    assert CriterionReview.objects.filter(status="pending").count() == 0  # all three hold a mark
    # The demo is consistent with the rules: the daily job neither gives notice nor withdraws anything.
    from drakentemmers.quality.services import marks_daily_update

    assert not {"notice", "withdrawn", "expired", "awarded"} & set(marks_daily_update())


@pytest.mark.parametrize(("roles", "visible"), [((Role.THERAPIST,), True), ((Role.ORG_STAFF,), False), ((), False)])
def test_the_menu_entry_is_for_therapists(roles, visible):
    request = RequestFactory().get("/")
    request.user = make_user(*roles)
    request.resolver_match = resolve(reverse("core:home"))
    labels = [item["label"] for item in navigation.entries_for(request)]
    assert ("Keurmerk" in labels) is visible


def test_gdpr_export_and_erasure_cover_the_mark():
    from drakentemmers.accounts import personal_data
    from drakentemmers.quality.models import CriterionKind, DeclarationSignature

    from .factories import criterion, sign

    user = TherapistProfileFactory().user
    sign(user)
    CriterionReview.objects.create(user=user, criterion=criterion(CriterionKind.INTERVISION), member_note="Groep Noord")
    QualityMark.objects.create(user=user, valid_from=date(2026, 1, 1), valid_until=date(2027, 1, 1))
    exported = personal_data.exporters()["quality"](user)
    assert exported["criterion_reviews"][0]["statement"] == "Groep Noord" and len(exported["quality_marks"]) == 1
    personal_data.erasers()["quality"](user)
    assert not QualityMark.objects.filter(user=user).exists()
    assert not CriterionReview.objects.filter(user=user).exists()
    assert not DeclarationSignature.objects.filter(user=user).exists()
