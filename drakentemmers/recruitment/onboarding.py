"""The directory's steps on the onboarding checklist (core.onboarding): profile, verification, availability.

Shown to someone who started a therapist profile, until all three are done, and for a verified member only
during their first weeks: after that, "My profile" says what needs attention. Trainings and intervision
groups add their own steps by registering a provider when those parts of the platform exist.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.core.onboarding import ChecklistItem
from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.directory.own_profile import PROFILE_LISTS, own_therapist_profile
from drakentemmers.directory.services import therapist_profile_completeness

# A verified member sees the checklist this long after verification (while something is still open).
ONBOARDING_DAYS_AFTER_VERIFICATION = 30


def directory_checklist(user) -> list[ChecklistItem]:
    profile = own_therapist_profile(user)
    if profile is None:
        return []
    settled_before = timezone.now() - timedelta(days=ONBOARDING_DAYS_AFTER_VERIFICATION)
    if profile.status == VerificationStatus.VERIFIED and profile.verified_at and profile.verified_at < settled_before:
        return []
    own_therapist_profile(user, *PROFILE_LISTS)  # the lists the completeness checks read, shared with the page
    completeness = therapist_profile_completeness(profile)
    is_draft = profile.status in (VerificationStatus.DRAFT, VerificationStatus.REJECTED)
    items = [
        ChecklistItem(
            label=_("Complete your profile"),
            done=completeness == 100,
            url="" if completeness == 100 else reverse("directory:therapist_start"),
            status=_("%(percent)s%% complete") % {"percent": completeness},
        ),
        ChecklistItem(
            label=_("Verification by the platform team"),
            done=profile.status == VerificationStatus.VERIFIED,
            url=reverse("directory:therapist_review") if is_draft else "",
            status=_verification_status(profile),
        ),
        ChecklistItem(
            label=_("Share your availability"),
            done=not profile.availability_is_stale,
            url="" if not profile.availability_is_stale else reverse("directory:availability"),
            status=_("Confirmed") if not profile.availability_is_stale else _("Not confirmed in the last 4 weeks"),
        ),
    ]
    if all(item.done for item in items) and profile.status == VerificationStatus.VERIFIED:
        return []
    return items


def _verification_status(profile: TherapistProfile) -> str:
    if profile.status == VerificationStatus.VERIFIED:
        return _("Verified")
    if profile.status == VerificationStatus.SUBMITTED:
        return _("Waiting for the platform team")
    if profile.status == VerificationStatus.REJECTED:
        return _("Not approved yet: see the reason on your profile and submit again")
    return _("Submit your profile when it is complete")
