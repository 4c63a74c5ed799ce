"""Finding 4 (issue 15): of the platform team only administrators (with MFA) read care requests and threads.

Editors, moderators and verifiers have no task that needs a request, so they get 404 like a stranger.
"""

import pytest
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.models import AccessLogEntry
from drakentemmers.matching import services
from drakentemmers.matching.models import RequestStatus

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread_world():
    staff = org_staff()
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    candidacy = services.candidacies_create(care_request=cr, therapist_ids=[therapist().pk], by=staff)[0]
    return {
        "request_detail": reverse("matching:request_detail", args=[cr.pk]),
        "thread": reverse("matching:thread", args=[candidacy.pk]),
    }


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR, Role.VERIFIER])
@pytest.mark.parametrize("page", ["request_detail", "thread"])
def test_other_platform_roles_get_404(client_for, thread_world, role, page):
    user = make_user(role, mfa=True)
    assert client_for(user).get(thread_world[page]).status_code == 404
    assert not AccessLogEntry.objects.filter(user=user).exists()


@pytest.mark.parametrize("page", ["request_detail", "thread"])
def test_administrator_reads_and_is_logged(client_for, thread_world, page):
    admin = make_user(Role.ADMINISTRATOR, mfa=True)
    response = client_for(admin).get(thread_world[page])
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(user=admin, object_type="matching.carerequest").count() == 1


def test_administrator_without_mfa_is_sent_to_mfa(client_for, thread_world):
    admin = make_user(Role.ADMINISTRATOR)
    response = client_for(admin).get(thread_world["request_detail"])
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_platform_team_keeps_the_aggregate_figures(client_for):
    assert client_for(make_user(Role.EDITOR, mfa=True)).get(reverse("matching:metrics")).status_code == 200
