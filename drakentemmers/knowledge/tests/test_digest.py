"""The weekly digest really leaves through the outbox, from the scheduled job, for opted-in readers only."""

import pytest
from django.core import mail
from django.utils import timezone

from drakentemmers.core.models import OutgoingEmail
from drakentemmers.core.scheduling import jobs
from drakentemmers.core.tasks import email_send
from drakentemmers.knowledge import services, tasks
from drakentemmers.knowledge.models import DigestSubscription, KnowledgeArticlePage, Visibility

from .factories import publish

pytestmark = pytest.mark.django_db


def test_the_scheduled_job_sends_the_digest_through_the_outbox(member, non_member):
    services.digest_subscription_set(user=member, active=True)  # non_member never opted in
    DigestSubscription.objects.update(last_sent_at=timezone.now() - timezone.timedelta(days=8))
    publish(KnowledgeArticlePage, title="Nieuw voor leden", visibility=Visibility.MEMBERS)
    job = next(job for job in jobs() if job.name == "knowledge_digests")
    assert job.task == "drakentemmers.knowledge.tasks.knowledge_digests_send" and job.cron == "0 8 * * mon"
    assert tasks.knowledge_digests_send.call() == 1
    queued = OutgoingEmail.objects.get()
    assert queued.to == [member.email]
    assert email_send.call(queued.pk) == "sent"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email] and "Nieuw voor leden" in mail.outbox[0].body
    assert non_member.email not in [address for message in mail.outbox for address in message.to]


def test_opting_out_stops_the_digest(member):
    services.digest_subscription_set(user=member, active=True)
    services.digest_subscription_set(user=member, active=False)
    DigestSubscription.objects.update(last_sent_at=timezone.now() - timezone.timedelta(days=8))
    publish(KnowledgeArticlePage, title="Nieuw")
    assert services.knowledge_digests_send() == 0
    assert not OutgoingEmail.objects.exists()
