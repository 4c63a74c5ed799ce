"""The platform team's region-division import: upload (checked, kept), then apply in one transaction.

Uploading writes only the RegionImport; Region rows change on apply alone. Applying keeps the pks of regions
whose code stays (coordinators' role grants point at them), replaces their members, creates new regions and
removes regions no longer in the file, and records who applied what and the division as it was before.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..division_csv import ParsedDivision, parse_division_csv
from ..models import Municipality, Region, RegionImport, RegionImportStatus
from ..selectors_divisions import (
    current_division_year,
    division_snapshot,
    import_preview,
    municipality_successors,
)

MAX_FILE_NAME = 255


class DivisionFileInvalid(ValidationError):
    """The uploaded file has problems; `parsed.errors` lists each with its line number."""

    def __init__(self, parsed: ParsedDivision) -> None:
        super().__init__([str(error) for error in parsed.errors], code="invalid_division_file")
        self.parsed = parsed


def region_import_create(*, data: bytes, file_name: str, user) -> RegionImport:
    """Check an uploaded division file and keep it for preview. Raises DivisionFileInvalid, writes nothing then."""
    year = current_division_year()
    municipalities = dict(Municipality.objects.filter(year=year, is_active=True).values_list("code", "name"))
    parsed = parse_division_csv(data, municipalities=municipalities, year=year, successors=municipality_successors())
    if not parsed.is_valid:
        raise DivisionFileInvalid(parsed)
    region_import = RegionImport(
        kind=parsed.kind,
        year=year,
        file_name=file_name[-MAX_FILE_NAME:],
        checksum=hashlib.sha256(data).hexdigest(),
        row_count=len(parsed.rows),
        rows=parsed.rows,
        uploaded_by=user,
    )
    region_import.full_clean()
    region_import.save()
    return region_import


def _require_pending(region_import: RegionImport) -> None:
    if region_import.status != RegionImportStatus.PENDING:
        raise ValidationError(
            _("This import has already been %(status)s.") % {"status": region_import.get_status_display().lower()},
            code="not_pending",
        )


@transaction.atomic
def region_import_apply(*, region_import: RegionImport, user) -> RegionImport:
    """Replace the division of the import's kind with the file's regions, all or nothing.

    Checks again what the preview checked (data may have changed since), under a row lock so a double click
    applies once. Raises ValidationError with every blocking reason; nothing is changed then.
    """
    locked = RegionImport.objects.select_for_update().get(pk=region_import.pk)
    _require_pending(locked)
    preview = import_preview(locked)
    if preview.blockers:
        raise ValidationError(preview.blockers, code="blocked")
    snapshot = division_snapshot(locked.kind)
    municipality_ids = dict(Municipality.objects.filter(year=locked.year, is_active=True).values_list("code", "id"))
    existing = {region.code: region for region in Region.objects.select_for_update().filter(kind=locked.kind)}
    for row in locked.rows:
        region = existing.pop(row["code"], None) or Region(kind=locked.kind, code=row["code"])
        region.name = row["name"]
        region.year = locked.year
        region.central_municipality_id = municipality_ids.get(row["central"]) if row["central"] else None
        region.full_clean()
        region.save()
        region.municipalities.set([municipality_ids[code] for code in row["members"]])
    try:
        Region.objects.filter(pk__in=[region.pk for region in existing.values()]).delete()
    except (ProtectedError, RestrictedError) as error:
        # The preview checks known references; this catches one added between the check and the delete.
        raise ValidationError(
            _("A region that is not in the file is still in use and cannot be removed. Nothing was changed."),
            code="protected",
        ) from error
    locked.status = RegionImportStatus.APPLIED
    locked.applied_by = user
    locked.applied_at = timezone.now()
    locked.previous_snapshot = snapshot
    locked.save(update_fields=["status", "applied_by", "applied_at", "previous_snapshot"])
    return locked


@transaction.atomic
def region_import_discard(*, region_import: RegionImport) -> RegionImport:
    """Throw away an import that was not applied; the parsed rows go, the record of the upload stays."""
    locked = RegionImport.objects.select_for_update().get(pk=region_import.pk)
    _require_pending(locked)
    locked.status = RegionImportStatus.DISCARDED
    locked.rows = []
    locked.save(update_fields=["status", "rows"])
    return locked
