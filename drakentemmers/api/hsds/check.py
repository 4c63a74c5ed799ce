"""Validate the whole HSDS export of the live directory against the official schemas (`manage.py hsds_validate`).

The same objects as the API's /hsds/ endpoints, with availability (capacities) included, so every field the
export can write is checked: 3.1 for everything, 3.0 for everything without 3.1's `capacities`.
"""

from dataclasses import dataclass, field

from drakentemmers.api import selectors

from . import export, validate


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)  # objects validated per "version object"
    errors: list[str] = field(default_factory=list)

    @property
    def objects(self) -> int:
        return sum(self.counts.values())


def export_objects() -> dict[str, list[dict]]:
    """Every exported object by HSDS object name; nested capacities also on their own."""
    therapists = list(selectors.public_profile_list())
    services = export.services(therapists, with_capacity=True)
    return {
        "organization": [export.organization()],
        "service": services,
        "service_capacity": [capacity for service in services for capacity in service.get("capacities", [])],
        "location": export.locations(therapists),
        "service_area": export.service_areas(therapists),
        "taxonomy": export.taxonomies(),
        "taxonomy_term": export.taxonomy_terms(),
    }


def check_export(objects: dict[str, list[dict]] | None = None) -> Report:
    objects = export_objects() if objects is None else objects
    report = Report()
    for version in validate.VERSIONS:
        for object_name, items in objects.items():
            if version == "3.0" and object_name == "service_capacity":
                continue  # 3.1 only
            report.counts[f"{version} {object_name}"] = len(items)
            for item in items:
                if version == "3.0":
                    item = {key: value for key, value in item.items() if key != "capacities"}
                for problem in validate.errors(version, object_name, item):
                    report.errors.append(f"HSDS {version} {object_name} {item.get('id')}: {problem}")
    return report
