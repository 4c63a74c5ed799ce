"""Reads of the learning app: the public calendar, a person's trainings, figures and suggestions."""

import copy
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Min, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from drakentemmers.core import public_cache
from drakentemmers.directory.own_profile import own_therapist_profile
from drakentemmers.regions.models import Region
from drakentemmers.regions.selectors import reporting_region_kind

from .models import (
    PLACE_HOLDING,
    Attendance,
    Audience,
    Enrolment,
    EnrolmentStatus,
    Format,
    Session,
    Training,
    TrainingStatus,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SUGGESTION_LIMIT = 3


@dataclass(frozen=True)
class CalendarFilters:
    region: Region | None = None
    audience: str = ""
    month: date | None = None  # first day of the month
    format: str = ""


def calendar_regions() -> QuerySet[Region]:
    return Region.objects.filter(kind=reporting_region_kind()).order_by("name")


def _with_dates(queryset: QuerySet[Training]) -> QuerySet[Training]:
    taken = Count("enrolments", filter=Q(enrolments__status__in=PLACE_HOLDING), distinct=True)
    return (
        queryset.select_related("municipality")
        .prefetch_related("regions", Prefetch("sessions", queryset=Session.objects.order_by("starts_at")))
        .annotate(first_start=Min("sessions__starts_at"), last_end=Max("sessions__ends_at"), taken=taken)
    )


def month_bounds(month: date) -> tuple[datetime, datetime]:
    start = datetime.combine(month.replace(day=1), time(), tzinfo=AMSTERDAM)
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return start, datetime.combine(following, time(), tzinfo=AMSTERDAM)


def training_calendar(*, filters: CalendarFilters, now: datetime | None = None) -> QuerySet[Training]:
    """Published trainings with a session still to come (or in the chosen month), soonest first."""
    now = now or timezone.now()
    trainings = Training.objects.filter(status=TrainingStatus.PUBLISHED)
    if filters.month:
        start, end = month_bounds(filters.month)
        trainings = trainings.filter(sessions__starts_at__gte=start, sessions__starts_at__lt=end)
    else:
        trainings = trainings.filter(sessions__ends_at__gte=now)
    if filters.region:
        region_ids = [filters.region.pk]
        trainings = trainings.filter(Q(regions__in=region_ids) | Q(municipality__regions__in=region_ids))
    if filters.audience in Audience.values:
        trainings = trainings.filter(audience=filters.audience)
    if filters.format in Format.values:
        trainings = trainings.filter(format=filters.format)
    ids = trainings.values("pk").distinct()
    return _with_dates(Training.objects.filter(pk__in=ids)).order_by("first_start", "pk")


def public_trainings(*, region: str | None = None, municipality: str | None = None) -> QuerySet[Training]:
    """The public agenda for the API: published trainings with a session to come, by region or venue municipality
    code (an unknown code gives none). Annotated like the calendar: first_start, last_end, taken."""
    filters = CalendarFilters()
    trainings = training_calendar(filters=filters)
    if region:
        region = region.upper()
        trainings = trainings.filter(Q(regions__code=region) | Q(municipality__regions__code=region)).distinct()
    if municipality:
        trainings = trainings.filter(municipality__code=municipality.upper())
    return trainings


def training_public(pk: int) -> Training | None:
    return (
        _with_dates(Training.objects.filter(pk=pk, status=TrainingStatus.PUBLISHED))
        .prefetch_related("accreditations", "trainers", "methods", "target_groups")
        .first()
    )


def enrolment_of(training: Training, user) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(training=training, user=user).first()


def waitlist_position(enrolment: Enrolment) -> int | None:
    if enrolment.status != EnrolmentStatus.WAITLISTED:
        return None
    ahead = Enrolment.objects.filter(
        training_id=enrolment.training_id, status=EnrolmentStatus.WAITLISTED, queued_at__lt=enrolment.queued_at
    ).count()
    return ahead + 1


def my_enrolments(user) -> QuerySet[Enrolment]:
    trainings = _with_dates(Training.objects.all())
    return (
        Enrolment.objects.filter(user=user)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .prefetch_related(Prefetch("training", queryset=trainings))
        .annotate(
            sessions_total=Count("training__sessions", distinct=True),
            sessions_present=Count("attendances", filter=Q(attendances__present=True), distinct=True),
        )
        .order_by("-created_at")
    )


def trainings_given_by(user) -> QuerySet[Training]:
    return _with_dates(Training.objects.filter(trainers=user).exclude(status=TrainingStatus.CANCELLED)).order_by(
        "first_start", "pk"
    )


def sessions_for_user(user) -> QuerySet[Session]:
    """Sessions of the trainings the user holds a place in (offers included) or gives."""
    held = Enrolment.objects.filter(user=user, status__in=PLACE_HOLDING).values("training_id")
    return (
        Session.objects.filter(Q(training__in=held) | Q(training__trainers=user))
        .filter(training__status=TrainingStatus.PUBLISHED)
        .select_related("training__municipality")
        .distinct()
        .order_by("starts_at")
    )


def sessions_published() -> QuerySet[Session]:
    return (
        Session.objects.filter(training__status=TrainingStatus.PUBLISHED)
        .select_related("training__municipality")
        .order_by("starts_at")
    )


def training_participants(training: Training) -> QuerySet:
    """The people enrolled in the training (for a questionnaire to 'a training's participants')."""
    enrolled = Enrolment.objects.filter(training=training, status=EnrolmentStatus.ENROLLED).values("user_id")
    return get_user_model().objects.filter(pk__in=enrolled, is_active=True).order_by("pk")


def training_hours_for_user(user, *, since: date) -> Decimal:
    """Hours of training sessions the user was marked present at, from `since` (a date, Amsterdam time) on."""
    start = datetime.combine(since, time(), tzinfo=AMSTERDAM)
    duration = ExpressionWrapper(F("session__ends_at") - F("session__starts_at"), output_field=DurationField())
    total = Attendance.objects.filter(enrolment__user=user, present=True, session__starts_at__gte=start).aggregate(
        total=Sum(duration)
    )["total"]
    if not total:
        return Decimal("0")
    return (Decimal(total.total_seconds()) / 3600).quantize(Decimal("0.1"))


def participant_list(training: Training) -> QuerySet[Enrolment]:
    present = Count("attendances", filter=Q(attendances__present=True))
    return (
        Enrolment.objects.filter(training=training)
        .select_related("user")
        .annotate(sessions_present=present)
        .order_by("status", "queued_at", "created_at")
    )


def staff_trainings() -> QuerySet[Training]:
    return _with_dates(Training.objects.all()).order_by("-first_start", "-pk")


@dataclass(frozen=True)
class TrainedFigure:
    label: str
    by_audience: dict[str, int]
    total: int

    @property
    def counts(self) -> list[int]:
        return [self.by_audience[audience] for audience in Audience.values]


def people_trained(*, year: int | None = None, by: str = "year") -> list[TrainedFigure]:
    """Distinct people present at a session at least once, per audience, by year or by region of the venue.

    A person trained twice in one year counts once in that year; by region, once per region.
    """
    attended = Attendance.objects.filter(present=True, enrolment__status=EnrolmentStatus.ENROLLED)
    if year:
        attended = attended.filter(session__starts_at__year=year)
    if by == "region":
        through = Region.municipalities.through.objects.filter(region__kind=reporting_region_kind())
        names = dict(through.values_list("municipality_id", "region__name"))
        rows = attended.values_list("enrolment__user_id", "enrolment__audience", "enrolment__training__municipality_id")
        keyed = {(user, audience, names.get(municipality, "")) for user, audience, municipality in rows}
    else:
        rows = attended.values_list("enrolment__user_id", "enrolment__audience", "session__starts_at__year")
        keyed = {(user, audience, str(year)) for user, audience, year in rows}
    figures: dict[str, dict[str, int]] = {}
    for _user, audience, label in keyed:
        figures.setdefault(label, dict.fromkeys(Audience.values, 0))[audience] += 1
    return [
        TrainedFigure(label=label, by_audience=counts, total=sum(counts.values()))
        for label, counts in sorted(figures.items(), key=lambda item: (item[0] == "", item[0]))
    ]


def learning_home_figures() -> dict[str, int]:
    """The home page's "professionals trained": distinct people present at a session this year (one query)."""
    year = timezone.localdate().year
    trained = (
        Attendance.objects.filter(
            present=True, enrolment__status=EnrolmentStatus.ENROLLED, session__starts_at__year=year
        )
        .values("enrolment__user_id")
        .distinct()
        .count()
    )
    return {"people_trained": trained}


def _suggestion_offer(now: datetime) -> list[Training]:
    """Published trainings for therapists still open for enrolment with a session to come, with their methods and
    target groups: the same for every therapist. Only what the suggestions show and score (no places taken)."""
    to_come = Session.objects.filter(ends_at__gte=now).values("training_id")
    return list(
        Training.objects.filter(
            status=TrainingStatus.PUBLISHED, audience=Audience.THERAPISTS, enrolment_deadline__gte=now, pk__in=to_come
        )
        .annotate(first_start=Min("sessions__starts_at"), last_end=Max("sessions__ends_at"))
        .prefetch_related("methods", "target_groups")
        .order_by("first_start", "pk")
    )


def suggestion_offer(now: datetime | None = None) -> list[Training]:
    """`_suggestion_offer`, from the public data cache (core.public_cache: a change to a training, its sessions,
    methods or target groups bumps its version) when asked for the present; filtered again for `now`, since
    a training only ever leaves the offer as time passes (its enrolment deadline or last session goes by)."""
    if now is not None:
        return _suggestion_offer(now)
    now = timezone.now()
    offer = public_cache.cached_data("learning:suggestion-offer", lambda: _suggestion_offer(now))
    return [training for training in offer if training.enrolment_deadline >= now and training.last_end >= now]


def training_suggestions(user, *, now: datetime | None = None, limit: int = SUGGESTION_LIMIT) -> list[Training]:
    """Upcoming trainings for a therapist, by the gaps between their profile and the offer.

    A training scores for each target group it covers that the therapist treats (relevant to their work)
    and for each method it covers that the therapist does not list yet (a gap it fills); trainings the user
    already enrolled in, or that cover nothing relevant or new, are left out.
    """
    profile = own_therapist_profile(user, "methods", "target_groups")  # shared with the onboarding checklist
    if profile is None:
        return []
    own_methods = {method.pk for method in profile.methods.all()}
    own_groups = {group.pk for group in profile.target_groups.all()}
    offer = suggestion_offer(now)
    if not offer:
        return []
    enrolled = set(
        Enrolment.objects.filter(user=user, training_id__in=[training.pk for training in offer])
        .exclude(status=EnrolmentStatus.CANCELLED)
        .values_list("training_id", flat=True)
    )
    scored = []
    for cached in offer:
        if cached.pk in enrolled:
            continue
        methods = {method.pk for method in cached.methods.all()}
        groups = {group.pk for group in cached.target_groups.all()}
        new_methods, relevant_groups = methods - own_methods, groups & own_groups
        if not new_methods and not relevant_groups:
            continue
        training = copy.copy(cached)  # the cached object is shared: this user's reasons go on a copy
        training.suggestion_new_methods = [m for m in cached.methods.all() if m.pk in new_methods]
        training.suggestion_groups = [g for g in cached.target_groups.all() if g.pk in relevant_groups]
        scored.append((-(len(new_methods) + len(relevant_groups)), training.first_start, training.pk, training))
    return [item[-1] for item in sorted(scored, key=lambda item: item[:3])[:limit]]


def certificate_context(enrolment: Enrolment) -> dict:
    """What a certificate and its public check show: name, training, dates, hours, points. Nothing else."""
    training = enrolment.training
    sessions = list(training.sessions.order_by("starts_at"))
    present = set(enrolment.attendances.filter(present=True).values_list("session_id", flat=True))
    hours = sum((session.hours for session in sessions if session.pk in present), Decimal("0"))
    return {
        "name": enrolment.user.get_full_name() or enrolment.user.email,
        "training": training,
        "sessions": sessions,
        "hours": hours,
        "accreditations": list(training.accreditations.all()),
        "code": enrolment.certificate_code,
        "issued_at": enrolment.certificate_issued_at,
    }


@dataclass
class AttendanceRow:
    enrolment: Enrolment
    present: bool


def attendance_rows(session: Session) -> list[AttendanceRow]:
    marked = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "present"))
    enrolled = (
        Enrolment.objects.filter(training_id=session.training_id, status=EnrolmentStatus.ENROLLED)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    return [AttendanceRow(enrolment=e, present=marked.get(e.pk, False)) for e in enrolled]


@dataclass(frozen=True)
class EvaluationResults:
    count: int
    participants: int
    overall: float | None
    usefulness: float | None
    comments: list[str]


def evaluation_results(training: Training) -> EvaluationResults:
    """Averages and comments, without names (the team reads what to improve, not who said it)."""
    from django.db.models import Avg

    from .models import Evaluation

    evaluations = Evaluation.objects.filter(enrolment__training=training)
    figures = evaluations.aggregate(count=Count("pk"), overall=Avg("overall"), usefulness=Avg("usefulness"))
    comments = list(evaluations.exclude(comments="").order_by("?").values_list("comments", flat=True))
    participants = Enrolment.objects.filter(training=training, status=EnrolmentStatus.ENROLLED).count()
    return EvaluationResults(
        count=figures["count"],
        participants=participants,
        overall=figures["overall"],
        usefulness=figures["usefulness"],
        comments=comments,
    )
