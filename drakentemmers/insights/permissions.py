"""Who may see and do what with bottlenecks and good practices. 403 vs 404: drakentemmers.core.permissions.

| action                                   | who                                                                  |
| ---------------------------------------- | -------------------------------------------------------------------- |
| report a bottleneck or good practice      | everybody, no account needed (spam protection, privacy guard)        |
| read public items                         | everybody                                                            |
| read accepted items, matching signals     | verified therapists; after MFA: verified organisation staff,      |
|                                          | coordinators and the platform team                                  |
| 'Dit herken ik', comment                  | verified therapists (the members)                                    |
| moderate (accept, edit, merge, reject, public) | moderators and administrators, after MFA                        |
| policy report (PDF, XLSX)                 | the platform team, after MFA                                         |

Pending, rejected and merged items are seen by moderators only; anyone else gets 404 (a merged item sends
members on to the item that absorbed it).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.permissions import has_required_mfa
from drakentemmers.directory.permissions import is_verified_org_staff, is_verified_therapist

from .models import Report, ReportStatus


def can_view_signals(user) -> bool:
    if not user.is_authenticated:
        return False
    if is_verified_therapist(user):
        return True
    staff = is_verified_org_staff(user) or user.has_role(Role.COORDINATOR) or user.is_platform_team
    return staff and has_required_mfa(user)


def can_endorse(user) -> bool:
    return is_verified_therapist(user)


def can_comment(user) -> bool:
    return is_verified_therapist(user)


def can_moderate(user) -> bool:
    return user.is_authenticated and user.has_role(Role.MODERATOR, Role.ADMINISTRATOR) and has_required_mfa(user)


def can_make_policy_report(user) -> bool:
    return user.is_authenticated and user.is_platform_team and has_required_mfa(user)


def require_view_signals(user) -> None:
    if not can_view_signals(user):
        raise Http404


def require_moderator(user) -> None:
    if not can_moderate(user):
        raise Http404


def require_policy_report(user) -> None:
    if not can_make_policy_report(user):
        raise Http404


def get_report_for_member(user, pk: int) -> Report:
    """An accepted or merged item for someone who may read signals; 404 for everything else."""
    require_view_signals(user)
    return get_object_or_404(Report, pk=pk, status__in=(ReportStatus.ACCEPTED, ReportStatus.MERGED))


def get_report_for_moderator(user, pk: int) -> Report:
    require_moderator(user)
    return get_object_or_404(Report.objects.prefetch_related("regions"), pk=pk)
