import pytest
from django.core import mail
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory import services
from drakentemmers.directory.models import Conversation, OrganisationMembership
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    user = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembership.objects.create(organisation=OrganisationFactory(), user=user)
    return user


def test_contact_creates_conversation_and_notifies(client_for, staff, django_capture_on_commit_callbacks):
    therapist = TherapistProfileFactory()
    url = reverse("directory:therapist_contact", args=[therapist.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(url, {"subject": "Verwijzing", "body": "Heeft u plek voor een kind van 6?"})
    conversation = Conversation.objects.get()
    assert response["Location"] == reverse("directory:conversation_detail", args=[conversation.pk])
    assert conversation.organisation == staff.organisation_memberships.get().organisation
    assert mail.outbox[0].to == [therapist.user.email] and "plek voor een kind" not in mail.outbox[0].body


def test_contact_with_empty_body_keeps_subject(client_for, staff):
    therapist = TherapistProfileFactory()
    url = reverse("directory:therapist_contact", args=[therapist.pk])
    response = client_for(staff).post(url, {"subject": "Mijn onderwerp", "body": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Mijn onderwerp"' in html and "Dit veld is verplicht" in html
    assert not Conversation.objects.exists()


def test_therapist_reads_and_replies(client_for, staff, django_capture_on_commit_callbacks):
    therapist = TherapistProfileFactory()
    conversation = services.conversation_start(therapist=therapist, sender=staff, subject="Vraag", body="Hallo")
    client = client_for(therapist.user)
    inbox = client.get(reverse("directory:inbox"))
    assert "1 nieuw" in inbox.content.decode()
    url = reverse("directory:conversation_detail", args=[conversation.pk])
    page = client.get(url)
    assert "Hallo" in page.content.decode() and "directory/conversation.html" in [t.name for t in page.templates]
    assert "1 nieuw" not in client.get(reverse("directory:inbox")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"body": "Ik heb plek vanaf maandag"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [staff.email]
    staff_inbox = client_for(staff).get(reverse("directory:inbox")).content.decode()
    assert "1 nieuw" in staff_inbox


def test_inbox_queries_do_not_grow_with_conversations(client_for, staff, django_assert_max_num_queries):
    client = client_for(staff)
    services.conversation_start(therapist=TherapistProfileFactory(), sender=staff, subject="S0", body="b")
    client.get(reverse("directory:inbox"))
    with django_assert_max_num_queries(12) as captured:
        client.get(reverse("directory:inbox"))
    small = len(captured)
    for n in range(1, 21):
        conversation = services.conversation_start(
            therapist=TherapistProfileFactory(), sender=staff, subject=f"S{n}", body="b"
        )
        services.message_send(conversation=conversation, sender=conversation.therapist.user, body="antwoord")
    with django_assert_max_num_queries(small) as captured:
        response = client.get(reverse("directory:inbox"))
    assert len(response.context["conversations"]) == 21
    print(f"inbox: {len(captured)} queries for 21 conversations")


def test_reply_on_someone_elses_conversation_is_404(client_for, staff):
    conversation = services.conversation_start(therapist=TherapistProfileFactory(), sender=staff, subject="S", body="b")
    other = make_user(Role.THERAPIST)
    url = reverse("directory:conversation_detail", args=[conversation.pk])
    assert client_for(other).post(url, {"body": "hack"}).status_code == 404
    assert conversation.messages.count() == 1


def test_message_with_a_bsn_is_refused(client_for, staff):
    therapist = TherapistProfileFactory()
    url = reverse("directory:therapist_contact", args=[therapist.pk])
    response = client_for(staff).post(url, {"subject": "Kind", "body": "Het gaat om BSN 111222333, kunt u helpen?"})
    assert response.status_code == 400
    assert "burgerservicenummer" in response.content.decode()
    assert not Conversation.objects.exists()


def test_profile_and_conversation_pages_have_bounded_queries(client_for, staff, django_assert_max_num_queries):
    therapist = TherapistProfileFactory(
        methods=["emdr", "tf-cbt", "net"], languages=["nl", "ar"], locations=["1011", "3511", "2011"]
    )
    conversation = services.conversation_start(therapist=therapist, sender=staff, subject="S", body="eerste")
    for n in range(10):
        services.message_send(conversation=conversation, sender=therapist.user, body=f"antwoord {n}")
    client = client_for(staff)
    client.get(reverse("directory:inbox"))
    with django_assert_max_num_queries(20) as profile_queries:
        assert client.get(reverse("directory:therapist_detail", args=[therapist.pk])).status_code == 200
    with django_assert_max_num_queries(16) as conversation_queries:
        assert client.get(reverse("directory:conversation_detail", args=[conversation.pk])).status_code == 200
    print(f"profile page: {len(profile_queries)} queries; conversation with 11 messages: {len(conversation_queries)}")
