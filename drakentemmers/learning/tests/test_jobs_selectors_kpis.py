"""Reminders and offer expiry jobs, the selectors for the integrator, figures, KPIs and suggestions."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core import kpis, scheduling
from drakentemmers.core.models import OutgoingEmail
from drakentemmers.directory.models import Method, TargetGroup
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.learning import selectors, services
from drakentemmers.learning.models import Audience, Format
from drakentemmers.regions.models import Region
from drakentemmers.regions.selectors import reporting_region_kind

from .factories import training_with_session

pytestmark = pytest.mark.django_db


def _enrol(training, audience=Audience.REFERRING, user=None, now=None):
    return services.training_enrol(training=training, user=user or make_user(), audience=audience, now=now)


def test_reminders_go_a_week_and_a_day_before_once_each():
    now = timezone.now()
    training = training_with_session(starts_at=now + timedelta(days=6, hours=12))
    enrolment = _enrol(training)
    OutgoingEmail.objects.all().delete()
    assert services.reminders_send(now=now) == {"week": 1, "day": 0}
    assert services.reminders_send(now=now) == {"week": 0, "day": 0}
    assert services.reminders_send(now=now + timedelta(days=6)) == {"week": 0, "day": 1}
    assert services.reminders_send(now=now + timedelta(days=6)) == {"week": 0, "day": 0}
    assert OutgoingEmail.objects.filter(to=[enrolment.user.email]).count() == 2


def test_the_jobs_are_registered_and_their_tasks_run_the_services():
    names = {job.name for job in scheduling.jobs()}
    assert {"training_reminders_send", "training_offers_expire"} <= names
    assert scheduling.job_get("training_offers_expire").get_task().call() == 0


def test_training_hours_and_participants_for_the_integrator():
    now = timezone.now()
    training = training_with_session(starts_at=now - timedelta(days=20), sessions=2, hours=3)
    enrolment = _enrol(training, now=now - timedelta(days=40))
    cancelled = _enrol(training, now=now - timedelta(days=40))
    services.enrolment_cancel(enrolment=cancelled)
    first, second = training.sessions.order_by("starts_at")
    services.attendance_mark(session=first, present_ids={enrolment.pk}, by=make_user())
    services.attendance_mark(session=second, present_ids=set(), by=make_user())
    assert selectors.training_hours_for_user(enrolment.user, since=date(2000, 1, 1)) == Decimal("3.0")
    assert selectors.training_hours_for_user(enrolment.user, since=(now + timedelta(days=1)).date()) == Decimal("0")
    assert list(selectors.training_participants(training)) == [enrolment.user]


def test_people_trained_kpis_count_people_present_per_audience_and_region():
    now = timezone.now()
    training = training_with_session(starts_at=now - timedelta(days=5))
    online = training_with_session(starts_at=now - timedelta(days=4), format=Format.ONLINE, municipality=None)
    person = make_user()
    a = _enrol(training, user=person, now=now - timedelta(days=30))
    b = _enrol(online, user=person, now=now - timedelta(days=30))
    c = _enrol(training, audience=Audience.HBO, now=now - timedelta(days=30))
    _enrol(training, now=now - timedelta(days=30))  # absent: not trained
    services.attendance_mark(session=training.sessions.get(), present_ids={a.pk, c.pk}, by=make_user())
    services.attendance_mark(session=online.sessions.get(), present_ids={b.pk}, by=make_user())
    start, end = (now - timedelta(days=30)).date(), (now + timedelta(days=1)).date()
    period = kpis.KpiPeriod(start=start, end=end, region_kind=reporting_region_kind())
    referring = kpis.kpi_get("learning.people_trained_referring").measure_function()(period)
    utrecht = Region.objects.get(kind=reporting_region_kind(), municipalities__name="Utrecht").code
    assert referring.national.value == 1 and referring.by_region == {utrecht: kpis.KpiValue(1)}
    assert kpis.kpi_get("learning.people_trained_hbo").measure_function()(period).national.value == 1
    held = kpis.kpi_get("learning.trainings_held").measure_function()(period)
    assert held.national.value == 2 and held.by_region[utrecht].value == 1
    by_year = selectors.people_trained(by="year")
    assert by_year[0].by_audience[Audience.REFERRING] == 1 and by_year[0].total == 2


def test_suggestions_fill_the_gaps_between_profile_and_offer():
    emdr, net = (
        Method.objects.create(slug="x-emdr", name_nl="EMDR", name_en="EMDR"),
        Method.objects.create(slug="x-net", name_nl="NET", name_en="NET"),
    )
    children = TargetGroup.objects.create(slug="x-kinderen", name_nl="Kinderen", name_en="Children")
    profile = TherapistProfileFactory()
    profile.methods.set([emdr])
    profile.target_groups.set([children])
    known = training_with_session(title="Alleen EMDR", audience=Audience.THERAPISTS)
    known.methods.set([emdr])
    gap = training_with_session(title="NET voor kinderen", audience=Audience.THERAPISTS)
    gap.methods.set([net])
    gap.target_groups.set([children])
    other = training_with_session(title="Voor verwijzers", audience=Audience.REFERRING)
    other.methods.set([net])
    suggestions = selectors.training_suggestions(profile.user)
    assert [t.title for t in suggestions] == ["NET voor kinderen"]
    assert suggestions[0].suggestion_new_methods == [net]
    _enrol(gap, user=profile.user, audience=Audience.THERAPISTS)
    assert selectors.training_suggestions(profile.user) == []
    assert selectors.training_suggestions(make_user()) == []


def test_my_drakentemmers_shows_the_suggested_training(client_for):
    from django.urls import reverse

    net = Method.objects.create(slug="y-net", name_nl="NET-methode", name_en="NET method")
    profile = TherapistProfileFactory()
    gap = training_with_session(title="NET voor gezinnen", audience=Audience.THERAPISTS)
    gap.methods.set([net])
    page = client_for(profile.user).get(reverse("core:my_home")).content.decode()
    assert "NET voor gezinnen" in page and "NET-methode" in page
    assert "NET voor gezinnen" not in client_for(make_user()).get(reverse("core:my_home")).content.decode()
