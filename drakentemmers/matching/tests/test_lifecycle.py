import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from drakentemmers.matching import services
from drakentemmers.matching.models import RequestKind, RequestStatus, StatusChange

from .factories import care_request, org_staff, request_data, therapist

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return org_staff()


def test_create_writes_draft_and_first_status_change(staff):
    cr = care_request(staff=staff)
    assert cr.status == RequestStatus.DRAFT
    assert cr.municipality.name == "Amsterdam" and cr.postcode_area.code == "1012"
    assert [(c.from_status, c.to_status, c.changed_by) for c in cr.status_changes.all()] == [("", "draft", staff)]
    assert list(cr.methods.values_list("slug", flat=True)) == ["emdr"]


def test_structural_request_has_no_client_profile(staff):
    cr = care_request(staff=staff, kind=RequestKind.STRUCTURAL, hours=8, hours_unit="week")
    assert (cr.client_type, cr.age_band, cr.client_role) == ("", "", "")
    assert cr.target_groups.count() == 0


def test_publish_records_who_and_when(staff):
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    change = cr.status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by) == ("draft", "open", staff)
    assert cr.published_at is not None


def test_publish_requires_a_place_unless_online(staff):
    cr = care_request(staff=staff, place=None, setting="online")
    services.care_request_publish(care_request=cr, by=staff)
    assert cr.status == RequestStatus.OPEN


@pytest.mark.parametrize(
    ("status", "service"),
    [
        (RequestStatus.DRAFT, services.care_request_start_treatment),
        (RequestStatus.DRAFT, services.care_request_close),
        (RequestStatus.OPEN, services.care_request_close),
        (RequestStatus.OPEN, services.care_request_start_treatment),
        (RequestStatus.CLOSED, services.care_request_withdraw),
        (RequestStatus.WITHDRAWN, services.care_request_close),
        (RequestStatus.TREATMENT_STARTED, services.care_request_withdraw),
    ],
)
def test_invalid_transition_is_refused_in_dutch(staff, status, service):
    cr = care_request(staff=staff, status=status)
    before = StatusChange.objects.filter(care_request=cr).count()
    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        service(care_request=cr, by=staff)
    assert "kan niet" in excinfo.value.messages[0]
    cr.refresh_from_db()
    assert cr.status == status
    assert StatusChange.objects.filter(care_request=cr).count() == before


def test_publish_twice_is_refused(staff):
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    with pytest.raises(ValidationError):
        services.care_request_publish(care_request=cr, by=staff)


def test_full_lifecycle_writes_every_transition(staff):
    cr = care_request(staff=staff, status=RequestStatus.CLOSED)
    assert list(cr.status_changes.values_list("to_status", flat=True)) == [
        "draft",
        "open",
        "matched",
        "treatment_started",
        "closed",
    ]
    assert cr.matched_at and cr.treatment_started_at and cr.closed_at


def test_withdraw_tells_pending_invitees_politely(staff, django_capture_on_commit_callbacks):
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    t1, t2 = therapist(), therapist()
    services.candidacies_create(care_request=cr, therapist_ids=[t1.pk, t2.pk], by=staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.care_request_withdraw(care_request=cr, by=staff, note="Cliënte verhuisd")
    assert set(cr.candidacies.values_list("status", flat=True)) == {"withdrawn"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([t1.user.email, t2.user.email])
    assert cr.status_changes.last().note == "Cliënte verhuisd"


def test_edit_only_in_draft_or_open(staff):
    cr = care_request(staff=staff, status=RequestStatus.MATCHED)
    with pytest.raises(ValidationError):
        services.care_request_update(care_request=cr, by=staff, data=request_data(title="Nieuw"))


def test_update_changes_fields_and_place(staff):
    cr = care_request(staff=staff)
    from drakentemmers.regions.selectors import place_resolve

    services.care_request_update(
        care_request=cr, by=staff, data=request_data(title="Aangepast", place=place_resolve("Utrecht"))
    )
    cr.refresh_from_db()
    assert cr.title == "Aangepast" and cr.municipality.name == "Utrecht" and cr.postcode_area is None


def test_service_rejects_bsn_even_without_form(staff):
    with pytest.raises(ValidationError) as excinfo:
        care_request(staff=staff, context="BSN 111222333")
    assert "context" in excinfo.value.message_dict


def test_keep_open_resets_expiry_question(staff):
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    from django.utils import timezone

    cr.expiry_warned_at = timezone.now()
    cr.save()
    services.care_request_keep_open(care_request=cr, by=staff)
    cr.refresh_from_db()
    assert cr.expiry_warned_at is None and cr.kept_open_at is not None


def test_criteria_for_request(staff):
    cr = care_request(staff=staff, status=RequestStatus.OPEN, urgency="high", max_distance_km=30)
    t = therapist()
    services.candidacies_create(care_request=cr, therapist_ids=[t.pk], by=staff)
    criteria = services.criteria_for_request(cr)
    assert criteria.age_bands == ("18+",)
    assert criteria.setting == "outpatient" and criteria.urgency == "high"
    assert criteria.max_distance_km == 30.0
    assert criteria.exclude_therapist_ids == (t.pk,)
    assert criteria.method_ids == tuple(cr.methods.values_list("pk", flat=True))
    assert criteria.latitude == pytest.approx(cr.postcode_area.latitude)


def test_criteria_for_structural_request_has_no_age_band(staff):
    cr = care_request(staff=staff, kind=RequestKind.STRUCTURAL, hours=4, hours_unit="month")
    assert services.criteria_for_request(cr).age_bands == ()
