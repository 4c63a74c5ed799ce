"""Scheduled upkeep: candidacy reminders, expiry of requests nobody took, anonymisation after retention.

Each function is idempotent (safe to run every hour) and returns how many rows it acted on; the tasks and
management commands of the same name only call these.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.conversations.models import Message, Thread
from drakentemmers.core import navigation
from drakentemmers.core.services import email_queue_template
from drakentemmers.core.workdays import working_days_between

from .. import ranking_cache
from ..models import (
    ANSWER_WITHIN_WORKING_DAYS,
    FINAL_STATUSES,
    Candidacy,
    CandidacyStatus,
    CareRequest,
    RequestStatus,
    StatusChange,
)
from .messages import candidacy_thread_key
from .requests import care_request_expire, organisation_recipients

REMIND_AFTER_WORKING_DAYS = ANSWER_WITHIN_WORKING_DAYS
ESCALATE_AFTER_WORKING_DAYS = 7
ANONYMISED_TITLE = "—"


def candidacies_remind() -> dict[str, int]:
    """After 3 working days without an answer remind the therapist; after 7 tell the organisation and expire."""
    today = timezone.localdate()
    result = {"reminded": 0, "expired": 0}
    pending = Candidacy.objects.select_related(
        "care_request__organisation", "care_request__created_by", "therapist__user"
    )
    pending = pending.filter(status=CandidacyStatus.INVITED, care_request__status=RequestStatus.OPEN)
    for candidacy in pending:
        waited = working_days_between(timezone.localdate(candidacy.created_at), today)
        if waited >= ESCALATE_AFTER_WORKING_DAYS:
            result["expired"] += _candidacy_expire(candidacy)
        elif waited >= REMIND_AFTER_WORKING_DAYS and candidacy.reminded_at is None:
            result["reminded"] += _candidacy_remind(candidacy)
    return result


@transaction.atomic
def _candidacy_remind(candidacy: Candidacy) -> int:
    updated = Candidacy.objects.filter(pk=candidacy.pk, reminded_at__isnull=True).update(reminded_at=timezone.now())
    if updated:
        email_queue_template(
            to=[candidacy.therapist.user.email],
            template_prefix="matching/email/candidacy_reminder",
            context={"care_request": candidacy.care_request, "candidacy": candidacy},
            language=candidacy.therapist.user.preferred_language,
        )
    return updated


@transaction.atomic
def _candidacy_expire(candidacy: Candidacy) -> int:
    now = timezone.now()
    updated = Candidacy.objects.filter(pk=candidacy.pk, status=CandidacyStatus.INVITED).update(
        status=CandidacyStatus.EXPIRED, escalated_at=now
    )
    if updated:
        navigation.frame_changed()  # the therapist's count of invitations to answer (update() sends no signal)
        ranking_cache.bump()  # the load term of the candidates ranking counts invited candidacies
        email_queue_template(
            to=organisation_recipients(candidacy.care_request),
            template_prefix="matching/email/candidacy_no_answer",
            context={"care_request": candidacy.care_request, "candidacy": candidacy},
        )
    return updated


def _open_since():
    # A request the organisation chose to keep open counts from that moment.
    return Coalesce(F("kept_open_at"), F("published_at"))


def care_requests_expire() -> dict[str, int]:
    """Ask the organisation one week before expiry; expire open requests older than the limit once asked."""
    weeks = settings.MATCHING_EXPIRE_AFTER_WEEKS
    now = timezone.now()
    open_requests = CareRequest.objects.filter(status=RequestStatus.OPEN).annotate(open_since=_open_since())
    result = {"warned": 0, "expired": 0}
    to_expire = open_requests.filter(
        open_since__lte=now - timedelta(weeks=weeks),
        expiry_warned_at__isnull=False,
        expiry_warned_at__lte=now - timedelta(days=6),
    ).select_related("organisation", "created_by")
    for care_request in to_expire:
        care_request_expire(care_request=care_request, note=_("No match within %(weeks)s weeks.") % {"weeks": weeks})
        result["expired"] += 1
    to_warn = open_requests.filter(open_since__lte=now - timedelta(weeks=weeks - 1), expiry_warned_at__isnull=True)
    for care_request in to_warn.select_related("organisation", "created_by"):
        with transaction.atomic():
            if not CareRequest.objects.filter(pk=care_request.pk, expiry_warned_at__isnull=True).update(
                expiry_warned_at=now
            ):
                continue  # a run at the same moment warned first
            email_queue_template(
                to=organisation_recipients(care_request),
                template_prefix="matching/email/request_expiry_warning",
                context={"care_request": care_request, "weeks": weeks},
            )
        result["warned"] += 1
    return result


def care_requests_anonymise() -> int:
    """Strip free text, message texts and the postcode area of finished requests past the retention period."""
    cutoff = timezone.now() - timedelta(days=settings.MATCHING_RETENTION_DAYS)
    due = CareRequest.objects.filter(status__in=FINAL_STATUSES, closed_at__lte=cutoff, anonymised_at__isnull=True)
    count = 0
    for care_request in due.select_related("municipality"):
        with transaction.atomic():
            keys = [candidacy_thread_key(pk) for pk in care_request.candidacies.values_list("pk", flat=True)]
            Message.objects.filter(thread__key__in=keys).update(body="")
            Thread.objects.filter(key__in=keys).update(subject=ANONYMISED_TITLE)
            Candidacy.objects.filter(care_request=care_request).update(decline_note="")
            StatusChange.objects.filter(care_request=care_request).update(note="")
            municipality = care_request.municipality
            CareRequest.objects.filter(pk=care_request.pk).update(
                title=ANONYMISED_TITLE,
                context="",
                offers_other="",
                next_steps="",
                postcode_area=None,
                latitude=municipality.latitude if municipality else None,
                longitude=municipality.longitude if municipality else None,
                anonymised_at=timezone.now(),
            )
        count += 1
    return count
