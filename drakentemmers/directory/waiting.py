"""The directory's part of "what waits for me" (core.waiting): verification, availability, unread messages."""

from datetime import timedelta

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drakentemmers.core.waiting import WaitingItem

from . import permissions
from .models import AVAILABILITY_STALE_AFTER_DAYS, Organisation, TherapistProfile, VerificationStatus

# Warn this many days before availability stops counting as current in search and ranking.
AVAILABILITY_WARN_DAYS = 7
# A verification waiting this long is marked urgent for the verifiers.
URGENT_AFTER_DAYS = 5


def _day(value) -> str:
    return formats.date_format(timezone.localtime(value) if hasattr(value, "hour") else value, "j N Y")


def _waited_days(since) -> int:
    return max((timezone.now() - since).days, 0)


def _therapist_items(user) -> list[WaitingItem]:
    profile = getattr(user, "therapist_profile", None)
    if profile is None:
        return []
    if profile.status == VerificationStatus.SUBMITTED:
        detail = (
            _("Submitted on %(day)s. You get an e-mail as soon as the platform team has checked it.")
            % {"day": _day(profile.submitted_at)}
            if profile.submitted_at
            else ""
        )
        return [
            WaitingItem(
                label=_("Your profile waits for verification by the platform team"),
                url=reverse("directory:my_profile"),
                detail=detail,
            )
        ]
    if profile.status != VerificationStatus.VERIFIED:
        return []
    confirmed = profile.availability_confirmed_at
    if confirmed is None or profile.availability_is_stale:
        return [
            WaitingItem(
                label=_("Your availability is out of date"),
                url=reverse("directory:availability"),
                detail=_("Organisations see it as not current and it counts less when they look for a therapist."),
                urgent=True,
            )
        ]
    stale_on = confirmed + timedelta(days=AVAILABILITY_STALE_AFTER_DAYS)
    if stale_on - timezone.now() <= timedelta(days=AVAILABILITY_WARN_DAYS):
        return [
            WaitingItem(
                label=_("Confirm your availability"),
                url=reverse("directory:availability"),
                detail=_("It stops counting as current on %(day)s.") % {"day": _day(stale_on)},
            )
        ]
    return []


def _queue_items() -> list[WaitingItem]:
    therapists = TherapistProfile.objects.filter(status=VerificationStatus.SUBMITTED).aggregate(
        n=Count("pk"), oldest=Min("submitted_at")
    )
    organisations = Organisation.objects.filter(status=VerificationStatus.SUBMITTED).aggregate(
        n=Count("pk"), oldest=Min("created_at")
    )
    n = therapists["n"] + organisations["n"]
    if not n:
        return []
    # A profile submitted before submitted_at was recorded has no moment: it counts, without a waiting time.
    moments = [moment for moment in (therapists["oldest"], organisations["oldest"]) if moment is not None]
    waited = _waited_days(min(moments)) if moments else 0
    detail = (
        ngettext("The oldest has waited %(days)d day.", "The oldest has waited %(days)d days.", waited)
        % {"days": waited}
        if moments
        else ""
    )
    return [
        WaitingItem(
            label=ngettext("%(n)d profile waits for verification", "%(n)d profiles wait for verification", n)
            % {"n": n},
            url=reverse("directory:verification_queue"),
            detail=detail,
            urgent=waited >= URGENT_AFTER_DAYS,
        )
    ]


def waiting_items(user) -> list[WaitingItem]:
    items = []
    if permissions.can_edit_own_profile(user):
        items += _therapist_items(user)
    if permissions.can_verify(user):
        items += _queue_items()
    return items
