import pytest
from django.urls import reverse

from drakentemmers.conversations.models import ReadMarker
from drakentemmers.conversations.selectors import threads_for_user, unread_count_for_user
from drakentemmers.conversations.services import message_post, thread_create
from drakentemmers.core.models import AccessLogEntry
from drakentemmers.directory.tests.factories import TherapistProfileFactory

pytestmark = pytest.mark.django_db


def contact(*, organisation, staff, therapist, subject="Vraag"):
    return thread_create(
        kind="contact", subject=subject, author=staff, body="Heb je plek?", participants=[therapist.user, organisation]
    )


def test_inbox_lists_threads_newest_first_and_marks_unread_in_words(client_for, organisation, staff, therapist):
    old = contact(organisation=organisation, staff=staff, therapist=therapist, subject="Oudste vraag")
    new = contact(organisation=organisation, staff=staff, therapist=therapist, subject="Nieuwste vraag")
    message_post(thread=old, author=therapist.user, body="Antwoord")  # now the newest
    threads = list(threads_for_user(staff))
    assert [t.pk for t in threads] == [old.pk, new.pk]
    assert [t.is_unread for t in threads] == [True, False]
    html = client_for(staff).get(reverse("conversations:inbox")).content.decode()
    assert html.index("Oudste vraag") < html.index("Nieuwste vraag")
    assert html.count(">Ongelezen<") == 1 and ">Gelezen<" in html


def test_colleagues_share_the_organisations_threads_with_their_own_read_state(
    client_for, organisation, staff, colleague, therapist
):
    thread = contact(organisation=organisation, staff=staff, therapist=therapist)
    assert unread_count_for_user(staff) == 0 and unread_count_for_user(colleague) == 1
    assert unread_count_for_user(therapist.user) == 1
    response = client_for(colleague).get(reverse("conversations:thread", args=[thread.pk]))
    assert response.status_code == 200 and "Heb je plek?" in response.content.decode()
    assert unread_count_for_user(colleague) == 0 and unread_count_for_user(therapist.user) == 1


def test_a_stranger_gets_404_and_no_read_marker(client_for, organisation, staff, therapist, stranger):
    thread = contact(organisation=organisation, staff=staff, therapist=therapist)
    url = reverse("conversations:thread", args=[thread.pk])
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(stranger).post(url, {"body": "Hallo"}).status_code == 404
    assert thread.messages.count() == 1 and not ReadMarker.objects.filter(user=stranger).exists()
    assert "Vraag" not in client_for(stranger).get(reverse("conversations:inbox")).content.decode()
    assert client_for(TherapistProfileFactory().user).get(url).status_code == 404


def test_anonymous_is_sent_to_log_in(client, organisation, staff, therapist):
    thread = contact(organisation=organisation, staff=staff, therapist=therapist)
    for url in (reverse("conversations:inbox"), reverse("conversations:thread", args=[thread.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_staff_without_two_factor_is_sent_to_set_it_up(client_for, organisation, therapist):
    from drakentemmers.accounts.models import Role
    from drakentemmers.accounts.tests.factories import make_user
    from drakentemmers.directory.models import OrganisationMembership

    user = make_user(Role.ORG_STAFF)
    OrganisationMembership.objects.create(organisation=organisation, user=user)
    response = client_for(user).get(reverse("conversations:inbox"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_thread_page_is_not_cached_and_logged(client_for, organisation, staff, therapist):
    thread = contact(organisation=organisation, staff=staff, therapist=therapist)
    response = client_for(therapist.user).get(reverse("conversations:thread", args=[thread.pk]))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    entry = AccessLogEntry.objects.get()
    assert entry.user == therapist.user and entry.object_type == "conversations.thread"
    assert entry.object_id == str(thread.pk)
    assert "no-store" in client_for(staff).get(reverse("conversations:inbox"))["Cache-Control"]


def test_reply_form_asks_to_confirm_findings_and_refuses_a_bsn(client_for, organisation, staff, therapist):
    thread = contact(organisation=organisation, staff=staff, therapist=therapist)
    url = reverse("conversations:thread", args=[thread.pk])
    client = client_for(therapist.user)
    response = client.post(url, {"body": "Is dit Fatima de Vries, geboren 03-04-2016?"})
    assert response.status_code == 200 and 'id="privacy-alert"' in response.content.decode()
    assert "Fatima de Vries" in response.content.decode()  # what the user typed is kept
    response = client.post(url, {"body": "BSN 111222333", "privacy_confirm": "on"})
    assert response.status_code == 200 and "burgerservicenummer" in response.content.decode()
    assert thread.messages.count() == 1
    response = client.post(url, {"body": "Is dit Fatima de Vries, geboren 03-04-2016?", "privacy_confirm": "on"})
    assert response.status_code == 302
    assert thread.messages.last().privacy_confirmed is True


def test_menu_shows_the_unread_count_with_hidden_words(client_for, organisation, staff, therapist):
    for n in range(3):
        contact(organisation=organisation, staff=staff, therapist=therapist, subject=f"Vraag {n}")
    html = client_for(therapist.user).get(reverse("core:my_home")).content.decode()
    assert (
        'Berichten <span aria-hidden="true">(3)</span>'
        '<span class="dt-visually-hidden">, 3 gesprekken hebben ongelezen berichten</span>'
    ) in html
    assert "Berichten (" not in client_for(staff).get(reverse("core:my_home")).content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_inbox_query_count_does_not_grow_with_threads(
    client_for, organisation, staff, therapist, django_assert_max_num_queries, count
):
    for n in range(count):
        other = TherapistProfileFactory() if n % 2 else therapist
        thread = contact(organisation=organisation, staff=staff, therapist=other, subject=f"Vraag {n}")
        if n % 3 == 0:
            message_post(thread=thread, author=other.user, body="Antwoord")
    client = client_for(staff)
    client.get(reverse("conversations:inbox"))
    # Measured: 15 for 3 and for 30 threads (session and user-session bookkeeping, user, roles, MFA, the
    # user's parties, threads, participants with their users, the parties, memberships, the menu's count).
    with django_assert_max_num_queries(15) as captured:
        response = client.get(reverse("conversations:inbox"))
    assert len(response.context["threads"]) == count
    assert sum(t.is_unread for t in response.context["threads"]) == len(range(0, count, 3))
    print(f"inbox: {len(captured)} queries for {count} threads")


def test_reply_form_carries_a_csrf_token(organisation, staff, therapist):
    from django.test import Client

    from drakentemmers.accounts.tests.factories import PASSWORD

    thread = contact(organisation=organisation, staff=staff, therapist=therapist)
    client = Client(enforce_csrf_checks=True)
    client.login(email=therapist.user.email, password=PASSWORD)
    html = client.get(reverse("conversations:thread", args=[thread.pk])).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
