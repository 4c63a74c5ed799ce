"""GDPR export and erasure for trainings.

Attended enrolments stay, with the anonymised account, so the figures funders review (people trained per
audience and region) do not change after an erasure; the rest goes. Running enrolments are cancelled,
so that a freed place is offered to the next person on the waiting list.
"""

from .models import CalendarToken, Enrolment, EnrolmentStatus, Evaluation


def export_user(user) -> dict:
    return {
        "enrolments": [
            {
                "training": enrolment.training.title,
                "status": enrolment.status,
                "audience": enrolment.audience,
                "organisation": enrolment.organisation_name,
                "enrolled_at": enrolment.created_at.isoformat(),
                "sessions_present": [
                    attendance.session.starts_at.isoformat()
                    for attendance in enrolment.attendances.filter(present=True).select_related("session")
                ],
                "certificate_code": enrolment.certificate_code or "",
            }
            for enrolment in Enrolment.objects.filter(user=user).select_related("training").order_by("created_at")
        ],
        "calendar_feed": CalendarToken.objects.filter(user=user).exists(),
    }


def erase_user(user) -> None:
    enrolment_erase(user)
    calendar_token_erase(user)


def enrolment_erase(user) -> None:
    from .services import enrolment_cancel

    running = (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.OFFERED)
    for enrolment in Enrolment.objects.filter(user=user, status__in=running).exclude(attendances__present=True):
        enrolment_cancel(enrolment=enrolment)
    # A certificate no longer verifies for an erased person: the public check would show the pseudonym.
    Enrolment.objects.filter(user=user).update(organisation_name="", certificate_code=None)
    # The ratings stay in the averages; free text the person wrote goes.
    Evaluation.objects.filter(enrolment__user=user).update(comments="")


def calendar_token_erase(user) -> None:
    CalendarToken.objects.filter(user=user).delete()
