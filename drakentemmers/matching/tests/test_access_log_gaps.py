"""Finding 11 (issue 15), first half: reads that were not access-logged now are.

Admin change and history views of sensitive models, the verification page (BIG number), the request list,
the fitting list (one row per request shown, written in one INSERT), conversation threads and the
GDPR export.
"""

import pytest
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.models import AccessLogEntry
from drakentemmers.directory import services as directory_services
from drakentemmers.directory.models import VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.matching import services
from drakentemmers.matching.models import RequestStatus

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db


def _logged(user, object_type: str, object_id, action: str | None = None) -> bool:
    rows = AccessLogEntry.objects.filter(user=user, object_type=object_type, object_id=str(object_id))
    return rows.filter(action=action).exists() if action else rows.exists()


@pytest.fixture
def superuser():
    return make_user(Role.ADMINISTRATOR, mfa=True, is_staff=True, is_superuser=True)


@pytest.mark.parametrize("view", ["change", "history"])
def test_admin_reads_of_a_care_request_and_a_thread_are_logged(client_for, superuser, view):
    staff = org_staff()
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    candidacy = services.candidacies_create(care_request=cr, therapist_ids=[therapist().pk], by=staff)[0]
    thread = services.message_send(candidacy=candidacy, author=staff, body="Hallo").thread
    client = client_for(superuser)
    for obj, label in ((cr, "matching.carerequest"), (thread, "conversations.thread")):
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])
        assert client.get(url).status_code == 200
        assert _logged(superuser, label, obj.pk, f"admin_{'view' if view == 'change' else 'history'}")


def test_admin_change_view_of_a_therapist_profile_is_logged(client_for, superuser):
    profile = TherapistProfileFactory()
    url = reverse("admin:directory_therapistprofile_change", args=[profile.pk])
    assert client_for(superuser).get(url).status_code == 200
    assert _logged(superuser, "directory.therapistprofile", profile.pk, "admin_view")


def test_verification_page_is_logged(client_for, verifier_user):
    profile = TherapistProfileFactory(status=VerificationStatus.SUBMITTED)
    url = reverse("directory:verification_therapist", args=[profile.pk])
    assert client_for(verifier_user).get(url).status_code == 200
    assert _logged(verifier_user, "directory.therapistprofile", profile.pk, "verify")


def test_request_list_logs_one_row_per_request_in_one_query(client_for, django_assert_max_num_queries):
    staff = org_staff()
    requests = [care_request(staff=staff, status=RequestStatus.OPEN) for _ in range(3)]
    client = client_for(staff)
    client.get(reverse("matching:request_list"))
    AccessLogEntry.objects.all().delete()
    more = care_request(staff=staff)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("matching:request_list")).status_code == 200
    logged = set(AccessLogEntry.objects.filter(user=staff, action="list").values_list("object_id", flat=True))
    assert logged == {str(cr.pk) for cr in [*requests, more]}


def test_fitting_list_logs_the_requests_shown(client_for):
    staff = org_staff()
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    fitting = therapist()
    assert client_for(fitting.user).get(reverse("matching:fitting")).status_code == 200
    assert _logged(fitting.user, "matching.carerequest", cr.pk, "list")


def test_contact_thread_is_logged(client_for):
    profile = TherapistProfileFactory()
    staff = org_staff()
    thread = directory_services.conversation_start(therapist=profile, sender=staff, subject="S", body="B")
    url = reverse("conversations:thread", args=[thread.pk])
    assert client_for(profile.user).get(url).status_code == 200
    assert _logged(profile.user, "conversations.thread", thread.pk, "messages")


def test_gdpr_export_is_logged(client_for, nobody):
    assert client_for(nobody).get(reverse("accounts:export")).status_code == 200
    assert _logged(nobody, "accounts.user", nobody.pk, "export")
