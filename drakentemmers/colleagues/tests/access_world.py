"""The colleague network's objects in the access matrix's world (called from tests/access_world.py).

THERAPIST facilitates a group (and so is a member of it) in region Y, offers supervision, and posted a
network consultation with a reply of THERAPIST_OTHER. THERAPIST_OTHER is in no group, asked THERAPIST for
supervision, and a third therapist waits to join the group.
"""

from datetime import timedelta

from django.utils import timezone

from drakentemmers.core import access_matrix as am
from drakentemmers.directory.tests.factories import TherapistProfileFactory

from .. import permissions, services


def colleagues_world(users: dict) -> dict[str, object]:
    facilitator, other = users[am.THERAPIST], users[am.THERAPIST_OTHER]
    group = services.group_create(facilitator=facilitator, name="Intervisie Amsterdam", theme="EMDR bij kinderen")
    request = services.membership_request(group=group, user=TherapistProfileFactory().user)
    now = timezone.now()
    meeting = services.meeting_create(
        group=group,
        by=facilitator,
        starts_at=now - timedelta(days=1),
        ends_at=now - timedelta(hours=22),
        location="Online",
    )
    services.group_message_post(group=group, author=facilitator, body="Welkom in de groep.")
    services.supervision_offer_save(user=facilitator, is_active=True, description="Geregistreerd supervisor.")
    supervision = services.supervision_request_create(trainee=other, supervisor=facilitator, body="Graag supervisie.")
    consultation = services.consultation_create(
        author=facilitator, title="Vastlopen na stabilisatie", question="Wat doe je als stabilisatie niet lukt?"
    )
    reply = services.consultation_reply(consultation=consultation, author=other, body="Overweeg een kortere fase.")
    services.consultation_create(author=facilitator, title="Groepsvraag", question="Alleen voor de groep.", group=group)
    return {
        "intervision_group": group.pk,
        "intervision_request": request.pk,
        "intervision_meeting": meeting.pk,
        "intervision_calendar_token": permissions.calendar_token_make(facilitator, group),
        "supervisor_user": facilitator.pk,
        "supervision_request": supervision.pk,
        "consultation_network": consultation.pk,
        "consultation_reply": reply.pk,
    }
