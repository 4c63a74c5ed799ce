"""Intervision groups: ask to join, the facilitator accepts, the group space follows membership, meetings,
attendance, and the iCal feed parsed back with icalendar."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from drakentemmers.accounts.tests.factories import logged_in_client
from drakentemmers.conversations.models import Message
from drakentemmers.conversations.selectors import inbox_threads
from drakentemmers.directory.models import VerificationStatus

from .. import selectors, services
from ..kpis import active_groups, meetings_held
from ..models import Attendance, MembershipStatus

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _space(group) -> str:
    return reverse("colleagues:group_space", args=[group.pk])


def test_join_accept_and_post_in_the_group_space(facilitator, outsider):
    group = services.group_create(facilitator=facilitator, name="Intervisie Zeeland")
    client = logged_in_client(outsider)
    assert client.get(_space(group)).status_code == 404
    assert client.post(reverse("colleagues:group_join", args=[group.pk])).status_code == 302
    membership = group.memberships.get(user=outsider)
    assert membership.status == MembershipStatus.REQUESTED
    assert client.get(_space(group)).status_code == 404  # asking is not being a member

    decide = reverse("colleagues:membership_decide", args=[group.pk, membership.pk])
    assert client.post(decide, {"action": "accept"}).status_code == 404  # not a member, so not the facilitator
    assert logged_in_client(facilitator).post(decide, {"action": "accept"}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACCEPTED

    response = client.post(_space(group), {"body": "Dank voor het toelaten!"})
    assert response.status_code == 302
    assert Message.objects.filter(author=outsider, body="Dank voor het toelaten!").exists()
    page = logged_in_client(facilitator).get(_space(group)).content.decode()
    assert "Dank voor het toelaten!" in page


def test_a_member_who_is_not_facilitator_gets_403_on_management(group, member):
    client = logged_in_client(member)
    assert client.get(reverse("colleagues:meeting_create", args=[group.pk])).status_code == 403


def test_the_group_thread_is_in_every_members_inbox_and_leaves_with_the_member(group, facilitator, member):
    services.group_message_post(group=group, author=facilitator, body="Volgende keer casus van Ahmed.")
    assert [t.subject for t in inbox_threads(member)] == [group.name]
    assert inbox_threads(member)[0].others == [group.name]
    thread_url = reverse("conversations:thread", args=[services.group_thread(group).pk])
    assert logged_in_client(member).get(thread_url).status_code == 302  # sent on to the group space
    services.membership_leave(group=group, user=member)
    assert inbox_threads(member) == []
    assert logged_in_client(member).get(thread_url).status_code == 404
    assert logged_in_client(member).get(_space(group)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.group_message_post(group=group, author=member, body="Ben ik er nog?")


def test_a_member_whose_profile_is_suspended_loses_the_group_space(group, member):
    services.group_message_post(group=group, author=member, body="Hallo")
    member.therapist_profile.status = VerificationStatus.SUSPENDED
    member.therapist_profile.save()
    assert logged_in_client(member).get(_space(group)).status_code == 404
    assert member.pk not in {u.pk for u in services.permissions.group_thread_members(group)}


def test_the_privacy_guard_applies_in_the_group_space(group, member):
    response = logged_in_client(member).post(_space(group), {"body": "BSN 111222333", "privacy_confirm": "on"})
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_the_facilitator_cannot_leave(group, facilitator):
    response = logged_in_client(facilitator).post(reverse("colleagues:group_leave", args=[group.pk]))
    assert response.status_code == 302
    assert group.memberships.get(user=facilitator).status == MembershipStatus.ACCEPTED


def test_meeting_form_takes_dutch_time_and_rejects_an_end_before_the_start(group, facilitator):
    client = logged_in_client(facilitator)
    url = reverse("colleagues:meeting_create", args=[group.pk])
    bad = client.post(url, {"day": "2026-12-15", "start": "14:00", "end": "13:00", "location": "Utrecht"})
    assert bad.status_code == 400 and "14:00" in bad.content.decode()
    assert client.post(url, {}).status_code == 400
    good = client.post(url, {"day": "2026-12-15", "start": "14:00", "end": "16:00", "location": "Utrecht"})
    assert good.status_code == 302
    meeting = group.meetings.get()
    assert meeting.starts_at == datetime(2026, 12, 15, 14, 0, tzinfo=AMSTERDAM)
    assert meeting.starts_at.astimezone(ZoneInfo("UTC")).hour == 13  # winter time: UTC+1


def test_the_ical_feed_parses_back_with_the_meetings_in_amsterdam_time(group, facilitator, member, outsider):
    summer = datetime(2027, 6, 3, 19, 30, tzinfo=AMSTERDAM)
    winter = datetime(2027, 1, 14, 9, 0, tzinfo=AMSTERDAM)
    for start in (summer, winter):
        services.meeting_create(
            group=group, by=facilitator, starts_at=start, ends_at=start + timedelta(hours=2), location="Online"
        )
    url = reverse("colleagues:group_calendar", args=[group.pk])
    assert logged_in_client(outsider).get(url).status_code == 404
    response = logged_in_client(member).get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [e.decoded("dtstart") for e in events] == [winter, summer]
    assert all(str(e.decoded("dtstart").tzinfo) == "Europe/Amsterdam" for e in events)
    assert events[1].decoded("dtend") == summer + timedelta(hours=2)
    assert str(events[0]["summary"]) == f"Intervisie: {group.name}"
    assert str(events[0]["location"]) == "Online"
    assert len({str(e["uid"]) for e in events}) == 2
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_attendance_is_recorded_by_the_facilitator_and_counted(group, facilitator, member):
    start = timezone.now() - timedelta(days=2)
    meeting = services.meeting_create(
        group=group, by=facilitator, starts_at=start, ends_at=start + timedelta(hours=2), location="Utrecht"
    )
    url = reverse("colleagues:meeting_attendance", args=[group.pk, meeting.pk])
    assert logged_in_client(member).post(url, {"present": [str(member.pk)]}).status_code == 403
    response = logged_in_client(facilitator).post(url, {"present": [str(member.pk)]})
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("user_id", "present")) == {member.pk: True, facilitator.pk: False}
    since = (start - timedelta(days=1)).date()
    assert selectors.intervision_meetings_attended(member, since=since) == 1
    assert selectors.intervision_meetings_attended(facilitator, since=since) == 0
    assert selectors.intervision_meetings_attended(member, since=date.today() + timedelta(days=1)) == 0


def test_attendance_cannot_be_recorded_before_the_meeting(group, facilitator, member):
    start = timezone.now() + timedelta(days=2)
    meeting = services.meeting_create(
        group=group, by=facilitator, starts_at=start, ends_at=start + timedelta(hours=2), location="Utrecht"
    )
    url = reverse("colleagues:meeting_attendance", args=[group.pk, meeting.pk])
    assert logged_in_client(facilitator).post(url, {"present": [str(member.pk)]}).status_code == 400
    assert not Attendance.objects.exists()


def test_kpis_count_active_groups_and_meetings(group, facilitator, outsider, region_vt):
    from drakentemmers.core.kpis import KpiPeriod

    period = KpiPeriod(start=date(2026, 1, 1), end=date.today() + timedelta(days=1), region_kind="vt")
    assert active_groups(period).national.value == 0  # two members is not yet a group
    services.membership_decide(
        membership=services.membership_request(group=group, user=outsider), by=facilitator, accept=True
    )
    group.region = region_vt
    group.save()
    measured = active_groups(period)
    assert measured.national.value == 1 and measured.by_region[region_vt.code].value == 1
    start = timezone.now() - timedelta(hours=3)
    services.meeting_create(
        group=group, by=facilitator, starts_at=start, ends_at=start + timedelta(hours=1), location="Online"
    )
    assert meetings_held(period).national.value == 1
    assert meetings_held(period).by_region[region_vt.code].value == 1


def test_the_group_pages_take_a_fixed_number_of_queries(group, facilitator, django_assert_max_num_queries):
    from drakentemmers.directory.tests.factories import TherapistProfileFactory

    client = logged_in_client(facilitator)
    client.get(reverse("colleagues:group_detail", args=[group.pk]))
    for _n in range(5):
        services.membership_request(group=group, user=TherapistProfileFactory().user)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("colleagues:group_detail", args=[group.pk])).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("colleagues:group_list")).status_code == 200


def test_the_secret_subscription_link_works_without_login_while_a_member(group, facilitator, member):
    import re

    from django.test import Client

    start = datetime(2027, 2, 4, 19, 0, tzinfo=AMSTERDAM)
    services.meeting_create(
        group=group, by=facilitator, starts_at=start, ends_at=start + timedelta(hours=2), location="Online"
    )
    page = logged_in_client(member).get(reverse("colleagues:group_detail", args=[group.pk])).content.decode()
    # The link as the page shows it (its signature carries the second it was made, so it is read, not rebuilt).
    prefix = reverse("colleagues:group_calendar", args=[group.pk]).removesuffix(".ics")
    found = re.search(rf"{re.escape(prefix)}/([^\"<\s]+)\.ics", page)
    assert found, "the page shows the subscription link"
    token = found.group(1)
    url = reverse("colleagues:group_calendar_feed", args=[group.pk, token])
    response = Client().get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert [e.decoded("dtstart") for e in Calendar.from_ical(response.content).walk("VEVENT")] == [start]
    assert Client().get(url.replace(token, token[:-2] + "xx")).status_code == 404  # tampered
    other_group = services.group_create(facilitator=facilitator, name="Andere groep")
    assert Client().get(reverse("colleagues:group_calendar_feed", args=[other_group.pk, token])).status_code == 404
    services.membership_leave(group=group, user=member)
    assert Client().get(url).status_code == 404  # leaving ends the link
