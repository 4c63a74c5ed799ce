import pytest
from django.core import mail
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.conversations.models import Thread
from drakentemmers.conversations.services import message_post
from drakentemmers.directory import services
from drakentemmers.directory.models import OrganisationMembership
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    user = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembership.objects.create(organisation=OrganisationFactory(), user=user)
    return user


def test_contact_creates_a_thread_of_the_organisation_and_notifies(
    client_for, staff, django_capture_on_commit_callbacks
):
    therapist = TherapistProfileFactory()
    url = reverse("directory:therapist_contact", args=[therapist.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(url, {"subject": "Verwijzing", "body": "Heeft u plek binnen drie weken?"})
    thread = Thread.objects.get()
    assert response["Location"] == reverse("conversations:thread", args=[thread.pk])
    assert thread.participants.get(party_id__isnull=False).party == staff.organisation_memberships.get().organisation
    assert mail.outbox[0].to == [therapist.user.email] and "drie weken" not in mail.outbox[0].body


def test_contact_with_empty_body_keeps_subject(client_for, staff):
    therapist = TherapistProfileFactory()
    url = reverse("directory:therapist_contact", args=[therapist.pk])
    response = client_for(staff).post(url, {"subject": "Mijn onderwerp", "body": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Mijn onderwerp"' in html and "Dit veld is verplicht" in html
    assert not Thread.objects.exists()


def test_contact_with_a_bsn_is_refused_in_body_and_subject_even_when_confirmed(client_for, staff):
    therapist = TherapistProfileFactory()
    url = reverse("directory:therapist_contact", args=[therapist.pk])
    for data in (
        {"subject": "Kind", "body": "Het gaat om BSN 111222333, kunt u helpen?", "privacy_confirm": "on"},
        {"subject": "Kind 111222333", "body": "Kunt u helpen?", "privacy_confirm": "on"},
    ):
        response = client_for(staff).post(url, data)
        assert response.status_code == 400
        assert "burgerservicenummer" in response.content.decode()
    assert not Thread.objects.exists()


def test_contact_with_a_client_name_needs_confirmation(client_for, staff):
    therapist = TherapistProfileFactory()
    url = reverse("directory:therapist_contact", args=[therapist.pk])
    data = {"subject": "Verwijzing Jan de Vries", "body": "Jan de Vries, geboren 12-03-2015, zoekt hulp."}
    response = client_for(staff).post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="privacy-alert"' in html and 'name="privacy_confirm"' in html
    assert not Thread.objects.exists()
    response = client_for(staff).post(url, {**data, "privacy_confirm": "on"})
    assert response.status_code == 302
    assert Thread.objects.get().messages.get().privacy_confirmed is True


def test_old_addresses_redirect(client_for, staff):
    client = client_for(staff)
    response = client.get("/netwerk/berichten/")
    assert response.status_code == 301 and response["Location"] == reverse("conversations:inbox")
    assert client.get("/netwerk/berichten/12345/").status_code == 404


def test_colleague_of_the_organisation_sees_and_answers_the_thread(client_for, staff):
    therapist = TherapistProfileFactory()
    organisation = staff.organisation_memberships.get().organisation
    thread = services.conversation_start(
        therapist=therapist, sender=staff, organisation=organisation, subject="Vraag", body="Hallo"
    )
    message_post(thread=thread, author=therapist.user, body="Ik heb plek")
    colleague = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembership.objects.create(organisation=organisation, user=colleague)
    client = client_for(colleague)
    inbox = client.get(reverse("conversations:inbox")).content.decode()
    assert "Vraag" in inbox and "Ongelezen" in inbox
    response = client.post(reverse("conversations:thread", args=[thread.pk]), {"body": "Fijn, ik neem het over."})
    assert response.status_code == 302
    assert thread.messages.last().author == colleague


def test_reply_on_someone_elses_thread_is_404(client_for, staff):
    thread = services.conversation_start(therapist=TherapistProfileFactory(), sender=staff, subject="S", body="b")
    other = make_user(Role.THERAPIST)
    url = reverse("conversations:thread", args=[thread.pk])
    assert client_for(other).post(url, {"body": "hack"}).status_code == 404
    assert client_for(other).get(url).status_code == 404
    assert thread.messages.count() == 1


def test_profile_page_has_bounded_queries(client_for, staff, django_assert_max_num_queries):
    therapist = TherapistProfileFactory(
        methods=["emdr", "tf-cbt", "net"], languages=["nl", "ar"], locations=["1011", "3511", "2011"]
    )
    client = client_for(staff)
    client.get(reverse("conversations:inbox"))
    with django_assert_max_num_queries(21) as profile_queries:
        assert client.get(reverse("directory:therapist_detail", args=[therapist.pk])).status_code == 200
    print(f"profile page: {len(profile_queries)} queries")
