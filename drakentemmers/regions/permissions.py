"""Who may maintain the region divisions.

The administrator and the verifiers of the platform team (Role.ADMINISTRATOR, Role.VERIFIER), with MFA on:
verifiers already grant coordinators their region-bound roles, and a division decides what coordinators and
the funders' figures see. Editors and moderators work on content and have no business here. Anyone else gets
404 (as the verification pages do): the page is not for them and need not announce itself.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.permissions import has_required_mfa

from .models import RegionImport

REGION_MAINTAINER_ROLES = (Role.ADMINISTRATOR, Role.VERIFIER)


def can_manage_regions(user) -> bool:
    return user.is_authenticated and user.has_role(*REGION_MAINTAINER_ROLES) and has_required_mfa(user)


def require_region_manager(user) -> None:
    if not can_manage_regions(user):
        raise Http404


def get_region_import_for_user(user, pk: int) -> RegionImport:
    require_region_manager(user)
    return get_object_or_404(RegionImport.objects.select_related("uploaded_by", "applied_by"), pk=pk)
