"""Test helpers for insights: reports through the real services, a valid form POST, members in regions."""

import time

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.insights import services
from drakentemmers.insights.forms import started_token
from drakentemmers.insights.models import Report, ReportKind, SubmitterRole, TargetGroup, Theme
from drakentemmers.regions.models import Region, RegionKind


def region(code: str = "VT01") -> Region:
    return Region.objects.get(kind=RegionKind.VEILIG_THUIS, code=code)


def report(*, accepted: bool = False, public: bool = False, regions=None, **data) -> Report:
    fields = {
        "kind": ReportKind.BOTTLENECK,
        "theme": Theme.WAITING_TIMES,
        "target_group": TargetGroup.CHILDREN,
        "description": "Kinderen in de opvang wachten maanden op traumabehandeling.",
        "effect": "Behandeling start pas na vertrek.",
        "suggested_action": "Plekken reserveren.",
        "regions": [region()] if regions is None else regions,
        **data,
    }
    created = services.report_submit(data=fields, submitter_role=SubmitterRole.THERAPIST)
    if accepted:
        services.report_accept(report=created, by=moderator(), public=public)
    return created


def moderator():
    return make_user(Role.MODERATOR, mfa=True)


def therapist(postcode: str = "1011"):
    """A verified member therapist working in the PC4 area given (1011: Amsterdam, VT01)."""
    return TherapistProfileFactory(locations=[postcode]).user


def form_data(**overrides) -> dict:
    """A complete, valid submission, shown a minute ago (past the minimum fill time)."""
    data = {
        "kind": ReportKind.BOTTLENECK,
        "theme": Theme.FUNDING,
        "regions": [str(region().pk)],
        "target_group": TargetGroup.ADULTS,
        "description": "De financiering van traumabehandeling in de opvang is onduidelijk.",
        "effect": "Aanmeldingen worden geweigerd.",
        "suggested_action": "Landelijke afspraak maken.",
        "link": "",
        "submitter_role": SubmitterRole.EXPERT_BY_EXPERIENCE,
        "started": started_token(at=time.time() - 60),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
