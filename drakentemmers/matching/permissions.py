"""Who may see and do what with care requests. Views call the lookup helpers first; templates get booleans.

A request is visible to its organisation's verified staff and to therapists it was sent to. A therapist who
offered themselves sees only the summary the fitting list shows until the organisation accepts the offer
(confirms the match) or invites them; after a decline, the summary at most (see ``request_view_level``).
Everybody else, coordinators included, gets 404 so that its existence does not leak; coordinators see only
aggregates on the metrics page.

Platform-team read access is the exception, not the rule, and is limited to the roles with a task that needs it:

* **Administrator** (with a passed second factor): handles complaints, data-subject requests (who read what),
  incidents and support for organisations stuck in a match, and is the role that can already read everything
  through the Django admin. Every read is access-logged.
* **Verifier**: no. Verifiers check *people and organisations* (registrations, KvK numbers), never requests;
  no verification task needs a client's request or a thread.
* **Editor** and **moderator**: no. They publish knowledge and moderate community content.

Those roles get 404 on requests and threads exactly like a stranger. The aggregates on the metrics page
(``can_view_metrics``) hold no single request and stay open to the whole platform team.
The rule in full: drakentemmers.core.permissions.
"""

from django.http import Http404

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.permissions import has_required_mfa
from drakentemmers.core.request_memo import user_memo
from drakentemmers.directory.models import Organisation, TherapistProfile
from drakentemmers.directory.permissions import is_verified_org_staff, is_verified_therapist, verified_memberships

from .models import HANDOVER_STATUSES, Candidacy, CandidacyStatus, CareRequest, RequestStatus


def staff_organisations(user) -> list[Organisation]:
    """Verified organisations the user works for (org staff role and MFA required)."""
    if not is_verified_org_staff(user) or not has_required_mfa(user):
        return []
    return [membership.organisation for membership in verified_memberships(user)]


# Platform-team roles that may read individual care requests and their threads (see the module docstring).
REQUEST_READER_ROLES = (Role.ADMINISTRATOR,)


def is_platform_viewer(user) -> bool:
    """An administrator with MFA: read-only access to every request and thread (each read access-logged)."""
    return user.is_authenticated and user.has_role(*REQUEST_READER_ROLES) and has_required_mfa(user)


def therapist_profile_of(user) -> TherapistProfile | None:
    return user.therapist_profile if is_verified_therapist(user) else None


def can_manage_requests(user) -> bool:
    return bool(staff_organisations(user))


def can_view_metrics(user) -> bool:
    """Aggregated matching figures: the platform team (national) and coordinators (their region)."""
    return user.is_authenticated and (user.is_platform_team or user.has_role(Role.COORDINATOR))


def can_use_inbox(user) -> bool:
    return therapist_profile_of(user) is not None


def is_request_staff(user, care_request: CareRequest) -> bool:
    return any(org.pk == care_request.organisation_id for org in staff_organisations(user))


def candidacy_of(user, care_request: CareRequest) -> Candidacy | None:
    therapist = therapist_profile_of(user)
    if therapist is None:
        return None
    return care_request.candidacies.filter(therapist=therapist).first()


def sees_full_request(candidacy: Candidacy | None) -> bool:
    """For a therapist's own candidacy: the whole request, or only the summary of the fitting list."""
    return candidacy is None or candidacy.reveals_request


def can_view_request(user, care_request: CareRequest) -> bool:
    if is_request_staff(user, care_request) or is_platform_viewer(user):
        return True
    # A therapist sees a draft never, and only requests that reached them.
    return care_request.status != "draft" and candidacy_of(user, care_request) is not None


def get_care_request_for_user(user, pk: int, *, write: bool = False) -> CareRequest:
    """The request if the user may see it (write=True: may act for the organisation), else 404."""
    care_request = (
        CareRequest.objects.select_related("organisation", "municipality", "postcode_area").filter(pk=pk).first()
    )
    if care_request is None:
        raise Http404
    allowed = is_request_staff(user, care_request) if write else can_view_request(user, care_request)
    if not allowed:
        raise Http404
    return care_request


def get_candidacy_for_therapist(user, pk: int) -> Candidacy:
    """A candidacy addressed to the user (as a verified therapist), else 404."""
    therapist = therapist_profile_of(user)
    candidacy = (
        Candidacy.objects.select_related("care_request__organisation", "therapist__user")
        .filter(pk=pk, therapist=therapist)
        .exclude(care_request__status="draft")
        .first()
        if therapist
        else None
    )
    if candidacy is None:
        raise Http404
    return candidacy


