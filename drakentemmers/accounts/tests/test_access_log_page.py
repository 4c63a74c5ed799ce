"""Finding 11 (issue 15), second half: the NEN 7513 access-log page at /beheer/toegangslog/.

Administrators with MFA filter by user, object and period, newest first, paginated, with a CSV export;
each query is itself logged. Everybody else gets 404 (anonymous: the login page).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.models import AccessLogEntry

pytestmark = pytest.mark.django_db
URL = reverse("platform:access_log")


@pytest.fixture
def admin_user():
    return make_user(Role.ADMINISTRATOR, mfa=True)


def _entry(user, object_id: str, *, days_ago: int = 0, object_type: str = "matching.carerequest") -> AccessLogEntry:
    entry = AccessLogEntry.objects.create(
        user=user, user_label=user.email, object_type=object_type, object_id=object_id, path="/x/"
    )
    AccessLogEntry.objects.filter(pk=entry.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
    return entry


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("role", [None, Role.THERAPIST, Role.EDITOR, Role.MODERATOR, Role.VERIFIER, Role.COORDINATOR])
def test_other_roles_get_404(client_for, region_vt, role):
    user = make_user(*([role] if role else []), mfa=True, region=region_vt if role == Role.COORDINATOR else None)
    assert client_for(user).get(URL).status_code == 404


def test_administrator_without_mfa_is_sent_to_mfa(client_for):
    response = client_for(make_user(Role.ADMINISTRATOR)).get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_filters_by_user_object_and_period_newest_first(client_for, admin_user):
    reader, other = make_user(email="lezer@example.nl"), make_user()
    old = _entry(reader, "7", days_ago=40)
    new = _entry(reader, "7", days_ago=1)
    _entry(reader, "8", days_ago=1)
    _entry(other, "7", days_ago=1)
    since = (timezone.localdate() - datetime.timedelta(days=60)).isoformat()
    response = client_for(admin_user).get(
        URL, {"user": "lezer@", "object_type": "matching.carerequest", "object_id": "7", "since": since}
    )
    assert response.status_code == 200
    assert [e.pk for e in response.context["page_obj"]] == [new.pk, old.pk]
    until = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    response = client_for(admin_user).get(URL, {"user": str(reader.pk), "until": until})
    assert [e.pk for e in response.context["page_obj"]] == [old.pk]


def test_invalid_filters_keep_the_input_and_show_a_dutch_error(client_for, admin_user):
    response = client_for(admin_user).get(URL, {"object_id": "7", "since": "2026-02-01", "until": "2026-01-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies het soort gegeven waar het nummer bij hoort." in html
    assert "De einddatum ligt voor de begindatum." in html
    assert 'value="7"' in html


def test_it_is_paginated_and_the_query_count_is_pinned(client_for, admin_user, django_assert_max_num_queries):
    reader = make_user()
    AccessLogEntry.objects.bulk_create(
        [
            AccessLogEntry(user=reader, user_label=reader.email, object_type="matching.carerequest", object_id=str(i))
            for i in range(120)
        ]
    )
    client = client_for(admin_user)
    client.get(URL)
    # Measured: session, user, user session (read, update), roles, MFA, navigation, count, page, the logged query.
    with django_assert_max_num_queries(13):
        response = client.get(URL, {"page": 2})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 50 and response.context["page_obj"].number == 2


def test_csv_export(client_for, admin_user):
    reader = make_user(email="lezer@example.nl")
    _entry(reader, "7")
    response = client_for(admin_user).get(URL, {"user": "lezer@", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(lines) == 2 and "lezer@example.nl" in lines[1] and "matching.carerequest" in lines[1]


def test_reading_the_log_is_logged(client_for, admin_user):
    client_for(admin_user).get(URL, {"object_type": "matching.carerequest", "object_id": "7"})
    client_for(admin_user).get(URL, {"format": "csv"})
    entries = AccessLogEntry.objects.filter(user=admin_user, object_type="core.accesslogentry")
    assert sorted(entries.values_list("action", flat=True)) == ["export", "query"]
    assert entries.filter(action="query", path__contains="object_id=7").exists()
