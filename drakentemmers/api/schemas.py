"""The API's request and response shapes (pydantic, via django-ninja). Field names are English and stable."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field


def _iso_date_or_none(value: object) -> object:
    """A date only as an ISO string ("2027-01-04") or null: not a number of seconds or a datetime."""
    if value is None or isinstance(value, str):
        return value
    raise ValueError("Enter a date as YYYY-MM-DD.")


def _whole_number(value: object) -> object:
    """A JSON integer (3, or 3.0, which JSON Schema counts as an integer); never a string or a boolean."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("Enter a whole number.")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("Enter a whole number.")
        return int(value)
    return value


Places = Annotated[Annotated[int, Field(strict=False, ge=0, le=32767)], BeforeValidator(_whole_number)]
Weeks = Annotated[Annotated[int, Field(strict=False, ge=0, le=104)], BeforeValidator(_whole_number)]
IsoDate = Annotated[Annotated[date, Field(strict=False)] | None, BeforeValidator(_iso_date_or_none)]


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict] | str


class Link(Schema):
    rel: str
    href: str
    title: str = ""


class IndexOut(Schema):
    name: str
    version: str
    links: list[Link]
    licence_note: str


class PageMeta(Schema):
    count: int
    limit: int
    offset: int
    next: str | None = None
    previous: str | None = None


class RegionCountOut(Schema):
    code: str
    name: str
    kind: str
    therapist_count: int


class RegionCountsOut(Schema):
    kind: str
    items: list[RegionCountOut]


class MethodOut(Schema):
    code: str
    name: str
    name_en: str
    therapist_count: int


class MethodsOut(Schema):
    items: list[MethodOut]


class MunicipalityRef(Schema):
    code: str
    name: str


class ProfileOut(Schema):
    """What the public mini-profile page shows anonymous visitors; nothing more (never availability)."""

    id: int
    name: str
    profession: str | None = None
    regions: list[str]
    municipalities: list[MunicipalityRef]
    methods: list[str]
    url: str


class ProfilesOut(PageMeta):
    items: list[ProfileOut]


class CareRequestOut(Schema):
    """An organisation's own request as its list shows it: categorical, no free text about the client."""

    id: int
    kind: str
    status: str
    status_label: str
    title: str
    setting: str
    municipality: MunicipalityRef | None = None
    urgency: str
    created_at: datetime
    published_at: datetime | None = None
    matched_at: datetime | None = None
    closed_at: datetime | None = None
    candidacy_count: int = 0
    accepted_count: int = 0
    offered_count: int = 0
    url: str


class CareRequestsOut(PageMeta):
    items: list[CareRequestOut]


class AvailabilityOut(Schema):
    accepting: Literal["yes", "limited", "no"]
    free_places_adults: int
    free_places_children: int
    waiting_weeks: int
    earliest_start: date | None = None
    confirmed_at: datetime | None = None
    is_stale: bool


class AvailabilityIn(Schema):
    """All fields (PUT). The same checks as the availability page apply (its form validates them)."""

    model_config = ConfigDict(strict=True, extra="forbid")

    accepting: Literal["yes", "limited", "no"]
    free_places_adults: Places
    free_places_children: Places
    waiting_weeks: Weeks
    earliest_start: IsoDate = None


class AvailabilityPatch(Schema):
    """Any subset of the fields (PATCH); the others keep their value."""

    model_config = ConfigDict(strict=True, extra="forbid")

    # Not nullable (null is no value for them); leave a field out to keep it. earliest_start: null clears it.
    accepting: Literal["yes", "limited", "no"] = None  # type: ignore[assignment]
    free_places_adults: Places = None  # type: ignore[assignment]
    free_places_children: Places = None  # type: ignore[assignment]
    waiting_weeks: Weeks = None  # type: ignore[assignment]
    earliest_start: IsoDate = None


class TrainingOut(Schema):
    """A training as the public agenda shows it (for the learning app's router, wired by the integrator)."""

    id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None = None
    region: str | None = None
    municipality: MunicipalityRef | None = None
    online: bool = False
    audience: str = ""
    places_left: int | None = None
    url: str


class TrainingsOut(PageMeta):
    items: list[TrainingOut]