def get_candidacy_for_staff(user, pk: int) -> Candidacy:
    """A candidacy of a request of the user's organisation, else 404."""
    organisations = staff_organisations(user)
    candidacy = (
        Candidacy.objects.select_related("care_request__organisation", "therapist__user")
        .filter(pk=pk, care_request__organisation__in=organisations)
        .first()
    )
    if candidacy is None:
        raise Http404
    return candidacy


THREAD_ORGANISATION, THREAD_THERAPIST, THREAD_READ_ONLY = "organisation", "therapist", "read_only"


def get_candidacy_for_thread(user, pk: int) -> tuple[Candidacy, str]:
    """The candidacy whose message thread the user may read, and as whom (organisation/therapist/read-only)."""
    candidacy = Candidacy.objects.select_related("care_request__organisation", "therapist__user").filter(pk=pk).first()
    # An offer the organisation has not accepted has no thread: the therapist may not yet (or no longer)
    # learn who the organisation is, so neither side can write.
    if candidacy is None or not candidacy.reveals_request:
        raise Http404
    if is_request_staff(user, candidacy.care_request):
        return candidacy, THREAD_ORGANISATION
    therapist = therapist_profile_of(user)
    if therapist is not None and candidacy.therapist_id == therapist.pk and candidacy.care_request.status != "draft":
        return candidacy, THREAD_THERAPIST
    if is_platform_viewer(user):
        return candidacy, THREAD_READ_ONLY
    raise Http404


HANDOVER_ORGANISATION, HANDOVER_THERAPIST = "organisation", "therapist"


def handover_side(user, care_request: CareRequest) -> str | None:
    """Which side of a matched request's handover the user is on, or None (the platform team too).

    Only the organisation's staff and the matched therapist see the handover: it names both parties' contacts.
    """
    if (
        care_request.status not in HANDOVER_STATUSES
        or care_request.matched_therapist_id is None
        or care_request.anonymised_at is not None
    ):
        return None
    if is_request_staff(user, care_request):
        return HANDOVER_ORGANISATION
    therapist = therapist_profile_of(user)
    if therapist is not None and therapist.pk == care_request.matched_therapist_id:
        return HANDOVER_THERAPIST
    return None


def get_care_request_for_handover(user, pk: int) -> tuple[CareRequest, str]:
    """A matched request and the side the user is on (see handover_side), else 404."""
    care_request = (
        CareRequest.objects.select_related(
            "organisation", "municipality", "postcode_area", "matched_therapist__user", "matched_therapist__profession"
        )
        .filter(pk=pk)
        .first()
    )
    side = handover_side(user, care_request) if care_request is not None else None
    if side is None:
        raise Http404
    return care_request, side


def invitations_to_answer_count(user) -> int:
    """The menu's count next to "Invitations": invitations on open requests the therapist has not answered."""
    return len(invitations_to_answer(user))


def answers_to_confirm_count(user) -> int:
    """The menu's count next to "Care requests": therapists willing to take on an open request, to confirm."""
    return sum(row.status in ANSWERED_STATUSES for row in staff_open_candidacies(user))


# Answers of therapists that wait for the organisation: confirm the match or decline.
ANSWERED_STATUSES = (CandidacyStatus.ACCEPTED, CandidacyStatus.OFFERED)
# The fields "what waits for me" and the menu counts read (status, and created_at for the answer date).
_WAITING_FIELDS = ("pk", "status", "created_at", "care_request_id")


def invitations_to_answer(user) -> list[Candidacy]:
    """The therapist's invitations on open requests not answered yet; read once per request (menu count and
    "what waits for me" share it)."""

    def build() -> list[Candidacy]:
        therapist = therapist_profile_of(user)
        if therapist is None:
            return []
        return list(
            Candidacy.objects.filter(
                therapist=therapist, status=CandidacyStatus.INVITED, care_request__status=RequestStatus.OPEN
            ).only(*_WAITING_FIELDS)
        )

    return user_memo(user, "matching:invitations_to_answer", build) if user.is_authenticated else []


def staff_open_candidacies(user) -> list[Candidacy]:
    """Candidacies on the open requests of the staff member's organisations that wait for someone: answers to
    confirm and invitations not answered yet; read once per request (menu count and "what waits for me")."""

    def build() -> list[Candidacy]:
        organisations = staff_organisations(user)
        if not organisations:
            return []
        return list(
            Candidacy.objects.filter(
                care_request__organisation__in=organisations,
                care_request__status=RequestStatus.OPEN,
                status__in=[*ANSWERED_STATUSES, CandidacyStatus.INVITED],
            ).only(*_WAITING_FIELDS)
        )

    return user_memo(user, "matching:staff_open_candidacies", build) if user.is_authenticated else []
