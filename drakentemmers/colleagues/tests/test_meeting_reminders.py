"""Meeting reminders as the scheduler runs them: once per meeting, to current members, idempotent."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail

from drakentemmers.core import scheduling
from drakentemmers.core.models import OutgoingEmail

from .. import services

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_0815 = datetime(2027, 3, 2, 8, 15, tzinfo=AMS)


def _reminded() -> list[str]:
    return sorted(m.to[0] for m in OutgoingEmail.objects.filter(subject__icontains="komt binnenkort bijeen"))


def test_members_are_reminded_once_of_a_meeting_tomorrow(
    group, facilitator, member, django_capture_on_commit_callbacks
):
    tomorrow = TUESDAY_0815 + timedelta(days=1, hours=11)
    next_week = TUESDAY_0815 + timedelta(days=7)
    services.meeting_create(
        group=group, by=facilitator, starts_at=tomorrow, ends_at=tomorrow + timedelta(hours=2), location="Utrecht"
    )
    services.meeting_create(
        group=group, by=facilitator, starts_at=next_week, ends_at=next_week + timedelta(hours=2), location="Online"
    )
    OutgoingEmail.objects.all().delete()  # the join request and its answer
    with time_machine.travel(TUESDAY_0815, tick=False), django_capture_on_commit_callbacks(execute=True):
        scheduling.job_fire("intervision_meeting_reminders")
        scheduling.job_fire("intervision_meeting_reminders")  # a second run the same morning sends nothing
    assert _reminded() == sorted([facilitator.email, member.email])
    (message,) = [m for m in mail.outbox if m.to == [member.email] and "bijeen" in m.subject]
    assert f"/collegas/intervisie/{group.pk}/" in message.body
    assert services.meeting_reminders_send(now=TUESDAY_0815 + timedelta(days=6)) == 1  # next week's, in its time
