"""Reads for the directory: therapist search ("Vind een Drakentemmer") and the public network figures.

Ranking happens in the database: every filter and every score component is a SQL expression, so a page
of 20 costs the same handful of queries whether the network has 300 or 10,000 therapists.
"""

import hashlib
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
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drakentemmers.accounts.models import Role
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
    VocabularyTerm,
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


class SearchSort:
    FIT = "fit"
    DISTANCE = "distance"  # only with a place (and not online); otherwise best fit
    WAITING = "waiting"


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
    sort: str = SearchSort.FIT
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
    card: "CardFacts | None" = None


@dataclass(frozen=True)
class CardFacts:
    """What a result card prints, as plain strings built once in the selector (the template only escapes them):
    the card's loops over related managers, url tags and date filters were most of the search page's CPU."""

    name: str
    profile_url: str
    profession: str
    practice_name: str
    locations: str
    methods: str
    target_groups: str
    languages: str
    earliest_start: str
    availability_confirmed: str


def card_labels() -> dict[str, str]:
    """The result cards' headings, translated once per page rather than once per card."""
    return {
        "why": _("Why this result:"),
        "works_in": _("Works in"),
        "methods": _("Methods"),
        "target_groups": _("Target groups"),
        "languages": _("Languages"),
        "earliest_start": _("Earliest start"),
        "confirmed": _("Availability confirmed"),
        "never": _("never"),
    }


_URL_PK = 987654321  # reversed once per page, then each card's pk is put in its place


def _card_lists(ids: list[int]) -> dict[str, dict[int, str]]:
    """{"locations" | "target_groups" | "languages": {profile pk: the joined text}}: three values queries."""
    lists: dict[str, dict[int, list[str]]] = {"locations": {}, "target_groups": {}, "languages": {}}
    rows = (
        WorkLocation.objects.filter(therapist_id__in=ids)
        .order_by("pk")
        .values_list("therapist_id", "municipality__name", "postcode_area__code")
    )
    for pk, municipality, area in rows:
        lists["locations"].setdefault(pk, []).append(f"{municipality} ({area})" if area else municipality)
    for name, relation, column in (
        ("target_groups", TherapistProfile.target_groups.through, "targetgroup"),
        ("languages", TherapistProfile.languages.through, "language"),
    ):
        rows = (
            relation.objects.filter(therapistprofile_id__in=ids)
            .order_by(f"{column}__order", f"{column}__name_nl")
            .values_list("therapistprofile_id", f"{column}__name_nl", f"{column}__name_en")
        )
        for pk, name_nl, name_en in rows:
            lists[name].setdefault(pk, []).append(VocabularyTerm.label_of(name_nl, name_en))
    return {name: {pk: ", ".join(items) for pk, items in by_pk.items()} for name, by_pk in lists.items()}


def _card_facts(therapist: TherapistProfile, url_pattern: str, lists: dict[str, dict[int, str]]) -> CardFacts:
    return CardFacts(
        name=therapist.display_name,
        profile_url=url_pattern.replace(str(_URL_PK), str(therapist.pk)),
        profession=therapist.profession.label if therapist.profession else "",
        practice_name=therapist.practice_name,
        locations=lists["locations"].get(therapist.pk, ""),
        methods=", ".join(str(method) for method in therapist.methods.all()),
        target_groups=lists["target_groups"].get(therapist.pk, ""),
        languages=lists["languages"].get(therapist.pk, ""),
        earliest_start=date_filter(therapist.earliest_start, "j F Y") if therapist.earliest_start else "",
        availability_confirmed=(
            date_filter(therapist.availability_confirmed_at, "j F Y") if therapist.availability_confirmed_at else ""
        ),
    )


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
    limit = (
        Value(box_radius)
        if criteria.max_distance_km
        else Coalesce(F("locations__travel_radius_km"), F("travel_radius_km"))  # the area's own, else the profile's
    )
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
    return queryset.order_by(*_ordering(criteria))


def _ordering(criteria: SearchCriteria) -> list:
    best_fit = ["-score", "distance", "pk"] if criteria.uses_distance else ["-score", "pk"]
    if criteria.sort == SearchSort.DISTANCE and criteria.uses_distance:
        return ["distance", "-score", "pk"]
    if criteria.sort == SearchSort.WAITING:
        # Accepting now first: a short waiting time says little for a therapist who takes nobody on.
        accepting_first = Case(When(accepting=Accepting.YES, then=Value(0)), default=Value(1))
        return [accepting_first, F("waiting_weeks").asc(nulls_last=True), *best_fit]
    return best_fit


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
    number = _page_number(number)
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


