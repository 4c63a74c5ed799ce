"""Building division CSV files from the real 2025 data for the import tests."""

from drakentemmers.regions.models import Region

HEADER = "kind,code,name,members,year,central"


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def division_from(source_kind: str, *, kind: str, prefix: str = "") -> bytes:
    """A complete division of `kind` with the membership of `source_kind`'s regions (codes prefixed)."""
    lines = []
    for region in Region.objects.filter(kind=source_kind).prefetch_related("municipalities").order_by("code"):
        members = ";".join(sorted(m.code for m in region.municipalities.all()))
        lines.append(f'{kind},{prefix}{region.code},"{region.name}",{members},2025,')
    return csv_bytes(*lines)


def membership(kind: str) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for region in Region.objects.filter(kind=kind).prefetch_related("municipalities"):
        result[region.code] = {m.code for m in region.municipalities.all()}
    return result
