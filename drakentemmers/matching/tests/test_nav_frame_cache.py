"""The cached menu and its counts (core.navigation's frame cache, issue 17) change on the very next page.

Each test first loads a page so the user's frame is in the cache, then changes data the way the platform does
(services, including those that write with update() or bulk_create(), which send no signals), and expects the
next page to show it. Without the invalidation every second read would show the cached count.
"""

import pytest
from django.urls import reverse

from drakentemmers.accounts.tests.factories import logged_in_client
from drakentemmers.conversations.services import message_post, thread_create
from drakentemmers.matching import services
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.services.upkeep import _candidacy_expire

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db

MESSAGES = "conversations:inbox"
INVITATIONS = "matching:inbox"
REQUESTS = "matching:request_list"


def _counts(client) -> dict[str, int | None]:
    """url -> count of the menu entries on My Drakentemmers, as the page rendered them."""
    response = client.get(reverse("core:my_home"))
    assert response.status_code == 200
    return {entry["url"]: entry["count"] for entry in response.context["nav_entries"]}


def _count(client, url_name: str) -> int:
    return _counts(client).get(reverse(url_name)) or 0


def _contact(staff, therapist_profile, subject="Plek vrij?"):
    organisation = staff.organisation_memberships.get().organisation
    return thread_create(
        kind="contact",
        subject=subject,
        author=staff,
        body="Heb je plek?",
        participants=[therapist_profile.user, organisation],
    )


def test_a_new_message_and_reading_it_change_the_unread_count_at_once():
    staff, invited = org_staff(), therapist()
    therapist_client = logged_in_client(invited.user)
    assert _count(therapist_client, MESSAGES) == 0  # the frame is cached now
    thread = _contact(staff, invited)
    assert _count(therapist_client, MESSAGES) == 1
    thread_url = reverse("conversations:thread", args=[thread.pk])
    assert therapist_client.get(thread_url).status_code == 200  # the first read creates the read marker
    assert _count(therapist_client, MESSAGES) == 0
    message_post(thread=thread, author=staff, body="Nog een vraag")
    assert _count(therapist_client, MESSAGES) == 1
    # Reading again moves the marker with update() (no signal): the count must still drop on the next page.
    assert therapist_client.get(thread_url).status_code == 200
    assert _count(therapist_client, MESSAGES) == 0


def test_a_new_invitation_shows_at_once_and_goes_when_it_expires():
    staff, invited, other = org_staff(), therapist(), therapist()
    invited_client, other_client = logged_in_client(invited.user), logged_in_client(other.user)
    assert _count(invited_client, INVITATIONS) == 0
    assert _count(other_client, INVITATIONS) == 0
    request = care_request(staff=staff, status=RequestStatus.OPEN)
    [candidacy] = services.candidacies_create(care_request=request, therapist_ids=[invited.pk], by=staff)
    assert _count(invited_client, INVITATIONS) == 1
    assert _count(other_client, INVITATIONS) == 0  # each user's own frame: no one else's counts
    _candidacy_expire(candidacy)  # the upkeep job's update(): no signal
    assert _count(invited_client, INVITATIONS) == 0


def test_an_answer_to_confirm_shows_at_once_for_every_staff_member():
    staff, invited = org_staff(), therapist()
    colleague = org_staff(organisation=staff.organisation_memberships.get().organisation)
    staff_client, colleague_client = logged_in_client(staff), logged_in_client(colleague)
    request = care_request(staff=staff, status=RequestStatus.OPEN)
    [candidacy] = services.candidacies_create(care_request=request, therapist_ids=[invited.pk], by=staff)
    assert _count(staff_client, REQUESTS) == 0 and _count(colleague_client, REQUESTS) == 0
    services.candidacy_accept(candidacy=candidacy)
    assert _count(staff_client, REQUESTS) == 1 and _count(colleague_client, REQUESTS) == 1


def test_the_second_page_reads_the_menu_from_the_cache(django_assert_max_num_queries):
    """The counts and permission checks of the menu cost queries only on the first page after a change."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff, invited = org_staff(), therapist()
    _contact(staff, invited)
    client = logged_in_client(invited.user)
    url = reverse("matching:inbox")
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    unread = [q for q in first.captured_queries if "conversations_readmarker" in q["sql"]]
    assert unread, "the first page counts unread threads"
    assert not [q for q in second.captured_queries if "conversations_readmarker" in q["sql"]]
    assert len(second) < len(first)
