"""Posting in the group space, replying to a consultation and asking for supervision go through the shared
message flow (conversations.views): the privacy guard's confirm step, the rate limit (429 with the text kept
and a Dutch message), service errors on the form, the success message and redirect, the access log rows."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.html import escape

from drakentemmers.accounts.tests.factories import logged_in_client
from drakentemmers.conversations.models import Message
from drakentemmers.core.models import AccessLogEntry
from drakentemmers.directory.tests.factories import TherapistProfileFactory

from .. import services
from ..models import ConsultationReply, SupervisionRequest

TRY_AGAIN = "Je hebt dit te vaak gedaan in korte tijd. Probeer het opnieuw over 60 minuten."
POSSIBLE_NAME = "Is dit Fatima de Vries, geboren 03-04-2016?"


@pytest.fixture
def _low_limits(settings):
    settings.PLATFORM_RATE_LIMITS = {"message_reply": "2/h"}


def _space(group) -> str:
    return reverse("colleagues:group_space", args=[group.pk])


def test_group_space_asks_to_confirm_a_possible_name_then_posts_it(group, member):
    client = logged_in_client(member)
    response = client.post(_space(group), {"body": POSSIBLE_NAME})
    html = response.content.decode()
    assert response.status_code == 400 and 'id="privacy-alert"' in html and "Fatima de Vries" in html
    assert not Message.objects.exists()
    response = client.post(_space(group), {"body": POSSIBLE_NAME, "privacy_confirm": "on"})
    assert response.status_code == 302 and response["Location"] == _space(group)
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Je bericht is in de groep geplaatst."]
    assert Message.objects.get().privacy_confirmed is True


def test_group_space_logs_each_page_shown_not_the_redirecting_post(group, member):
    client = logged_in_client(member)
    client.get(_space(group))
    client.post(_space(group), {"body": "Wie neemt de volgende casus mee?"})
    entries = AccessLogEntry.objects.filter(user=member, object_type="conversations.thread")
    assert list(entries.values_list("object_id", "action")) == [(str(services.group_thread(group).pk), "messages")]


@pytest.mark.usefixtures("_low_limits")
def test_group_space_posts_are_rate_limited_and_keep_the_text(group, member):
    client = logged_in_client(member)
    for _attempt in range(2):
        assert client.post(_space(group), {"body": "Dag allemaal"}).status_code == 302
    response = client.post(_space(group), {"body": "Mijn derde bericht"})
    assert response.status_code == 429
    html = response.content.decode()
    assert escape(TRY_AGAIN) in html and "Mijn derde bericht" in html
    assert Message.objects.count() == 2


@pytest.mark.usefixtures("_low_limits")
def test_consultation_replies_are_rate_limited_and_keep_the_text(facilitator, outsider):
    consultation = services.consultation_create(author=facilitator, title="Vraag", question="Wat werkt bij jullie?")
    url = reverse("colleagues:consultation_detail", args=[consultation.pk])
    client = logged_in_client(outsider)
    for _attempt in range(2):
        assert client.post(url, {"body": "Probeer eerst psycho-educatie."}).status_code == 302
    response = client.post(url, {"body": "Mijn derde antwoord"})
    assert response.status_code == 429
    html = response.content.decode()
    assert escape(TRY_AGAIN) in html and "Mijn derde antwoord" in html
    assert ConsultationReply.objects.filter(consultation=consultation).count() == 2


def _supervisor():
    supervisor = TherapistProfileFactory().user
    services.supervision_offer_save(user=supervisor, is_active=True, description="Supervisor VGCt.")
    return reverse("colleagues:supervision_ask", args=[supervisor.pk])


@pytest.mark.usefixtures("_low_limits")
def test_supervision_requests_are_rate_limited_and_keep_the_text(outsider):
    client = logged_in_client(outsider)
    for _attempt in range(2):
        response = client.post(_supervisor(), {"body": "Ik zoek supervisie."})
        assert response.status_code == 302 and response["Location"] == reverse("colleagues:supervision_requests")
    response = client.post(_supervisor(), {"body": "Mijn derde verzoek"})
    assert response.status_code == 429
    html = response.content.decode()
    assert escape(TRY_AGAIN) in html and "Mijn derde verzoek" in html
    assert SupervisionRequest.objects.filter(trainee=outsider).count() == 2


def test_asking_the_same_supervisor_twice_shows_the_service_error_on_the_form(outsider):
    ask = _supervisor()
    client = logged_in_client(outsider)
    assert client.post(ask, {"body": "Ik zoek supervisie."}).status_code == 302
    response = client.post(ask, {"body": "Nog een keer"})
    assert response.status_code == 400
    html = response.content.decode()
    assert escape("Je hebt deze supervisor al gevraagd") in html and "Nog een keer" in html
