"""The evaluator registry: how each kind of criterion is checked against what the platform knows.

    criterion_evaluator_register(kind, evaluate)
    evaluate(therapist_user, criterion, *, today) -> CriterionResult(met, detail)

`met` is True or False when the platform has the data, None when it has not: the criterion is then
evaluated "by review" (the team records a reviewed result, models.CriterionReview). A kind without a
registered evaluator is evaluated by review too, so the mark works before the apps that hold the data
(learning: training hours; colleagues: intervision) register theirs in their AppConfig.ready().

The built-in evaluators below read only the directory and this app.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import DECLARATION_VERSION, CriterionKind, DeclarationSignature, QualityCriterion


@dataclass(frozen=True)
class CriterionResult:
    met: bool | None  # None: the platform has no data; the team reviews it
    detail: str = ""


Evaluator = Callable[..., CriterionResult]
_EVALUATORS: dict[str, Evaluator] = {}  # what the apps registered (AppConfig.ready)
# Tests' overrides, oldest first: each a layer of its own (None removes a kind). The tuple is replaced, never
# changed in place, so the live server's threads read a whole state, and an override that ends removes only its
# own layer: one ending out of order (another thread's, a late-closed one) cannot undo a newer one's changes.
_OVERRIDES: tuple[dict[str, Evaluator | None], ...] = ()
_overrides_lock = threading.Lock()


def criterion_evaluator_register(kind: str, evaluate: Evaluator) -> None:
    """Register (or replace) the evaluator of a kind of criterion (inside a test's override: for its duration)."""
    layers = _OVERRIDES
    (layers[-1] if layers else _EVALUATORS)[kind] = evaluate


def criterion_evaluator_get(kind: str) -> Evaluator | None:
    for layer in reversed(_OVERRIDES):
        if kind in layer:
            return layer[kind]
    return _EVALUATORS.get(kind)


@contextmanager
def evaluators_overridden(**evaluators: Evaluator | None) -> Iterator[None]:
    """For tests: replace (or with None remove) evaluators by kind until the block ends.

    Registrations inside the block last as long as it does. Only this override's own changes end with it,
    whatever else started or ended meanwhile (the live server's threads share the registry).
    """
    global _OVERRIDES
    layer: dict[str, Evaluator | None] = dict(evaluators)
    with _overrides_lock:
        _OVERRIDES = (*_OVERRIDES, layer)
    try:
        yield
    finally:
        with _overrides_lock:
            _OVERRIDES = tuple(other for other in _OVERRIDES if other is not layer)


def criterion_evaluate(user, criterion: QualityCriterion, *, today: date) -> CriterionResult:
    evaluate = criterion_evaluator_get(criterion.kind)
    if evaluate is None:
        return CriterionResult(None, _("The platform has no data for this yet: the platform team reviews it."))
    return evaluate(user, criterion, today=today)


# A "since" for a criterion without a period: the plan's "last two years".
DEFAULT_PERIOD_MONTHS = 24


def amount_since_evaluator(measure: Callable[..., object], *, detail: str) -> Evaluator:
    """An evaluator from a selector `measure(user, since=date) -> number`, for the integrator's one line:

        criterion_evaluator_register(
            CriterionKind.TRAINING_HOURS,
            amount_since_evaluator(learning.selectors.training_hours_for_user, detail=TRAINING_HOURS_DETAIL),
        )

    Met when the amount since `today` minus the criterion's period reaches its threshold (without a threshold:
    anything above zero). `detail` is a translatable text with %(amount)s, %(threshold)s and %(since)s.
    """

    def evaluate(user, criterion: QualityCriterion, *, today: date) -> CriterionResult:
        since = months_before(today, criterion.period_months or DEFAULT_PERIOD_MONTHS)
        amount = measure(user, since=since)
        threshold = criterion.threshold
        met = amount >= threshold if threshold is not None else amount > 0
        values = {"amount": number_format(amount), "threshold": number_format(threshold or 0)}
        return CriterionResult(bool(met), _(detail) % {**values, "since": date_format(since, "j F Y")})

    return evaluate


# The details of the two evaluators the integrator registers (translated here, where makemessages finds them).
TRAINING_HOURS_DETAIL = gettext_noop("%(amount)s of %(threshold)s training hours since %(since)s.")
INTERVISION_DETAIL = gettext_noop("%(amount)s of %(threshold)s intervision meetings since %(since)s.")


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the last day of that month when it is shorter)."""
    import calendar

    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_after(day: date, months: int) -> date:
    return months_before(day, -months)


def _profile(user):
    from drakentemmers.directory.models import TherapistProfile

    try:
        return user.therapist_profile
    except TherapistProfile.DoesNotExist:
        return None


def verified_registration(user, criterion: QualityCriterion, *, today: date) -> CriterionResult:
    from drakentemmers.directory.models import RegistrationKind

    profile = _profile(user)
    if profile is None or not profile.is_verified:
        return CriterionResult(False, _("Complete your profile and have your registration verified by the team."))
    if profile.registration_kind == RegistrationKind.TRAINEE:
        has_registration = bool(profile.supervisor_name)
    else:
        has_registration = bool(profile.registration_kind and (profile.big_number or profile.registration_number))
    if not has_registration:
        return CriterionResult(False, _("Your verified profile has no registration number. Add it to your profile."))
    return CriterionResult(True, _("Your registration was verified."))


def availability_current(user, criterion: QualityCriterion, *, today: date) -> CriterionResult:
    """Fresh in the directory's sense (directory.models.availability_fresh_since), on `today`."""
    from drakentemmers.directory.models import availability_fresh_since

    profile = _profile(user)
    confirmed = profile.availability_confirmed_at if profile else None
    moment = timezone.make_aware(datetime.combine(today, time(12)))
    if confirmed is None or confirmed < availability_fresh_since(moment):
        return CriterionResult(False, _("Confirm or update your availability on your profile."))
    return CriterionResult(True, _("Your availability is up to date."))


def declaration_signed(user, criterion: QualityCriterion, *, today: date) -> CriterionResult:
    """The current text, signed within the criterion's period (when it has one)."""
    signatures = DeclarationSignature.objects.filter(user=user, version=DECLARATION_VERSION)
    if criterion.period_months:
        since = months_before(today, criterion.period_months)
        signatures = signatures.filter(signed_at__date__gte=since)
    signature = signatures.order_by("-signed_at").first()
    if signature is None:
        return CriterionResult(False, _("Read and sign the declaration."))
    signed_on = timezone.localdate(signature.signed_at)
    return CriterionResult(True, _("Signed on %(date)s.") % {"date": date_format(signed_on, "j F Y")})


def register_builtin_evaluators() -> None:
    criterion_evaluator_register(CriterionKind.VERIFIED_REGISTRATION, verified_registration)
    criterion_evaluator_register(CriterionKind.AVAILABILITY_CURRENT, availability_current)
    criterion_evaluator_register(CriterionKind.DECLARATION, declaration_signed)
