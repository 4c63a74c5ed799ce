"""Candidate ranking for care requests: hard filters and a score, both computed by the database.

One query filters and orders every therapist; Python only builds the reasons for the few rows that come
back (`limit`). The weights are module constants so that the policy is visible and testable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast, Coalesce, Least, Sqrt
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drakentemmers.directory.models import (
    AGE_BAND_FIELDS,
    AVAILABILITY_STALE_AFTER_DAYS,
    SETTING_FIELDS,
    Accepting,
    Setting,
    TherapistProfile,
    VerificationStatus,
    WorkLocation,
    availability_stale_q,
    travel_reach_km,
)
from drakentemmers.regions import geo

URGENCIES = ("high", "normal", "low")

# Score weights. A full method or expertise fit is worth about as much as 25 km of travel or a
# six-week wait on a normal request.
METHOD_FIT_WEIGHT = 3.0
EXPERTISE_FIT_WEIGHT = 3.0
# High urgency makes every week of waiting count much more; waits beyond the cap rank equally low.
WAIT_PENALTY_PER_WEEK = {"high": 0.5, "normal": 0.2, "low": 0.05}
WAIT_PENALTY_CAP_WEEKS = 26
DISTANCE_PENALTY_PER_KM = 0.05
STALE_AVAILABILITY_PENALTY = 1.5
LIMITED_PLACES_PENALTY = 0.5
# Load spread: each open invitation of the last LOAD_WINDOW_DAYS costs a little, so the same few
# therapists do not receive every request; from BUSY_INVITATIONS on the reason is shown.
LOAD_WINDOW_DAYS = 30
LOAD_PENALTY_PER_CANDIDACY = 0.4
LOAD_PENALTY_CAP = 10
BUSY_CANDIDACIES = 3


@dataclass(frozen=True)
class Criteria:
    age_bands: tuple[str, ...]
    target_group_ids: tuple[int, ...]
    setting: str
    language_ids: tuple[int, ...]
    funding_ids: tuple[int, ...]
    method_ids: tuple[int, ...]
    expertise_ids: tuple[int, ...]
    latitude: float | None
    longitude: float | None
    max_distance_km: float | None
    urgency: str
    exclude_therapist_ids: tuple[int, ...]


@dataclass(frozen=True)
class Candidate:
    therapist_id: int
    score: float
    distance_km: float | None
    waiting_weeks: int
    reasons: tuple[str, ...]
    # The reasons split for the candidates table, which has its own wait and distance columns:
    # what fits (matched methods and expertise, places free) and what counts against.
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()


def rank_candidates(criteria: Criteria, *, limit: int = 20, therapist_id: int | None = None) -> list[Candidate]:
    """The best `limit` therapists for the criteria, best first, ties broken by therapist id.

    With `therapist_id`: that one therapist as a candidate, wherever they rank, or [] when they fail a hard filter.

    Every candidate passes all hard filters; reasons are built from the same values the score used.
    Costs one ranking query plus two label queries (methods, expertise) and, without a request
    maximum distance, one aggregate for the bounding box (on PostgreSQL also a SET LOCAL and a savepoint).
    """
    _validate(criteria)
    now = timezone.now()
    queryset = ranked_queryset(criteria, now=now)
    if therapist_id is not None:
        queryset = queryset.filter(pk=therapist_id)
    rows = _fetch(queryset[:limit])
    if not rows:
        return []
    ids = [row["pk"] for row in rows]
    method_labels = _matched_labels(TherapistProfile.methods.through, "method", ids, criteria.method_ids)
    expertise_labels = _matched_labels(TherapistProfile.expertise.through, "expertise", ids, criteria.expertise_ids)
    candidates = []
    for row in rows:
        distance = math.sqrt(row["distance_sq"]) if row["distance_sq"] is not None else None
        fits = (*method_labels.get(row["pk"], ()), *expertise_labels.get(row["pk"], ()))
        reasons = (*fits, *_reasons(row, distance))
        pros, cons = split_reasons(row)
        candidates.append(
            Candidate(
                therapist_id=row["pk"],
                score=float(row["score"]),
                distance_km=distance,
                waiting_weeks=row["waiting_weeks"],
                reasons=reasons,
                pros=(*fits, *pros),
                cons=cons,
            )
        )
    return candidates


def _fetch(qs: QuerySet) -> list[dict]:
    if connection.vendor != "postgresql":
        return list(qs)
    # PostgreSQL's JIT kicks in on this query's (high, subquery-heavy) cost estimate and spends 50–150 ms
    # compiling for one top-N query that then runs in less; SET LOCAL scopes the switch to this transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        return list(qs)


def ranked_queryset(criteria: Criteria, *, now: datetime, largest_radius_km: float | None = None) -> QuerySet:
    """Values rows (pk, score, distance_sq, waiting_weeks, accepting, is_stale, open_candidacies), ordered.

    `largest_radius_km` (from largest_travel_radius_km()) saves its aggregate when one caller ranks many requests.
    """
    qs = _hard_filtered(criteria)
    is_online = criteria.setting == Setting.ONLINE
    if is_online:
        qs = qs.annotate(distance_sq=Value(None, output_field=FloatField()))
    else:
        qs = _within_distance(qs, criteria, largest_radius_km)
    qs = qs.annotate(
        method_hits=_count_of(TherapistProfile.methods.through, "method_id", criteria.method_ids),
        expertise_hits=_count_of(TherapistProfile.expertise.through, "expertise_id", criteria.expertise_ids),
        is_stale=Case(
            When(availability_stale_q(now), then=1),
            default=0,
            output_field=IntegerField(),
        ),
        open_candidacies=open_candidacy_count(since=now - timedelta(days=LOAD_WINDOW_DAYS)),
    )
    score = _fit_term("method_hits", criteria.method_ids, METHOD_FIT_WEIGHT) + _fit_term(
        "expertise_hits", criteria.expertise_ids, EXPERTISE_FIT_WEIGHT
    )
    score = score - Least(F("waiting_weeks"), Value(WAIT_PENALTY_CAP_WEEKS)) * Value(
        WAIT_PENALTY_PER_WEEK[criteria.urgency]
    )
    score = score - F("is_stale") * Value(STALE_AVAILABILITY_PENALTY)
    score = score - Case(When(accepting=Accepting.LIMITED, then=Value(LIMITED_PLACES_PENALTY)), default=Value(0.0))
    score = score - Least(F("open_candidacies"), Value(LOAD_PENALTY_CAP)) * Value(LOAD_PENALTY_PER_CANDIDACY)
    if not is_online:
        score = score - Sqrt(F("distance_sq")) * Value(DISTANCE_PENALTY_PER_KM)
    qs = qs.annotate(score=ExpressionWrapper(score, output_field=FloatField()))
    return qs.order_by("-score", "pk").values(
        "pk", "score", "distance_sq", "waiting_weeks", "accepting", "is_stale", "open_candidacies"
    )


def open_candidacy_count(*, since: datetime) -> Coalesce:
    """Per therapist (OuterRef pk): candidacies still waiting for someone to act, created since `since`.

    The only place that knows the Candidacy model, so the load term can change in one spot.
    """
    from drakentemmers.matching.models import PENDING_CANDIDACY_STATUSES, Candidacy

    open_ones = (
        Candidacy.objects.filter(
            therapist_id=OuterRef("pk"), status__in=PENDING_CANDIDACY_STATUSES, created_at__gte=since
        )
        .order_by()
        .values("therapist_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(open_ones, output_field=IntegerField()), 0)


def _validate(criteria: Criteria) -> None:
    if criteria.urgency not in URGENCIES:
        raise ValueError(f"Unknown urgency {criteria.urgency!r}")
    if criteria.setting not in SETTING_FIELDS:
        raise ValueError(f"Unknown setting {criteria.setting!r}")
    unknown = set(criteria.age_bands) - set(AGE_BAND_FIELDS)
    if unknown:
        raise ValueError(f"Unknown age bands {sorted(unknown)!r}")
    if criteria.setting != Setting.ONLINE and (criteria.latitude is None or criteria.longitude is None):
        raise ValueError("A request outside the online setting needs a place (latitude and longitude)")


def _hard_filtered(criteria: Criteria) -> QuerySet:
    qs = TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED).exclude(accepting=Accepting.NO)
    qs = qs.filter(**{SETTING_FIELDS[criteria.setting]: True})
    qs = qs.filter(**{AGE_BAND_FIELDS[band]: True for band in criteria.age_bands})
    through = TherapistProfile.target_groups.through
    for target_group_id in criteria.target_group_ids:
        qs = qs.filter(
            Exists(through.objects.filter(therapistprofile_id=OuterRef("pk"), targetgroup_id=target_group_id))
        )
    if criteria.language_ids:
        through = TherapistProfile.languages.through
        qs = qs.filter(
            Exists(through.objects.filter(therapistprofile_id=OuterRef("pk"), language_id__in=criteria.language_ids))
        )
    if criteria.funding_ids:
        through = TherapistProfile.funding_routes.through
        qs = qs.filter(
            Exists(through.objects.filter(therapistprofile_id=OuterRef("pk"), fundingroute_id__in=criteria.funding_ids))
        )
    if criteria.exclude_therapist_ids:
        qs = qs.exclude(pk__in=criteria.exclude_therapist_ids)
    return qs


def largest_travel_radius_km() -> float:
    """The largest travel radius of a verified therapist: the search box when the request sets no maximum.

    Read fresh on every ranking (one aggregate): a cached bound that is too small, after a change that sends no
    signal (a queryset update), would leave a therapist out of a shelter's candidates without a trace.
    """
    verified = TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED)
    radius = verified.aggregate(r=Max("travel_radius_km"), per_area=Max("locations__travel_radius_km"))
    return float(max(radius["r"] or 0, radius["per_area"] or 0))


def _within_distance(qs: QuerySet, criteria: Criteria, largest_radius_km: float | None = None) -> QuerySet:
    """Keep therapists whose nearest work location is within reach; annotate its squared distance (km²).

    Distance uses the equirectangular approximation: plain arithmetic, so SQLite and PostgreSQL compute
    it identically without PostGIS or trigonometric functions, and within the Netherlands (< 350 km) it
    stays well under 1 km of the great-circle distance. The cosine of the mean latitude is a second-order
    Taylor expansion around the request's latitude, again plain arithmetic. A latitude/longitude bounding
    box (the largest reach) lets the database find the candidate locations through the (latitude,
    longitude) index; the exact reach test and the nearest distance then run on those few rows only.
    """
    lat0, lon0 = criteria.latitude, criteria.longitude
    if criteria.max_distance_km is not None:
        reach_km = travel_reach_km(criteria.max_distance_km)
    else:
        # The largest radius anyone set keeps the box small; it never exceeds the cap search uses.
        reach_km = min(
            largest_radius_km if largest_radius_km is not None else largest_travel_radius_km(), travel_reach_km(None)
        )
    box = geo.bounding_box(lat0, lon0, reach_km)
    # The area's own radius, else the profile's. As float: the columns are smallints, and 182 km squared already
    # overflows one on PostgreSQL.
    radius = Coalesce(Cast(F("travel_radius_km"), FloatField()), Cast(OuterRef("travel_radius_km"), FloatField()))
    reach_sq = Value(reach_km * reach_km) if criteria.max_distance_km is not None else radius * radius
    # "Some location within reach" is the same test as "the nearest location within reach". As EXISTS the
    # database plans it as a semi-join: one range scan of the (latitude, longitude) index for the box,
    # hashed on therapist, instead of a distance subquery per therapist.
    in_reach = LessThanOrEqual(geo.distance_sq_km2(lat0, lon0), reach_sq)
    qs = qs.filter(Exists(WorkLocation.objects.filter(box, in_reach, therapist_id=OuterRef("pk"))))
    nearest = (
        WorkLocation.objects.filter(box, therapist_id=OuterRef("pk"))
        .annotate(d2=geo.distance_sq_km2(lat0, lon0))
        .order_by("d2")
        .values("d2")
    )
    return qs.annotate(distance_sq=Subquery(nearest[:1], output_field=FloatField()))


def _count_of(through: type, column: str, ids: tuple[int, ...]) -> Coalesce | Value:
    if not ids:
        return Value(0, output_field=IntegerField())
    hits = (
        through.objects.filter(therapistprofile_id=OuterRef("pk"), **{f"{column}__in": ids})
        .order_by()
        .values("therapistprofile_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(hits, output_field=IntegerField()), 0)


def _fit_term(field: str, wanted: tuple[int, ...], weight: float) -> CombinedExpression | Value:
    if not wanted:
        return Value(0.0, output_field=FloatField())
    return F(field) * Value(weight / len(set(wanted)))


def _matched_labels(through: type, field: str, ids: list[int], wanted: tuple[int, ...]) -> dict[int, list[str]]:
    if not wanted:
        return {}
    english = translation.get_language() == "en"
    rows = (
        through.objects.filter(therapistprofile_id__in=ids, **{f"{field}_id__in": wanted})
        .order_by(f"{field}__order", f"{field}__name_nl", f"{field}_id")
        .values_list("therapistprofile_id", f"{field}__name_nl", f"{field}__name_en")
    )
    labels: dict[int, list[str]] = {}
    for therapist_id, name_nl, name_en in rows:
        labels.setdefault(therapist_id, []).append(_("%(label)s ✓") % {"label": name_en if english else name_nl})
    return labels


def _reasons(row: dict, distance: float | None) -> list[str]:
    reasons = []
    if distance is not None:
        reasons.append(_("%(km)s km") % {"km": round(distance)})
    else:
        reasons.append(_("online"))
    weeks = row["waiting_weeks"]
    if weeks == 0:
        reasons.append(_("no waiting time"))
    else:
        reasons.append(
            ngettext("waiting time %(weeks)s week", "waiting time %(weeks)s weeks", weeks) % {"weeks": weeks}
        )
    if row["accepting"] == Accepting.LIMITED:
        reasons.append(_("limited places"))
    if row["is_stale"]:
        reasons.append(_("availability out of date"))
    if row["open_candidacies"] >= BUSY_CANDIDACIES:
        reasons.append(_("many open invitations"))
    return reasons


def split_reasons(row: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What speaks for and against a candidate beyond the fit labels, wait and distance (shown apart).

    Against: availability not confirmed recently, limited places, and many open invitations (the count
    in words, so the organisation can judge whether one more will be answered).
    """
    pros: list[str] = []
    cons: list[str] = []
    if row["accepting"] == Accepting.YES:
        pros.append(_("accepts new clients"))
    elif row["accepting"] == Accepting.LIMITED:
        cons.append(_("limited places"))
    if row["is_stale"]:
        cons.append(_("availability not confirmed for over %(days)s days") % {"days": AVAILABILITY_STALE_AFTER_DAYS})
    else:
        pros.append(_("availability recently confirmed"))
    open_candidacies = row["open_candidacies"]
    if open_candidacies >= BUSY_CANDIDACIES:
        cons.append(
            ngettext("%(count)s open invitation", "%(count)s open invitations", open_candidacies)
            % {"count": open_candidacies}
        )
    return tuple(pros), tuple(cons)
