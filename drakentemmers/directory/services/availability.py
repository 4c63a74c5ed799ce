"""Availability: updates, the one-click confirmation and the reminder when it goes stale."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from drakentemmers.core.services import email_queue_template

from ..models import (
    AVAILABILITY_STALE_AFTER_DAYS,
    TherapistProfile,
    VerificationStatus,
    availability_stale_q,
)
from ._common import _site_url

# Reminders go out at most once per this many days, and only when availability is older than this.
AVAILABILITY_REMINDER_INTERVAL_DAYS = AVAILABILITY_STALE_AFTER_DAYS


@transaction.atomic
def availability_update(*, profile: TherapistProfile, fields: dict) -> TherapistProfile:
    """Save new availability; saving counts as confirming it today."""
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.availability_confirmed_at = timezone.now()
    profile.full_clean(exclude=["photo"])
    profile.save()
    return profile


@transaction.atomic
def availability_confirm(*, profile: TherapistProfile) -> TherapistProfile:
    """'Still up to date': one click that renews the confirmation date without changing anything else."""
    profile.availability_confirmed_at = timezone.now()
    profile.save(update_fields=["availability_confirmed_at", "updated_at"])
    return profile


def availability_reminders_send(*, now=None) -> int:
    """E-mail verified therapists whose availability is older than 4 weeks, at most once per 4 weeks.

    Each therapist is handled in its own transaction, so one failure does not hold back the others.
    Returns the number of reminders queued.
    """
    now = now or timezone.now()
    reminded_before = now - timedelta(days=AVAILABILITY_REMINDER_INTERVAL_DAYS)
    due = (
        TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED, user__is_active=True)
        .filter(availability_stale_q(now))
        .filter(Q(availability_reminded_at__isnull=True) | Q(availability_reminded_at__lt=reminded_before))
        .select_related("user")
    )
    count = 0
    for profile in due.iterator():
        with transaction.atomic():
            # Conditional, so that two runs at the same moment cannot both remind the same therapist.
            not_reminded = Q(availability_reminded_at__isnull=True) | Q(availability_reminded_at__lt=reminded_before)
            if not TherapistProfile.objects.filter(not_reminded, pk=profile.pk).update(availability_reminded_at=now):
                continue
            email_queue_template(
                to=[profile.user.email],
                template_prefix="directory/email/availability_reminder",
                context={"profile": profile, "url": _site_url(reverse("directory:availability"))},
                language=profile.user.preferred_language,
            )
        count += 1
    return count
