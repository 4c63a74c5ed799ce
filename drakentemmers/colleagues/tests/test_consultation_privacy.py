"""Case consultation: only members read it (group-scoped: only the group), every read is logged, the
privacy guard refuses client identifiers, followers get a link-only notice, only the poster accepts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.core.models import AccessLogEntry, OutgoingEmail
from drakentemmers.directory.models import VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory

from .. import selectors, services
from ..models import Consultation

VALID_BSN = "111222333"
QUESTION = "Een moeder en haar dochter van 8 in de opvang; stabilisatie lukt niet. Wat werkt bij jullie?"


@pytest.fixture
def network_question(facilitator):
    return services.consultation_create(author=facilitator, title="Vastgelopen stabilisatie", question=QUESTION)


@pytest.fixture
def group_question(group, facilitator):
    return services.consultation_create(author=facilitator, title="Groepsvraag", question=QUESTION, group=group)


def _detail(consultation: Consultation) -> str:
    return reverse("colleagues:consultation_detail", args=[consultation.pk])


def test_a_member_reads_a_network_question_and_the_read_is_logged(outsider, network_question):
    response = logged_in_client(outsider).get(_detail(network_question))
    assert response.status_code == 200
    assert QUESTION in response.content.decode()
    entry = AccessLogEntry.objects.get(object_type="colleagues.consultation", object_id=str(network_question.pk))
    assert entry.user == outsider and entry.action == "view"


def test_every_read_is_logged_again(outsider, network_question):
    client = logged_in_client(outsider)
    client.get(_detail(network_question))
    client.get(_detail(network_question))
    assert AccessLogEntry.objects.filter(user=outsider, object_id=str(network_question.pk), action="view").count() == 2


def test_the_list_logs_each_question_shown(outsider, network_question):
    response = logged_in_client(outsider).get(reverse("colleagues:consultation_list"))
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(user=outsider, object_id=str(network_question.pk), action="list").exists()


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(lambda: make_user(Role.EDITOR, mfa=True), id="editor"),
        pytest.param(lambda: make_user(Role.ORG_STAFF, mfa=True), id="org-staff"),
        pytest.param(lambda: make_user(), id="no-role"),
        pytest.param(
            lambda: TherapistProfileFactory(status=VerificationStatus.SUBMITTED, verified_at=None).user,
            id="unverified-therapist",
        ),
    ],
)
def test_non_members_get_404_and_nothing_is_logged(who, network_question):
    response = logged_in_client(who()).get(_detail(network_question))
    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(object_type="colleagues.consultation").exists()


def test_a_group_question_is_hidden_from_members_outside_the_group(outsider, group_question):
    assert logged_in_client(outsider).get(_detail(group_question)).status_code == 404
    listed = logged_in_client(outsider).get(reverse("colleagues:consultation_list")).content.decode()
    assert "Groepsvraag" not in listed


def test_a_group_member_reads_the_group_question(member, group_question):
    assert logged_in_client(member).get(_detail(group_question)).status_code == 200


def test_a_member_who_leaves_the_group_loses_its_questions(member, group, group_question):
    services.membership_leave(group=group, user=member)
    assert logged_in_client(member).get(_detail(group_question)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.consultation_reply(consultation=group_question, author=member, body="Nog een idee")


def test_one_cannot_ask_a_group_one_is_not_in(outsider, group):
    with pytest.raises(PermissionDenied):
        services.consultation_create(author=outsider, title="Vraag", question=QUESTION, group=group)


def test_the_form_refuses_a_bsn_even_when_confirmed_and_keeps_the_text(outsider):
    data = {"title": "Vraag", "question": f"Cliënt met BSN {VALID_BSN}", "privacy_confirm": "on"}
    response = logged_in_client(outsider).post(reverse("colleagues:consultation_create"), data)
    assert response.status_code == 400
    assert "BSN" in response.content.decode() and VALID_BSN in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_service_refuses_a_bsn_and_an_address(outsider, network_question):
    with pytest.raises(ValidationError):
        services.consultation_create(
            author=outsider, title="Vraag", question=f"BSN {VALID_BSN}", privacy_confirmed=True
        )
    with pytest.raises(ValidationError):
        services.consultation_reply(
            consultation=network_question, author=outsider, body="Ze woont op Kerkstraat 12, 1011 AB Amsterdam"
        )


def test_a_possible_name_needs_confirmation(outsider):
    data = {"title": "Vraag", "question": "Mevrouw Jansen-de Vries, geboren 12-03-1988, loopt vast."}
    response = logged_in_client(outsider).post(reverse("colleagues:consultation_create"), data)
    assert response.status_code == 400
    assert not Consultation.objects.exists()


def test_an_empty_post_gives_form_errors_not_a_server_error(outsider, network_question):
    assert logged_in_client(outsider).post(reverse("colleagues:consultation_create"), {}).status_code == 400
    assert logged_in_client(outsider).post(_detail(network_question), {}).status_code == 400


def test_a_reply_notifies_followers_with_only_a_link(facilitator, outsider, member, network_question):
    services.consultation_follow(consultation=network_question, user=member, follow=True)
    OutgoingEmail.objects.all().delete()
    response = logged_in_client(outsider).post(_detail(network_question), {"body": "Probeer eerst psycho-educatie."})
    assert response.status_code == 302
    recipients = sorted(address for message in OutgoingEmail.objects.all() for address in message.to)
    assert recipients == sorted([facilitator.email, member.email])
    for message in OutgoingEmail.objects.all():
        assert _detail(network_question) in message.body_text
        text = (message.subject + message.body_text).lower()
        assert "psycho-educatie" not in text and "stabilisatie" not in text


def test_unfollowing_stops_the_notices(facilitator, outsider, network_question):
    services.consultation_follow(consultation=network_question, user=facilitator, follow=False)
    OutgoingEmail.objects.all().delete()
    services.consultation_reply(consultation=network_question, author=outsider, body="Een idee")
    assert not OutgoingEmail.objects.exists()


def test_only_the_poster_accepts_an_answer(facilitator, outsider, network_question):
    reply = services.consultation_reply(consultation=network_question, author=outsider, body="Een idee")
    url = reverse("colleagues:consultation_accept", args=[network_question.pk, reply.pk])
    assert logged_in_client(outsider).post(url).status_code == 403
    assert logged_in_client(facilitator).post(url).status_code == 302
    network_question.refresh_from_db()
    assert network_question.accepted_reply == reply and network_question.answered_at is not None


def test_promotion_gives_texts_without_identities(facilitator, outsider, network_question):
    assert selectors.consultation_for_promotion(network_question) is None
    reply = services.consultation_reply(consultation=network_question, author=outsider, body="Kortere fasen werken.")
    services.consultation_accept(consultation=network_question, reply=reply, by=facilitator)
    assert list(selectors.consultations_for_promotion()) == [network_question]
    promoted = selectors.consultation_for_promotion(network_question)
    assert promoted == {"title": "Vastgelopen stabilisatie", "question": QUESTION, "answer": "Kortere fasen werken."}
    flat = repr(promoted)
    for person in (facilitator, outsider):
        assert person.email not in flat and person.last_name not in flat


def test_the_list_takes_a_fixed_number_of_queries(outsider, facilitator, django_assert_max_num_queries):
    client = logged_in_client(outsider)
    client.get(reverse("colleagues:consultation_list"))
    for n in range(6):
        services.consultation_create(author=facilitator, title=f"Vraag {n}", question=QUESTION)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("colleagues:consultation_list")).status_code == 200
