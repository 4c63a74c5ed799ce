"""Reads for the directory: therapist search ("Vind een Drakentemmer") and the public network figures.

Ranking happens in the database: every filter and every score component is a SQL expression, so a page
of 20 costs the same handful of queries whether the network has 300 or 10,000 therapists.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drakentemmers.core import public_cache
from drakentemmers.regions import geo
from drakentemmers.regions.models import Province, Region
from drakentemmers.regions.selectors import Place, reporting_region_kind

from .models import (
    AGE_BAND_FIELDS,
    SETTING_FIELDS,
    Accepting,
    Expertise,
    FundingRoute,
    Language,
    Method,
    Organisation,
    Setting,
    TargetGroup,
    TherapistProfile,
    VerificationStatus,
    WorkLocation,
    availability_stale_q,
    travel_reach_km,
)

RESULTS_PER_PAGE = 20
PUBLIC_PROFILES_PER_PAGE = 30
# Score weights (higher ranks first). Fit with what was asked weighs most, then availability, then distance.
SCORE_PER_METHOD_MATCH = 30
SCORE_PER_EXPERTISE_MATCH = 20
SCORE_ACCEPTING = {Accepting.YES: 40, Accepting.LIMITED: 20, Accepting.NO: 0}
# (max waiting weeks, points); even numbers so halving stale availability stays exact in integer SQL.
SCORE_WAITING = [(2, 20), (4, 14), (8, 8), (12, 4)]
SCORE_FRESH_BONUS = 10
# (max km, points) for the nearest work location.
SCORE_DISTANCE = [(5, 25), (10, 20), (25, 12), (50, 6)]


@dataclass(frozen=True)
class SearchCriteria:
    place: Place | None = None
    max_distance_km: int | None = None
    region: Region | None = None
    target_group: TargetGroup | None = None
    age_band: str = ""
    setting: str = ""
    methods: tuple[Method, ...] = ()
    expertise: tuple[Expertise, ...] = ()
    language: Language | None = None
    funding_route: FundingRoute | None = None
    accepting_now: bool = False
    max_waiting_weeks: int | None = None
    page: int | str = 1

    @property
    def uses_distance(self) -> bool:
        # Online treatment works from anywhere: a place then says nothing about who fits.
        return self.place is not None and self.setting != Setting.ONLINE


@dataclass(frozen=True)
class Reason:
    """Why a result is shown where it is; `tone` picks the badge style (ok, warn or neutral)."""

    text: str
    tone: str = ""

    def __str__(self) -> str:
        return self.text


@dataclass
class SearchResult:
    therapist: TherapistProfile
    score: int
    distance_km: float | None
    reasons: list[Reason] = field(default_factory=list)
    is_stale: bool = False


@dataclass
class SearchPage:
    page: Page
    results: list[SearchResult]
    criteria: SearchCriteria

    @property
    def count(self) -> int:
        return self.page.paginator.count


def _has_related(through, owner: str, column: str, ids) -> Exists:
    return Exists(through.objects.filter(**{owner: OuterRef("pk"), f"{column}__in": ids}))


def _match_count(through, column: str, ids) -> Coalesce:
    matches = (
        through.objects.filter(therapistprofile_id=OuterRef("pk"), **{f"{column}__in": ids})
        .order_by()
        .values("therapistprofile_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(matches, output_field=IntegerField()), Value(0))


def _filtered(queryset: QuerySet, criteria: SearchCriteria) -> QuerySet:
    profile = TherapistProfile
    if criteria.region is not None:
        queryset = queryset.filter(
            Exists(
                WorkLocation.objects.filter(
                    therapist=OuterRef("pk"), municipality__in=criteria.region.municipalities.all()
                )
            )
        )
    if criteria.target_group is not None:
        queryset = queryset.filter(
            _has_related(profile.target_groups.through, "therapistprofile", "targetgroup", [criteria.target_group.pk])
        )
    if criteria.age_band in AGE_BAND_FIELDS:
        queryset = queryset.filter(**{AGE_BAND_FIELDS[criteria.age_band]: True})
    if criteria.setting in SETTING_FIELDS:
        queryset = queryset.filter(**{SETTING_FIELDS[criteria.setting]: True})
    if criteria.methods:
        queryset = queryset.filter(
            _has_related(profile.methods.through, "therapistprofile", "method", [m.pk for m in criteria.methods])
        )
    if criteria.expertise:
        queryset = queryset.filter(
            _has_related(profile.expertise.through, "therapistprofile", "expertise", [e.pk for e in criteria.expertise])
        )
    if criteria.language is not None:
        queryset = queryset.filter(
            _has_related(profile.languages.through, "therapistprofile", "language", [criteria.language.pk])
        )
    if criteria.funding_route is not None:
        queryset = queryset.filter(
            _has_related(
                profile.funding_routes.through, "therapistprofile", "fundingroute", [criteria.funding_route.pk]
            )
        )
    if criteria.accepting_now:
        queryset = queryset.filter(accepting__in=[Accepting.YES, Accepting.LIMITED])
    if criteria.max_waiting_weeks is not None:
        queryset = queryset.filter(waiting_weeks__lte=criteria.max_waiting_weeks)
    return queryset


def _with_distance(queryset: QuerySet, criteria: SearchCriteria) -> QuerySet:
    """Distance to the nearest work location; only therapists within their radius or the chosen maximum."""
    place = criteria.place
    box_radius = travel_reach_km(criteria.max_distance_km or None)
    # Join the locations inside the box, drop those out of reach before grouping (the nearest location is in
    # reach whenever any is), and take the minimum per therapist. Each distance is computed once; a correlated
    # subquery would be repeated for every use of `distance` in the score.
    limit = Value(box_radius) if criteria.max_distance_km else F("travel_radius_km")
    location_km = geo.distance_km(place.latitude, place.longitude, prefix="locations__")
    return (
        queryset.filter(geo.bounding_box(place.latitude, place.longitude, box_radius, prefix="locations__"))
        .alias(location_km=location_km)
        .filter(location_km__lte=limit)
        .annotate(distance=Min(location_km))
    )


def _scored(queryset: QuerySet, criteria: SearchCriteria) -> QuerySet:
    fresh = ~availability_stale_q(timezone.now())
    accepting_points = Case(
        *[When(accepting=value, then=Value(points)) for value, points in SCORE_ACCEPTING.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
    waiting_points = Case(
        *[When(waiting_weeks__lte=weeks, then=Value(points)) for weeks, points in SCORE_WAITING],
        default=Value(0),
        output_field=IntegerField(),
    )
    queryset = queryset.annotate(
        is_fresh=Case(When(fresh, then=Value(1)), default=Value(0), output_field=IntegerField()),
        availability_points=Case(
            # Stale availability counts half: it may no longer be true.
            When(fresh, then=accepting_points + waiting_points + Value(SCORE_FRESH_BONUS)),
            default=(accepting_points + waiting_points) / Value(2),
            output_field=IntegerField(),
        ),
        method_matches=_match_count(TherapistProfile.methods.through, "method", [m.pk for m in criteria.methods])
        if criteria.methods
        else Value(0),
        expertise_matches=_match_count(
            TherapistProfile.expertise.through, "expertise", [e.pk for e in criteria.expertise]
        )
        if criteria.expertise
        else Value(0),
    )
    score = (
        F("availability_points")
        + F("method_matches") * Value(SCORE_PER_METHOD_MATCH)
        + F("expertise_matches") * Value(SCORE_PER_EXPERTISE_MATCH)
    )
    if criteria.uses_distance:
        score = score + Case(
            *[When(distance__lte=km, then=Value(points)) for km, points in SCORE_DISTANCE],
            default=Value(0),
            output_field=IntegerField(),
        )
    return queryset.annotate(score=score)


def therapist_search_queryset(*, viewer, criteria: SearchCriteria) -> QuerySet:
    """Verified therapists matching the criteria, annotated with `score` (and `distance`), best first."""
    queryset = TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED)
    if viewer is not None and viewer.is_authenticated:
        queryset = queryset.exclude(user_id=viewer.pk)  # a therapist looking for colleagues
    queryset = _filtered(queryset, criteria)
    if criteria.uses_distance:
        queryset = _with_distance(queryset, criteria)
    queryset = _scored(queryset, criteria)
    ordering = ["-score", "distance", "pk"] if criteria.uses_distance else ["-score", "pk"]
    return queryset.order_by(*ordering)


def _reasons(therapist: TherapistProfile, criteria: SearchCriteria, distance: float | None) -> list[Reason]:
    wanted_methods = {m.pk for m in criteria.methods}
    wanted_expertise = {e.pk for e in criteria.expertise}
    reasons = [Reason(f"{m.label} ✓", "ok") for m in therapist.methods.all() if m.pk in wanted_methods]
    if wanted_expertise:
        reasons += [Reason(f"{e.label} ✓", "ok") for e in therapist.expertise.all() if e.pk in wanted_expertise]
    if distance is not None:
        reasons.append(Reason(_("%(km)s km") % {"km": max(1, round(distance))}))
    if criteria.setting == Setting.ONLINE:
        reasons.append(Reason(_("online ✓"), "ok"))
    if therapist.accepting == Accepting.YES:
        reasons.append(Reason(_("accepting new clients"), "ok"))
    elif therapist.accepting == Accepting.LIMITED:
        reasons.append(Reason(_("limited places")))
    else:
        reasons.append(Reason(_("not accepting new clients"), "warn"))
    if therapist.waiting_weeks == 0:
        reasons.append(Reason(_("no waiting time")))
    else:
        weeks = therapist.waiting_weeks
        reasons.append(
            Reason(ngettext("waiting time %(weeks)s week", "waiting time %(weeks)s weeks", weeks) % {"weeks": weeks})
        )
    if therapist.availability_is_stale:
        reasons.append(Reason(_("availability out of date"), "warn"))
    return reasons


def _page_with_count(queryset: QuerySet, number: int | str) -> Page:
    """Like Paginator.get_page, but the total comes with the rows (COUNT(*) OVER ()), saving a second
    evaluation of the whole ranked query. Only a page past the end costs an extra count."""
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    paginator = Paginator(queryset, RESULTS_PER_PAGE)
    offset = (number - 1) * RESULTS_PER_PAGE
    rows = list(queryset.annotate(total_count=Window(Count("pk")))[offset : offset + RESULTS_PER_PAGE])
    if rows:
        paginator.__dict__["count"] = rows[0].total_count  # fills the cached_property
    elif number > 1:
        return _page_with_count(queryset, paginator.num_pages)
    else:
        paginator.__dict__["count"] = 0
    return Page(rows, number, paginator)


def therapist_search(*, viewer, criteria: SearchCriteria) -> SearchPage:
    """One page of ranked results, each with the reasons shown to the user.

    Queries: the page (with its total), and one per prefetched relation (four, five when filtering on expertise);
    independent of the size of the network.
    """
    queryset = therapist_search_queryset(viewer=viewer, criteria=criteria).select_related("user", "profession")
    queryset = queryset.prefetch_related(
        Prefetch("methods", queryset=Method.objects.order_by("order", "name_nl")),
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "name_nl")),
        Prefetch("languages", queryset=Language.objects.order_by("order", "name_nl")),
        Prefetch("locations", queryset=WorkLocation.objects.select_related("municipality", "postcode_area")),
    )
    if criteria.expertise:  # the card does not list expertise; only the reasons need it
        queryset = queryset.prefetch_related(
            Prefetch("expertise", queryset=Expertise.objects.order_by("order", "name_nl"))
        )
    page = _page_with_count(queryset, criteria.page)
    results = []
    for therapist in page.object_list:
        distance = getattr(therapist, "distance", None)
        results.append(
            SearchResult(
                therapist=therapist,
                score=therapist.score,
                distance_km=distance,
                reasons=_reasons(therapist, criteria, distance),
                is_stale=therapist.availability_is_stale,
            )
        )
    return SearchPage(page=page, results=results, criteria=criteria)


# --- Public figures ------------------------------------------------------------------------------------------


@dataclass
class PublicNetwork:
    total: int
    regions: list[Region]
    provinces: list[Province]
    methods: list[Method]
    target_groups: list[TargetGroup]
    profiles: Page


def _verified_in(**location_filter) -> Coalesce:
    """Count of verified therapists with a work location matching the filter (a correlated subquery)."""
    counted = (
        WorkLocation.objects.filter(therapist__status=VerificationStatus.VERIFIED, **location_filter)
        .order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(n=Count("therapist_id", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def public_network(*, page: int | str = 1) -> PublicNetwork:
    """Counts per region of the reporting unit (Veilig Thuis until the platform team chooses another) and per
    province, what the network offers, and opted-in mini-profiles.

    Never availability: this page is public.
    """
    kind = reporting_region_kind()
    total, regions, provinces, methods, target_groups = public_cache.cached_data(
        f"network-figures:{kind}", lambda: _network_figures(kind)
    )
    vt_regions = Region.objects.filter(kind=kind).only("id", "name")
    profiles = (
        TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED, public_profile=True)
        .select_related("user", "profession")
        .prefetch_related(
            Prefetch("methods", queryset=Method.objects.order_by("order", "name_nl")),
            Prefetch(
                "locations",
                queryset=WorkLocation.objects.select_related("municipality").prefetch_related(
                    Prefetch("municipality__regions", queryset=vt_regions, to_attr="vt_regions")
                ),
            ),
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )
    profile_page = Paginator(profiles, PUBLIC_PROFILES_PER_PAGE).get_page(page)
    profile_page.object_list = list(profile_page.object_list)
    for therapist in profile_page.object_list:
        therapist.public_regions = public_profile_regions(therapist)
    return PublicNetwork(
        total=total,
        regions=regions,
        provinces=provinces,
        methods=methods,
        target_groups=target_groups,
        profiles=profile_page,
    )


def _network_figures(kind: str) -> tuple:
    """The counts of the figures page (the expensive part, cached for everyone until the data change)."""
    verified = Q(therapistprofile__status=VerificationStatus.VERIFIED)
    regions = list(
        Region.objects.filter(kind=kind)
        .annotate(therapist_count=_verified_in(municipality__regions=OuterRef("pk")))
        .order_by("name")
    )
    provinces = list(
        Province.objects.annotate(therapist_count=_verified_in(municipality__province=OuterRef("pk"))).order_by("name")
    )
    methods = list(
        Method.objects.filter(is_active=True)
        .annotate(therapist_count=Count("therapistprofile", filter=verified, distinct=True))
        .filter(therapist_count__gt=0)
        .order_by("-therapist_count", "name_nl")
    )
    target_groups = list(
        TargetGroup.objects.filter(is_active=True)
        .annotate(therapist_count=Count("therapistprofile", filter=verified, distinct=True))
        .filter(therapist_count__gt=0)
        .order_by("-therapist_count", "name_nl")
    )
    total = TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED).count()
    return total, regions, provinces, methods, target_groups


def public_profile_regions(therapist: TherapistProfile) -> list[str]:
    """Reporting-unit region names of a mini-profile's work locations (uses the prefetch in public_network)."""
    names: list[str] = []
    for location in therapist.locations.all():
        for region in getattr(location.municipality, "vt_regions", []):
            if region.name not in names:
                names.append(region.name)
    return names


def known_organisation_names() -> list[str]:
    """Names of verified organisations, for the privacy guard's allowlist.

    Only verified ones: an unverified sign-up could otherwise name itself after a client and hide that name
    from the guard.
    """
    return list(
        Organisation.objects.filter(status=VerificationStatus.VERIFIED).values_list("name", flat=True).distinct()
    )


def known_organisation_names_version() -> tuple:
    verified = Organisation.objects.filter(status=VerificationStatus.VERIFIED)
    figures = verified.aggregate(count=Count("pk"), top=Max("pk"), latest=Max("verified_at"))
    return (figures["count"], figures["top"], figures["latest"])


def directory_home_figures() -> dict[str, int]:
    """Verified members and organisations for the public home page (registered in DirectoryConfig.ready).

    Only verified profiles count, so a draft or rejected sign-up never inflates the public figures. 2 queries.
    """
    return {
        "therapists": TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED).count(),
        "organisations": Organisation.objects.filter(status=VerificationStatus.VERIFIED).count(),
    }
