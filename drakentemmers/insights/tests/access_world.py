"""The insights objects of the access matrix's world: one accepted report (region Y) with an endorsement by
THERAPIST, a comment and a moderation-log entry, so every admin object page has a row."""

from drakentemmers.core import access_matrix as am
from drakentemmers.insights import services
from drakentemmers.insights.models import ReportKind, SubmitterRole, TargetGroup, Theme
from drakentemmers.regions.models import Region, RegionKind


def build(users: dict) -> dict[str, object]:
    region_y = Region.objects.get(kind=RegionKind.VEILIG_THUIS, code="VT01")
    report = services.report_submit(
        data={
            "kind": ReportKind.BOTTLENECK,
            "theme": Theme.WAITING_TIMES,
            "target_group": TargetGroup.CHILDREN,
            "description": "Lange wachttijden voor kinderen in de opvang.",
            "regions": [region_y],
        },
        submitter_role=SubmitterRole.EXPERT_BY_EXPERIENCE,
    )
    services.report_accept(report=report, by=users[am.MODERATOR])
    services.endorsement_set(report=report, user=users[am.THERAPIST], endorsed=True)
    services.comment_add(report=report, author=users[am.THERAPIST], body="Herkenbaar.")
    return {"insight_report": report.pk}
