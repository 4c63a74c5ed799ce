import pytest

from drakentemmers.accounts import personal_data
from drakentemmers.conversations.models import Message
from drakentemmers.matching import services
from drakentemmers.matching.models import CareRequest, RequestStatus

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db


def test_candidacies_keep_the_ranking_order():
    staff = org_staff()
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    a, b, c = therapist(), therapist(), therapist()
    created = services.candidacies_create(care_request=cr, therapist_ids=[c.pk, a.pk, b.pk, a.pk], by=staff)
    assert [i.therapist_id for i in created] == [c.pk, a.pk, b.pk]


def test_gdpr_export_and_erase_keep_the_organisations_records():
    staff = org_staff()
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    t = therapist()
    candidacy = services.candidacies_create(care_request=cr, therapist_ids=[t.pk], by=staff)[0]
    services.message_send(candidacy=candidacy, author=staff, body="Welke dagen kun je?")
    exported = personal_data.exporters()["matching"](staff)
    assert personal_data.exporters()["conversations"](staff)["messages_sent"][0]["body"] == "Welke dagen kun je?"
    assert exported["care_requests_created"] == [cr.pk]
    for eraser in personal_data.erasers().values():
        eraser(staff)
    message = Message.objects.get()
    assert message.author is None and message.body == "Welke dagen kun je?"
    cr.refresh_from_db()
    assert cr.created_by is None and CareRequest.objects.filter(pk=cr.pk).exists()
    assert not cr.status_changes.filter(changed_by=staff).exists()


def test_nav_entries_per_role(client_for):
    from django.test import RequestFactory

    from drakentemmers.core.navigation import entries_for

    staff = org_staff()
    t = therapist()
    request = RequestFactory().get("/")
    request.resolver_match = None
    request.user = staff
    assert "/hulpvragen/" in [e["url"] for e in entries_for(request)]
    request.user = t.user
    urls = [e["url"] for e in entries_for(request)]
    assert "/hulpvragen/uitnodigingen/" in urls and "/hulpvragen/" not in urls


def test_demo_history_makes_the_figures_show_something(region_vt):
    from django.utils import timezone

    from drakentemmers.matching.demo import _backdate, _spread_history
    from drakentemmers.matching.models import RequestKind, RequestStatus
    from drakentemmers.matching.selectors_metrics import MetricsScope, matching_metrics
    from drakentemmers.matching.tests.factories import care_request, org_staff

    staff = org_staff()
    for _ in range(5):
        cr = care_request(staff=staff, status=RequestStatus.TREATMENT_STARTED)
        _spread_history(cr, days=60)
        _backdate(cr, 60)
    now = timezone.now()
    [client] = [
        k
        for k in matching_metrics(scope=MetricsScope(regions=None), since=None, now=now)
        if k.kind == RequestKind.CLIENT
    ]
    assert client.total.median_first_response_days > 0.1  # hours, not zero
    assert client.total.median_match_days >= 1
    cr.refresh_from_db()
    assert cr.published_at < cr.matched_at < cr.treatment_started_at < now
