"""The consultation page and the group space cost the same number of queries with 2 or 12 replies/messages."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drakentemmers.accounts.tests.factories import logged_in_client
from drakentemmers.directory.tests.factories import TherapistProfileFactory

from .. import services


def _queries(client, url: str) -> int:
    """Queries of a warm request: the first after new data rebuilds the menu frame (its cache is dropped on writes)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_consultation_page_does_not_grow_with_replies(facilitator, outsider):
    consultation = services.consultation_create(author=facilitator, title="Vraag", question="Hoe pak je dit aan?")
    url = reverse("colleagues:consultation_detail", args=[consultation.pk])
    client = logged_in_client(outsider)
    for n in range(2):
        services.consultation_reply(consultation=consultation, author=TherapistProfileFactory().user, body=f"Idee {n}")
    few = _queries(client, url)
    for n in range(10):
        services.consultation_reply(consultation=consultation, author=TherapistProfileFactory().user, body=f"Idee {n}")
    assert _queries(client, url) == few


def test_the_group_space_does_not_grow_with_messages(group, facilitator, member):
    url = reverse("colleagues:group_space", args=[group.pk])
    client = logged_in_client(member)
    for n in range(2):
        services.group_message_post(group=group, author=facilitator, body=f"Bericht {n}")
    few = _queries(client, url)
    for n in range(10):
        services.group_message_post(group=group, author=facilitator, body=f"Bericht {n}")
    assert _queries(client, url) == few
