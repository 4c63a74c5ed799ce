"""The page a therapist sees on a members' page while their profile is not verified: where it stands, not a 403."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..models import VerificationStatus


def not_yet_verified_page(request: HttpRequest, *, what_next: str = "") -> HttpResponse | None:
    """The explanation for a therapist whose profile is not verified yet; None for anyone else."""
    profile = getattr(request.user, "therapist_profile", None) if request.user.is_authenticated else None
    if profile is None or profile.status == VerificationStatus.VERIFIED:
        return None
    what_next = what_next or _(
        "You receive an e-mail as soon as your profile is verified. From then on you find colleagues here, "
        "and organisations can invite you for care requests."
    )
    return render(request, "directory/not_yet_verified.html", {"profile": profile, "what_next": what_next})
