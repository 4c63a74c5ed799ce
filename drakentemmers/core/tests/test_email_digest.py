"""The daily digest: notices about events wait for one e-mail a day for those who chose it; nothing is lost."""

import pytest
from django.urls import reverse

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core import services
from drakentemmers.core.models import DigestItem, OutgoingEmail
from drakentemmers.core.scheduling import jobs

pytestmark = pytest.mark.django_db
TEMPLATE = "conversations/email/new_message"


def _notice(*addresses):
    services.email_notice(to=addresses, template_prefix=TEMPLATE, context={"url": "https://x.example/berichten/1/"})


def test_without_a_choice_a_notice_goes_out_at_once():
    person = make_user()
    _notice(person.email)
    assert OutgoingEmail.objects.filter(to=[person.email]).count() == 1
    assert not DigestItem.objects.exists()


def test_digest_readers_get_their_notices_in_one_mail_and_others_at_once():
    reader, other = make_user(), make_user()
    services.notice_preference_set(user=reader, daily_digest=True)
    _notice(reader.email, other.email)
    _notice(reader.email)
    assert OutgoingEmail.objects.filter(to=[other.email]).count() == 1
    assert not OutgoingEmail.objects.filter(to=[reader.email]).exists()
    assert DigestItem.objects.filter(user=reader).count() == 2

    assert services.email_digests_send() == 1
    [digest] = OutgoingEmail.objects.filter(to=[reader.email])
    assert "2 meldingen" in digest.subject
    assert digest.body_text.count("https://x.example/berichten/1/") == 2
    assert not DigestItem.objects.exists()
    # Run again (the scheduler caught up, or a second worker): nothing is sent twice.
    assert services.email_digests_send() == 0
    assert OutgoingEmail.objects.filter(to=[reader.email]).count() == 1


def test_an_inactive_person_gets_no_digest_and_the_notices_are_not_kept():
    reader = make_user()
    services.notice_preference_set(user=reader, daily_digest=True)
    _notice(reader.email)
    reader.is_active = False
    reader.save()
    DigestItem.objects.create(user=reader, subject="s", body_text="b")
    assert services.email_digests_send() == 0
    assert not DigestItem.objects.exists()


def test_the_digest_job_is_scheduled_daily():
    job = next(job for job in jobs() if job.name == "email_digests_send")
    assert job.cron == "0 8 * * *"
    assert job.task == "drakentemmers.core.tasks.email_digests_send"


def test_the_account_page_switches_the_choice_and_shows_it(client_for):
    person = make_user()
    client = client_for(person)
    page = client.get(reverse("accounts:overview")).content.decode()
    assert 'value="now" required id="id_delivery_0" checked' in page
    response = client.post(reverse("accounts:notices"), {"delivery": "daily"})
    assert response.status_code == 302
    page = client.get(reverse("accounts:overview")).content.decode()
    assert "Je e-mailvoorkeur is opgeslagen." in page
    assert 'value="daily" required id="id_delivery_1" checked' in page
    _notice(person.email)
    assert DigestItem.objects.filter(user=person).count() == 1
    # Nonsense is refused with a message and changes nothing.
    client.post(reverse("accounts:notices"), {"delivery": "hourly"})
    assert (
        "Kies hoe je e-mail over gebeurtenissen wilt krijgen."
        in client.get(reverse("accounts:overview")).content.decode()
    )
    assert person.notice_preference.daily_digest is True
