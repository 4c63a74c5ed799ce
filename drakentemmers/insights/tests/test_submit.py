"""Reporting: anonymous and logged in, spam protection (honeypot, fill time, rate limit), privacy guard."""

import time

import pytest
from django.db import connection
from django.urls import reverse

from drakentemmers.insights.forms import started_token
from drakentemmers.insights.models import Report, ReportStatus, SubmitterRole

from .factories import form_data, region, therapist

pytestmark = pytest.mark.django_db
URL = reverse("insights:submit")


def test_the_form_opens_for_anonymous_visitors_with_a_signed_start_time(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="started"' in html and 'name="website"' in html and 'tabindex="-1"' in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]  # works without JavaScript


def test_anonymous_report_is_stored_pending_without_anything_identifying(client):
    response = client.post(URL, form_data(), REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox")
    assert response.status_code == 302 and response.url == reverse("insights:thanks")
    report = Report.objects.get()
    assert report.status == ReportStatus.PENDING
    assert report.submitter_role == SubmitterRole.EXPERT_BY_EXPERIENCE and report.submitter_region is None
    assert list(report.regions.all()) == [region()]
    # The database row itself: no column refers to a user, an address or an IP; no value holds them.
    columns = [c.name for c in connection.introspection.get_table_description(connection.cursor(), "insights_report")]
    words = {word for column in columns for word in column.split("_")}
    assert not words & {"user", "email", "ip", "address", "agent", "session", "author"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM insights_report WHERE id = %s", [report.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    assert "203.0.113.7" not in row and "Firefox" not in row


def test_logged_in_therapist_keeps_only_role_and_region(client_for):
    user = therapist("1011")
    response = client_for(user).post(URL, form_data(submitter_role=SubmitterRole.OTHER))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.submitter_role == SubmitterRole.THERAPIST  # from the account, not from the form
    assert report.submitter_region == region("VT01")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM insights_report WHERE id = %s", [report.pk])
        row = [str(value) for value in cursor.fetchone()]
    assert user.email not in row and user.get_full_name() not in row


@pytest.mark.parametrize("who", ["org_staff", "coordinator"])
def test_organisation_staff_and_coordinators_report_with_their_role_and_region_only(client_for, who):
    from auditlog.models import LogEntry

    from drakentemmers.accounts.models import Role
    from drakentemmers.accounts.tests.factories import make_user
    from drakentemmers.core.models import AccessLogEntry
    from drakentemmers.directory.tests.factories import OrganisationMembershipFactory

    if who == "org_staff":
        user = make_user(Role.ORG_STAFF, mfa=True)
        OrganisationMembershipFactory(user=user)  # an organisation in Amsterdam: region VT01
        expected = SubmitterRole.ORG_STAFF
    else:
        user = make_user(Role.COORDINATOR, mfa=True, region=region("VT01"))
        expected = SubmitterRole.COORDINATOR
    logs_before = (LogEntry.objects.count(), AccessLogEntry.objects.count())
    response = client_for(user).post(URL, form_data(submitter_role=SubmitterRole.EXPERT_BY_EXPERIENCE))
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.submitter_role, report.submitter_region) == (expected, region("VT01"))
    # No audit or access-log row was written by the submit: nothing elsewhere ties the report to the account.
    assert (LogEntry.objects.count(), AccessLogEntry.objects.count()) == logs_before


def test_a_filled_honeypot_looks_like_success_but_stores_nothing(client):
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 302 and response.url == reverse("insights:thanks")
    assert not Report.objects.exists()


def test_a_form_sent_within_seconds_is_refused_and_keeps_the_text(client):
    response = client.post(URL, form_data(started=started_token()))
    assert response.status_code == 400
    assert "erg snel" in response.content.decode() or "very quickly" in response.content.decode()
    assert "De financiering van traumabehandeling" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("started", ["", "forged", None])
def test_a_missing_or_forged_start_time_is_refused(client, started):
    data = (
        form_data(started=started) if started is not None else {k: v for k, v in form_data().items() if k != "started"}
    )
    response = client.post(URL, data)
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_an_expired_start_time_is_refused_and_renewed(client):
    response = client.post(URL, form_data(started=started_token(at=time.time() - 2 * 86400)))
    assert response.status_code == 400
    renewed = response.context["form"].data["started"]
    assert f'value="{renewed}"' in response.content.decode()
    response = client.post(URL, form_data(started=renewed))
    assert response.status_code == 400, response.context["form"].errors  # renewed just now: too fast
    assert not Report.objects.exists()


def test_the_rate_limit_stops_a_flood_from_one_address(client, settings):
    settings.PLATFORM_RATE_LIMITS = {**settings.PLATFORM_RATE_LIMITS, "signal_submit": "2/h"}
    for _ in range(2):
        assert client.post(URL, form_data(), REMOTE_ADDR="198.51.100.1").status_code == 302
    response = client.post(URL, form_data(), REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert Report.objects.count() == 2
    assert client.post(URL, form_data(), REMOTE_ADDR="198.51.100.2").status_code == 302


def test_a_bsn_is_refused_even_when_confirmed(client):
    data = form_data(description="Cliënt met BSN 111222333 wacht al maanden.", privacy_confirm="on")
    response = client.post(URL, data)
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_phone_number_in_the_effect_must_be_confirmed_or_removed(client):
    response = client.post(URL, form_data(effect="Bel moeder op 06-12345678 voor meer info."))
    assert response.status_code == 400
    assert response.context["form"].privacy_highlights
    assert not Report.objects.exists()


def test_an_empty_post_gives_form_errors_not_a_server_error(client):
    response = client.post(URL, {})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_an_unknown_theme_is_refused(client):
    assert client.post(URL, form_data(theme="nonsense")).status_code == 400
