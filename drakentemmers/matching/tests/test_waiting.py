"""'What waits for me' for organisation staff and therapists, and the answer date on invitations."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from drakentemmers.accounts.tests.factories import logged_in_client
from drakentemmers.core.waiting import waiting_for
from drakentemmers.matching import services
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
# Monday 30 November 2026; three working days later is Thursday 3 December.
MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=AMS)


def _invite(staff, *therapists):
    request = care_request(staff=staff, status=RequestStatus.OPEN)
    return request, services.candidacies_create(
        care_request=request, therapist_ids=[t.pk for t in therapists], by=staff
    )


def test_answer_deadline_counts_three_working_days_and_overdue_starts_the_day_after():
    staff = org_staff()
    with time_machine.travel(MONDAY, tick=False):
        _request, [candidacy] = _invite(staff, therapist())
    assert candidacy.answer_deadline.isoformat() == "2026-12-03"
    with time_machine.travel(datetime(2026, 12, 3, 23, 0, tzinfo=AMS), tick=False):
        assert not candidacy.is_overdue
    with time_machine.travel(datetime(2026, 12, 4, 8, 0, tzinfo=AMS), tick=False):
        assert candidacy.is_overdue
        services.candidacy_accept(candidacy=candidacy)
        candidacy.refresh_from_db()
        assert not candidacy.is_overdue  # answered: never overdue


def test_deadline_skips_weekend_and_public_holidays():
    staff = org_staff()
    # Thursday 24 December 2026: the 25th and 26th are Christmas, then a weekend; Mon 28, Tue 29, Wed 30.
    with time_machine.travel(datetime(2026, 12, 24, 10, 0, tzinfo=AMS), tick=False):
        _request, [candidacy] = _invite(staff, therapist())
    assert candidacy.answer_deadline.isoformat() == "2026-12-30"


def test_therapist_sees_invitations_to_answer_then_urgent_once_overdue():
    staff = org_staff()
    invited = therapist()
    with time_machine.travel(MONDAY, tick=False):
        _invite(staff, invited)
        [item] = waiting_for(invited.user)
        assert item.label == "1 uitnodiging wacht op je antwoord"
        assert "3 dec. 2026" in item.detail
        assert not item.urgent
    with time_machine.travel(datetime(2026, 12, 4, 9, 0, tzinfo=AMS), tick=False):
        [item] = waiting_for(invited.user)
        assert item.urgent
        assert "over de antwoorddatum heen" in item.detail


def test_staff_see_acceptances_to_confirm_and_invitees_who_did_not_answer():
    staff = org_staff()
    yes, silent = therapist(), therapist()
    with time_machine.travel(MONDAY, tick=False):
        request, [accepting, _silent] = _invite(staff, yes, silent)
        services.candidacy_accept(candidacy=accepting)
        [confirm] = waiting_for(staff)
        assert "bevestig" in confirm.label
        assert confirm.url == reverse("matching:request_detail", args=[request.pk])
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=AMS), tick=False):
        items = waiting_for(staff)
        assert [item.urgent for item in items] == [True, False]  # overdue first
        assert items[0].label == "1 uitgenodigde behandelaar heeft niet op tijd geantwoord"
    # Staff of another organisation see none of it.
    assert waiting_for(org_staff()) == []


def test_my_home_lists_what_waits_with_bounded_queries(django_assert_max_num_queries):
    staff = org_staff()
    invited = therapist()
    _invite(staff, invited)
    client = logged_in_client(invited.user)
    client.get(reverse("core:my_home"))  # warm up session and caches
    # 16 until issue 17: the menu count and "what waits" share one read of the candidacies, the profile is read
    # once, the training offer and the session come from the cache.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("core:my_home"))
    html = response.content.decode()
    assert "Wat op je wacht" in html
    assert "1 uitnodiging wacht op je antwoord" in html


def test_inbox_shows_answer_date_and_overdue_in_words():
    staff = org_staff()
    invited = therapist()
    with time_machine.travel(MONDAY, tick=False):
        _invite(staff, invited)
    with time_machine.travel(datetime(2026, 12, 8, 9, 0, tzinfo=AMS), tick=False):
        html = logged_in_client(invited.user).get(reverse("matching:inbox")).content.decode()
    assert "Antwoord vóór" in html
    assert "3 dec. 2026" in html
    assert "Te laat" in html


def test_menu_counts_invitations_to_answer_and_answers_to_confirm():
    staff = org_staff()
    invited = therapist()
    _request, [candidacy] = _invite(staff, invited)
    therapist_html = logged_in_client(invited.user).get(reverse("core:my_home")).content.decode()
    assert (
        'Uitnodigingen <span aria-hidden="true">(1)</span>'
        '<span class="dt-visually-hidden">, 1 uitnodiging te beantwoorden</span>'
    ) in therapist_html
    staff_client = logged_in_client(staff)
    assert "Hulpvragen <span" not in staff_client.get(reverse("core:my_home")).content.decode()
    services.candidacy_accept(candidacy=candidacy)
    assert (
        'Hulpvragen <span aria-hidden="true">(1)</span>'
        '<span class="dt-visually-hidden">, 1 antwoord te bevestigen</span>'
    ) in staff_client.get(reverse("core:my_home")).content.decode()
    # Answered: the therapist's count is gone.
    assert "Uitnodigingen <span" not in logged_in_client(invited.user).get(reverse("core:my_home")).content.decode()


def test_the_organisation_sees_which_invitee_has_not_answered():
    staff = org_staff()
    answered, silent = therapist(), therapist()
    with time_machine.travel(MONDAY, tick=False):
        request, [answering, _silent] = _invite(staff, answered, silent)
        services.candidacy_decline(candidacy=answering, reason="no_place")
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=AMS), tick=False):
        html = logged_in_client(staff).get(reverse("matching:request_detail", args=[request.pk])).content.decode()
    rows = {row.split("</th>")[0]: row for row in html.split('<th scope="row">')[1:]}
    silent_row = next(row for name, row in rows.items() if silent.display_name in name)
    answered_row = next(row for name, row in rows.items() if answered.display_name in name)
    assert "Nog geen antwoord; gevraagd vóór 3 dec. 2026" in silent_row and "Te laat" in silent_row
    assert "Nog geen antwoord" not in answered_row and "Te laat" not in answered_row