def _criteria_key(criteria: SearchCriteria) -> str:
    """What the ranking depends on, by value (pks, coordinates): the same key for every visitor with this query."""

    def pk(obj):
        return getattr(obj, "pk", None)

    place = criteria.place
    parts = (
        (round(place.latitude, 6), round(place.longitude, 6)) if place is not None else None,
        criteria.max_distance_km,
        pk(criteria.region),
        pk(criteria.target_group),
        criteria.age_band,
        criteria.setting,
        tuple(sorted(m.pk for m in criteria.methods)),
        tuple(sorted(e.pk for e in criteria.expertise)),
        pk(criteria.language),
        pk(criteria.funding_route),
        criteria.accepting_now,
        criteria.max_waiting_weeks,
        criteria.sort,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def _card_relations(queryset: QuerySet, criteria: SearchCriteria) -> QuerySet:
    """What a result card shows, in a fixed number of queries: user, profession and four (five) prefetches."""
    # Methods as instances (the reasons and the method-page decorations read them); the card's other lists are
    # read as plain values by _card_lists, one query each, without building model instances.
    queryset = queryset.select_related("user", "profession").prefetch_related(
        Prefetch("methods", queryset=Method.objects.order_by("order", "name_nl")),
    )
    if criteria.expertise:  # the card does not list expertise; only the reasons need it
        queryset = queryset.prefetch_related(
            Prefetch("expertise", queryset=Expertise.objects.order_by("order", "name_nl"))
        )
    return queryset


def _ranked_page(*, viewer, criteria: SearchCriteria) -> tuple[tuple, dict]:
    """((page number shown, total, [(pk, score, distance)] of that page), {pk: profile} when just ranked).

    The ranking is the same for every visitor with this query (only a therapist's own profile is left out of their
    colleague search), so it is cached with the public pages' data version (any change to a profile, its lists or
    its work locations makes a new ranking) for at most PUBLIC_PAGE_CACHE_SECONDS, which also bounds how long a
    profile whose availability just went out of date keeps its fresh score. Ids and numbers only: on a cache hit
    the caller reads the cards fresh; on a miss the ranking query already brought them.
    """
    excluded = _excluded_from_search(viewer)
    number = _page_number(criteria.page)
    ranked: dict[int, TherapistProfile] = {}

    def build():
        queryset = therapist_search_queryset(viewer=viewer if excluded else None, criteria=criteria)
        page = _page_with_count(_card_relations(queryset, criteria), number)
        ranked.update((t.pk, t) for t in page.object_list)
        rows = [(t.pk, t.score, getattr(t, "distance", None)) for t in page.object_list]
        return page.number, page.paginator.count, rows

    return public_cache.cached_data(f"search:{search_key(viewer=viewer, criteria=criteria)}", build), ranked


def _excluded_from_search(viewer) -> int | None:
    """The viewer's own verified profile, left out of their colleague search; None for everyone else, who share
    one ranking. The roles are already loaded for the request, the profile usually by the permission check."""
    if viewer is not None and viewer.is_authenticated and viewer.has_role(Role.THERAPIST):
        own = getattr(viewer, "therapist_profile", None)
        return viewer.pk if own is not None and own.status == VerificationStatus.VERIFIED else None
    return None


def _page_number(value) -> int:
    """The page asked for: a number from 1, else the first."""
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def counted_page(objects: list, number: int, total: int) -> Page:
    """A page of results whose total is already known (e.g. cached with them): no count query."""
    paginator = Paginator(TherapistProfile.objects.none(), RESULTS_PER_PAGE)
    paginator.__dict__["count"] = total  # fills the cached_property
    return Page(objects, number, paginator)


def search_key(*, viewer, criteria: SearchCriteria) -> str:
    """What one page of results depends on besides the data: the same for every visitor with this query, except
    a therapist, whose own profile is left out."""
    return f"{_criteria_key(criteria)}:{_excluded_from_search(viewer) or '-'}:{_page_number(criteria.page)}"


def therapist_search(*, viewer, criteria: SearchCriteria) -> SearchPage:
    """One page of ranked results, each with the reasons shown to the user.

    Queries: the ranked page with its total (on a cache miss; on a hit, shared by every visitor with the same
    query until the data change, the page's profiles by id instead), and one per prefetched relation (four, five
    when filtering on expertise); independent of the size of the network.
    """
    (number, total, rows), profiles = _ranked_page(viewer=viewer, criteria=criteria)
    if rows and not profiles:
        queryset = TherapistProfile.objects.filter(pk__in=[pk for pk, _score, _distance in rows])
        profiles = {therapist.pk: therapist for therapist in _card_relations(queryset, criteria)}
    results = []
    url_pattern = reverse("directory:therapist_detail", args=[_URL_PK])
    lists = _card_lists([pk for pk, _score, _distance in rows if pk in profiles]) if rows else {}
    for pk, score, distance in rows:
        therapist = profiles.get(pk)
        if therapist is None:  # removed since the ranking was cached (its deletion bumped the version anyway)
            continue
        therapist.score, therapist.distance = score, distance
        results.append(
            SearchResult(
                therapist=therapist,
                score=score,
                distance_km=distance,
                reasons=_reasons(therapist, criteria, distance),
                is_stale=therapist.availability_is_stale,
                card=_card_facts(therapist, url_pattern, lists),
            )
        )
    page = counted_page([result.therapist for result in results], number, total)
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
    total, regions, provinces, methods, target_groups = network_figures(kind=kind)
    profiles = public_profiles(kind=kind)
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


def network_figures(*, kind: str) -> tuple:
    """(total, regions, provinces, methods, target_groups) with verified-therapist counts: the public figures.

    Shared by the figures page and the API; cached for everyone until the data change.
    """
    return public_cache.cached_data(f"network-figures:{kind}", lambda: _network_figures(kind))


def public_profiles(*, kind: str | None) -> QuerySet:
    """The public mini-profiles: verified therapists who opted in, with what the mini-profile shows prefetched
    (methods; work locations with their municipality and its regions of `kind` as `vt_regions`; no regions with
    `kind=None`, for the HSDS export). Never availability. The figures page and the API list exactly these."""
    locations = WorkLocation.objects.select_related("municipality")
    if kind is not None:
        kind_regions = Region.objects.filter(kind=kind).only("id", "name", "code")
        locations = locations.prefetch_related(
            Prefetch("municipality__regions", queryset=kind_regions, to_attr="vt_regions")
        )
    return (
        TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED, public_profile=True)
        .select_related("user", "profession")
        .prefetch_related(
            Prefetch("methods", queryset=Method.objects.order_by("order", "name_nl")),
            Prefetch("locations", queryset=locations),
        )
        .order_by("user__last_name", "user__first_name", "pk")
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
