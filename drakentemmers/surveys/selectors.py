"""Reads: a user's open invitations, the questionnaire with its questions, and the results."""

from dataclasses import dataclass, field
from statistics import mean, median

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from drakentemmers.regions.models import Region

from .models import (
    ANONYMOUS_RESULTS_THRESHOLD,
    LIKERT_LABELS,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    Section,
    SurveyInvitation,
)


def open_invitations_for_user(user) -> QuerySet:
    now = timezone.now()
    return SurveyInvitation.objects.filter(
        Q(user=user) | Q(email__iexact=user.email),
        questionnaire__status=QuestionnaireStatus.OPEN,
        accepted_at__isnull=True,
        declined_at__isnull=True,
        expires_at__gt=now,
    )


def invitations_for_user(user) -> QuerySet:
    return (
        SurveyInvitation.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .exclude(questionnaire__status=QuestionnaireStatus.DRAFT)
        .select_related("questionnaire")
        .order_by("-created_at")
    )


def questionnaire_sections(questionnaire: Questionnaire) -> list[Section]:
    """Sections in order with their questions prefetched: two queries."""
    return list(
        questionnaire.sections.order_by("position", "pk").prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position", "pk"))
        )
    )


# --- results ----------------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[tuple[str, int]] = field(default_factory=list)  # (label, count), for choice, Likert and region
    texts: list[str] = field(default_factory=list)  # open answers
    stats: dict | None = None  # number questions: count, mean, median, min, max


@dataclass
class Results:
    questionnaire: Questionnaire
    invited: int
    responded: int
    shown: bool  # False: an anonymous questionnaire (or slice) with fewer than the threshold
    questions: list[QuestionResult]

    @property
    def rate(self) -> float | None:
        return round(100 * self.responded / self.invited, 1) if self.invited else None


def questionnaire_overview() -> list[dict]:
    """Every questionnaire with its invited and responded counts: two queries."""
    rows = list(Questionnaire.objects.order_by("-created_at"))
    counts = {
        row["questionnaire_id"]: row
        for row in SurveyInvitation.objects.values("questionnaire_id").annotate(
            invited=Count("pk"), responded=Count("pk", filter=Q(accepted_at__isnull=False))
        )
    }
    result = []
    for questionnaire in rows:
        count = counts.get(questionnaire.pk, {"invited": 0, "responded": 0})
        rate = round(100 * count["responded"] / count["invited"], 1) if count["invited"] else None
        result.append(
            {"questionnaire": questionnaire, "invited": count["invited"], "responded": count["responded"], "rate": rate}
        )
    return result


def _filtered(queryset: QuerySet, *, region_id: int | None, group: str | None) -> QuerySet:
    if region_id:
        queryset = queryset.filter(region_id=region_id)
    if group:
        queryset = queryset.filter(group=group)
    return queryset


def questionnaire_responses(
    questionnaire: Questionnaire, *, region_id: int | None = None, group: str | None = None
) -> list[Response]:
    """Named questionnaires: filtered by the respondent's region and role. Anonymous ones carry neither
    (a stored region or role plus the invitations marked done would single out a lone respondent), so the
    filters do not apply to their answers, only to the response rate."""
    responses = Response.objects.filter(questionnaire=questionnaire)
    if not questionnaire.anonymous:
        responses = _filtered(responses, region_id=region_id, group=group)
    return list(responses.order_by("submitted_at", "id"))


def questionnaire_results(
    questionnaire: Questionnaire, *, region_id: int | None = None, group: str | None = None
) -> Results:
    """Response rate and per-question figures, for all or for one region / role. Five queries, whatever the data."""
    invitations = _filtered(questionnaire.invitations.all(), region_id=region_id, group=group)
    counts = invitations.aggregate(invited=Count("pk"), responded=Count("pk", filter=Q(accepted_at__isnull=False)))
    responses = questionnaire_responses(questionnaire, region_id=region_id, group=group)
    shown = not questionnaire.anonymous or len(responses) >= ANONYMOUS_RESULTS_THRESHOLD
    sections = questionnaire_sections(questionnaire)
    region_names = dict(Region.objects.values_list("pk", "name"))
    results = []
    for section in sections:
        for question in section.questions.all():
            values = [r.answers[question.key] for r in responses if question.key in r.answers] if shown else []
            results.append(_question_result(question, values, region_names))
    return Results(questionnaire, counts["invited"], counts["responded"], shown, results)


def _question_result(question: Question, values: list, region_names: dict) -> QuestionResult:
    result = QuestionResult(question=question, answered=len(values))
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        flat = [str(v) for value in values for v in (value if isinstance(value, list) else [value])]
        result.bars = [(option, flat.count(option)) for option in question.options]
    elif kind == QuestionKind.LIKERT:
        # Each point with its words ("4 – eens"), as the respondent saw it; the mean and median beside.
        points = [int(v) for v in values]
        result.bars = [(str(label), points.count(point)) for point, label in LIKERT_LABELS.items()]
        if points:
            result.stats = _stats(points)
    elif kind == QuestionKind.REGION:
        tally: dict[str, int] = {}
        for value in values:
            name = region_names.get(value, "?")
            tally[name] = tally.get(name, 0) + 1
        result.bars = sorted(tally.items(), key=lambda item: (-item[1], item[0]))
    elif kind == QuestionKind.NUMBER:
        numbers = [float(v) for v in values]
        if numbers:
            result.stats = _stats(numbers)
            result.bars = _number_bins(numbers)
    else:
        result.texts = [str(v) for v in values]
    return result


NUMBER_BINS = 5


def _stats(numbers: list[float]) -> dict:
    low, high = _number(min(numbers)), _number(max(numbers))
    return {"mean": mean(numbers), "median": median(numbers), "min": low, "max": high}


def _number_bins(numbers: list[float]) -> list[tuple[str, int]]:
    low, high = min(numbers), max(numbers)
    if low == high:
        return [(_number(low), len(numbers))]
    width = (high - low) / NUMBER_BINS
    bins = [0] * NUMBER_BINS
    for number in numbers:
        bins[min(int((number - low) / width), NUMBER_BINS - 1)] += 1
    return [(f"{_number(low + i * width)}–{_number(low + (i + 1) * width)}", count) for i, count in enumerate(bins)]


def _number(value: float) -> str:
    """A number as Dutch readers write it: decimal comma, no trailing zeros."""
    return f"{value:.6g}".replace(".", ",")
