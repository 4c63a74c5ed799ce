"""Trainings: the public agenda of the learning app (the same trainings as /scholing/ and its iCal feed)."""

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router

from .. import selectors
from ..auth import OPTIONAL_TOKEN
from ..conditional import conditional_json, page_links, page_slice
from ..schemas import MunicipalityRef, TrainingOut, TrainingsOut
from .public import LIST_RESPONSES, AreaParams

router = Router(tags=["public"])


def _trainings(*, region: str | None, municipality: str | None) -> list:
    from drakentemmers.learning import selectors as learning_selectors

    return list(learning_selectors.public_trainings(region=region, municipality=municipality))


def training_out(request: HttpRequest, training) -> TrainingOut:
    from drakentemmers.learning.models import Format

    regions = [region.code for region in training.regions.all()]
    municipality = training.municipality
    return TrainingOut(
        id=training.pk,
        title=training.title,
        starts_at=training.first_start,
        ends_at=training.last_end,
        region=regions[0] if regions else None,
        municipality=MunicipalityRef(code=municipality.code, name=municipality.name) if municipality else None,
        online=training.format == Format.ONLINE,
        audience=training.audience,
        places_left=max(training.capacity - training.taken, 0),
        url=request.build_absolute_uri(reverse("learning:training_detail", args=[training.pk])),
    )


@router.get(
    "/trainings", response={200: TrainingsOut, **LIST_RESPONSES}, url_name="trainings", openapi_extra=OPTIONAL_TOKEN
)
def trainings(request: HttpRequest, params: Query[AreaParams]):
    """Upcoming public trainings; filter by region and municipality."""
    rows = _trainings(region=params.region, municipality=params.municipality)
    items = [training_out(request, row) for row in rows[page_slice(limit=params.limit, offset=params.offset)]]
    payload = TrainingsOut(
        count=len(rows),
        limit=params.limit,
        offset=params.offset,
        items=items,
        **page_links(request, count=len(rows), limit=params.limit, offset=params.offset),
    )
    # Trainings leave the agenda as time passes (no save): the date is that of this exact body.
    return conditional_json(request, payload, last_modified=selectors.body_last_modified)
