"""Which region division is the reporting unit for coordinators and figures."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import RegionKind, RegionSettings
from ..selectors_divisions import (
    current_division_year,
    division_coverage,
    division_snapshot,
    incomplete_coverage_message,
    municipalities_of_year,
)


@transaction.atomic
def reporting_kind_set(*, kind: str, user) -> RegionSettings:
    """Make `kind` the reporting unit. Refused (ValidationError, in Dutch) while any municipality of the
    current year is in no region of that division: coordinators and figures would silently miss it."""
    if kind not in RegionKind.values:
        raise ValidationError(_("Unknown region division."), code="invalid")
    regions = division_snapshot(kind)
    if not regions:
        raise ValidationError(
            _("%(kind)s has no regions yet. Import the division first.") % {"kind": RegionKind(kind).label},
            code="empty",
        )
    coverage = division_coverage(regions, municipalities_of_year(current_division_year()))
    if not coverage.is_complete:
        raise ValidationError(incomplete_coverage_message(kind, coverage), code="incomplete")
    settings, _created = RegionSettings.objects.select_for_update().get_or_create(pk=RegionSettings.SINGLETON_PK)
    settings.reporting_kind = kind
    settings.updated_by = user
    settings.full_clean()
    settings.save()
    return settings
