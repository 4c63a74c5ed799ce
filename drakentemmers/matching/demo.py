"""Demo care requests in every status, with candidacies, answers and messages (fictitious, no PII).

Runs after directory.demo, which creates the organisations (among them the women's shelter of
opvang@demo.drakentemmers.nl) and the therapists. Idempotent: a request is recognised by organisation and
title. Deterministic: the same plan and the same ranking give the same data on every run.
"""

from contextlib import ExitStack
from datetime import timedelta
from unittest import mock

from django.db.models import DateTimeField

from drakentemmers.accounts.demo import demo_email
from drakentemmers.conversations.models import Message, ReadMarker, Thread
from drakentemmers.directory.models import (
    Expertise,
    Language,
    Method,
    Organisation,
    TargetGroup,
    TherapistProfile,
    VerificationStatus,
)
from drakentemmers.regions.selectors import place_resolve

from . import services
from .models import Candidacy, CareRequest, RequestStatus, StatusChange
from .ranking import rank_candidates
from .services.messages import candidacy_thread_key

# Demo data must never queue e-mail to the (fictitious) demo addresses.
_EMAIL_SENDERS = [
    "drakentemmers.matching.services.requests.email_queue_template",
    "drakentemmers.matching.services.candidacies.email_notice",
    "drakentemmers.conversations.services.email_notice",
]

# (title, kind, status, days ago, place, setting, age band, client type, role, methods, expertise, context)
SHELTER_PLAN = [
    (
        "Moeder met zoon (8), traumabehandeling kind",
        "client_request",
        "open",
        3,
        "1011",
        "in_shelter",
        "4-12",
        "child",
        "witness",
        ["emdr", "traumagerichte-speltherapie"],
        ["trauma", "kindermishandeling"],
        "Kind was getuige van geweld thuis. Verblijft sinds kort met moeder in de opvang. Behandeling kan in de "
        "opvang plaatsvinden; mentor is betrokken.",
    ),
    (
        "Volwassen vrouw, EMDR, ambulant",
        "client_request",
        "open",
        9,
        "1012",
        "outpatient",
        "18+",
        "adult",
        "victim",
        ["emdr"],
        ["trauma", "huiselijk-geweld"],
        "Cliënte heeft herbelevingen en slaapproblemen na jarenlang huiselijk geweld. Voorkeur voor een "
        "vrouwelijke behandelaar. Nederlands en Engels.",
    ),
    (
        "Jonge vrouw, complex trauma",
        "client_request",
        "draft",
        1,
        "1011",
        "in_shelter",
        "18+",
        "adult",
        "victim",
        ["schematherapie"],
        ["complex-trauma"],
        "Concept: nog aanvullen met de mentor.",
    ),
    (
        "Moeder en baby, ouder-kindbehandeling",
        "client_request",
        "matched",
        20,
        "1011",
        "in_shelter",
        "0-4",
        "family",
        "victim",
        ["imh", "cpp"],
        ["hechting-jonge-kinderen"],
        "Moeder en baby verblijven in de opvang. Gezocht: behandeling gericht op de ouder-kindrelatie.",
    ),
    (
        "Tiener, traumabehandeling na huiselijk geweld",
        "client_request",
        "treatment_started",
        40,
        "1013",
        "outpatient",
        "12-18",
        "child",
        "witness",
        ["tf-cbt"],
        ["trauma"],
        "Jongere was getuige van geweld. School en mentor zijn betrokken.",
    ),
    (
        "Volwassen vrouw, eergerelateerd geweld",
        "client_request",
        "closed",
        120,
        "1011",
        "outpatient",
        "18+",
        "adult",
        "victim",
        ["emdr", "net"],
        ["eergerelateerd-geweld"],
        "Behandeling afgerond.",
    ),
    (
        "Vader, plegerbehandeling",
        "client_request",
        "withdrawn",
        60,
        "1011",
        "outpatient",
        "18+",
        "adult",
        "perpetrator",
        ["stop-tsi"],
        ["geweld-afhankelijkheidsrelaties"],
        "Ingetrokken: cliënt is verhuisd naar een andere regio.",
    ),
    (
        "Kind (5), speltherapie",
        "client_request",
        "expired",
        90,
        "1011",
        "in_shelter",
        "4-12",
        "child",
        "witness",
        ["traumagerichte-speltherapie"],
        ["trauma"],
        "Geen behandelaar gevonden binnen de termijn.",
    ),
    (
        "Wekelijks spreekuur traumabehandeling in de opvang",
        "structural_cooperation",
        "open",
        12,
        "1011",
        "in_shelter",
        "",
        "",
        "",
        ["emdr"],
        ["trauma", "huiselijk-geweld"],
        "Wij zoeken een behandelaar die wekelijks vier uur in de opvang behandelt, voor volwassenen en kinderen.",
    ),
]
OTHER_PLAN = [
    ("Volwassene, traumabehandeling", "open", 5),
    ("Volwassene, EMDR", "matched", 25),
    ("Volwassene, online behandeling", "closed", 150),
]
MESSAGES = [
    (True, "Dank voor je reactie. Kun je aangeven op welke dagen je in de opvang kunt behandelen?"),
    (False, "Dinsdag- en donderdagochtend lukt. Is er een rustige ruimte beschikbaar?"),
    (True, "Ja, er is een behandelruimte. De mentor kan bij de eerste afspraak aansluiten."),
]


def _vocab(model, slugs: list[str]) -> list:
    return list(model.objects.filter(slug__in=slugs).order_by("pk"))


def _data(plan: tuple) -> dict:
    title, kind, _status, _days, place, setting, age, client, role, methods, expertise, context = plan
    structural = kind == "structural_cooperation"
    target_slugs = {"victim": ["slachtoffers"], "perpetrator": ["plegers"], "witness": ["kinderen-als-getuige"]}
    return {
        "title": title,
        "client_type": client,
        "age_band": age,
        "client_role": role,
        "target_groups": _vocab(TargetGroup, target_slugs.get(role, [])),
        "problems": _vocab(Expertise, expertise),
        "methods": _vocab(Method, methods),
        "languages": _vocab(Language, ["nl"]),
        "gender_preference": "female" if "vrouwelijke" in context else "none",
        "setting": setting,
        "place": place_resolve(place),
        "max_distance_km": None,
        "urgency": "high" if "baby" in title or "8)" in title else "normal",
        "earliest_start": None,
        "funding_routes": [],
        "offers_room": setting == "in_shelter",
        "offers_mentor": True,
        "offers_interpreter": False,
        "offers_other": "",
        "context": context,
        "hours": 4 if structural else None,
        "hours_unit": "week" if structural else "",
        "period_start": None,
        "period_end": None,
    }


def _candidates(care_request: CareRequest, count: int, *, prefer: TherapistProfile | None) -> list[int]:
    ranked = [c.therapist_id for c in rank_candidates(services.criteria_for_request(care_request), limit=count + 2)]
    if prefer is not None and prefer.pk in ranked:
        ranked.remove(prefer.pk)
        ranked.insert(0, prefer.pk)
    if not ranked:
        # The demo must show a flow even where the ranking finds nobody nearby: fall back to any verified therapist.
        ranked = list(
            TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED)
            .order_by("pk")
            .values_list("pk", flat=True)[: count + 2]
        )
    return ranked[:count]


def _play(care_request: CareRequest, status: str, staff, bente: TherapistProfile | None) -> None:
    """Drive the request through the real services up to the planned status."""
    if status == RequestStatus.DRAFT:
        return
    services.care_request_publish(care_request=care_request, by=staff)
    if status == RequestStatus.OPEN:
        ids = _candidates(care_request, 3, prefer=bente)
        candidacies = services.candidacies_create(care_request=care_request, therapist_ids=ids, by=staff)
        if len(candidacies) > 1:
            services.candidacy_decline(candidacy=candidacies[1], reason="no_place")
        if len(candidacies) > 2:
            services.candidacy_accept(candidacy=candidacies[2])
            _thread(candidacies[2], staff)
        return
    if status == RequestStatus.WITHDRAWN:
        ids = _candidates(care_request, 2, prefer=None)
        services.candidacies_create(care_request=care_request, therapist_ids=ids, by=staff)
        services.care_request_withdraw(care_request=care_request, by=staff, note="Cliënt verhuisd")
        return
    if status == RequestStatus.EXPIRED:
        ids = _candidates(care_request, 2, prefer=None)
        for candidacy in services.candidacies_create(care_request=care_request, therapist_ids=ids, by=staff):
            services.candidacy_decline(candidacy=candidacy, reason="outside_expertise")
        services.care_request_expire(care_request=care_request, note="Geen match binnen 8 weken.")
        return
    ids = _candidates(care_request, 2, prefer=bente)
    candidacies = services.candidacies_create(care_request=care_request, therapist_ids=ids, by=staff)
    services.candidacy_accept(candidacy=candidacies[0])
    _thread(candidacies[0], staff)
    services.match_confirm(candidacy=candidacies[0], by=staff)
    if status in (RequestStatus.TREATMENT_STARTED, RequestStatus.CLOSED):
        services.care_request_start_treatment(care_request=care_request, by=staff)
    if status == RequestStatus.CLOSED:
        services.care_request_close(care_request=care_request, by=staff)


def _thread(candidacy: Candidacy, staff) -> None:
    for from_organisation, body in MESSAGES:
        author = staff if from_organisation else candidacy.therapist.user
        services.message_send(candidacy=candidacy, author=author, body=body)


def _backdate(care_request: CareRequest, days: int) -> None:
    """Spread the demo over time so that lists and figures look lived-in; the order of events is kept."""
    delta = timedelta(days=days)
    keys = [candidacy_thread_key(pk) for pk in care_request.candidacies.values_list("pk", flat=True)]
    for model, lookup in (
        (CareRequest, {"pk": care_request.pk}),
        (StatusChange, {"care_request": care_request}),
        (Candidacy, {"care_request": care_request}),
        (Thread, {"key__in": keys}),
        (Message, {"thread__key__in": keys}),
        (ReadMarker, {"thread__key__in": keys}),
    ):
        for row in model.objects.filter(**lookup):
            changes = {
                f.attname: getattr(row, f.attname) - delta
                for f in model._meta.concrete_fields
                if isinstance(f, DateTimeField) and getattr(row, f.attname) is not None
            }
            # .update() bypasses auto_now / auto_now_add, which would otherwise overwrite the shifted values
            model.objects.filter(pk=row.pk).update(**changes)


def _spread_history(care_request: CareRequest, *, days: int) -> None:
    """Give the request a plausible timeline before it is backdated: answers hours to days after publishing,
    the match days later, treatment a week after that. The services ran within one second, which made every
    median on the figures page read zero. Offsets follow the pk, so a re-seed gives the same history, and they
    stay within `days` so nothing ends up in the future."""
    care_request.refresh_from_db()
    if care_request.published_at is None:
        return
    budget = timedelta(days=max(days, 1)) * 0.8
    answer_after = min(timedelta(hours=4 + care_request.pk * 7 % 60), budget * 0.3)
    match_after = min(timedelta(days=1 + care_request.pk * 3 % 13, hours=care_request.pk % 9), budget * 0.6)
    start_after = min(match_after + timedelta(days=7), budget * 0.8)
    close_after = min(start_after + timedelta(days=30), budget)
    published = care_request.published_at
    for n, candidacy in enumerate(care_request.candidacies.exclude(responded_at=None).order_by("pk")):
        Candidacy.objects.filter(pk=candidacy.pk).update(responded_at=published + answer_after * (n + 1))
    offsets = {
        RequestStatus.MATCHED: ("matched_at", match_after),
        RequestStatus.TREATMENT_STARTED: ("treatment_started_at", start_after),
        RequestStatus.CLOSED: ("closed_at", close_after),
    }
    for status, (field_name, offset) in offsets.items():
        if getattr(care_request, field_name) is not None:
            CareRequest.objects.filter(pk=care_request.pk).update(**{field_name: published + offset})
            care_request.status_changes.filter(to_status=status).update(changed_at=published + offset)


def _seed_request(organisation: Organisation, staff, plan: tuple, bente) -> None:
    title, kind, status, days = plan[0], plan[1], plan[2], plan[3]
    if CareRequest.objects.filter(organisation=organisation, title=title).exists():
        return
    care_request = services.care_request_create(
        organisation=organisation, created_by=staff, kind=kind, data=_data(plan)
    )
    _play(care_request, status, staff, bente)
    _spread_history(care_request, days=days)
    _backdate(care_request, days)


def seed() -> None:
    bente = TherapistProfile.objects.filter(user__email=demo_email("behandelaar")).first()
    with ExitStack() as stack:
        for target in _EMAIL_SENDERS:
            stack.enter_context(mock.patch(target))
        shelter = Organisation.objects.filter(memberships__user__email=demo_email("opvang")).first()
        if shelter is not None:
            staff = shelter.memberships.get(user__email=demo_email("opvang")).user
            for plan in SHELTER_PLAN:
                _seed_request(shelter, staff, plan, bente)
        others = (
            Organisation.objects.filter(status=VerificationStatus.VERIFIED, memberships__isnull=False)
            .exclude(pk=getattr(shelter, "pk", None))
            .distinct()
            .order_by("pk")[:6]
        )
        for n, organisation in enumerate(others):
            staff = organisation.memberships.order_by("pk").first().user
            title, status, days = OTHER_PLAN[n % len(OTHER_PLAN)]
            place = organisation.postcode_area.code if organisation.postcode_area else organisation.municipality.name
            plan = (
                title,
                "client_request",
                status,
                days,
                place,
                "outpatient",
                "18+",
                "adult",
                "victim",
                ["emdr"],
                ["trauma"],
                "Volwassene zoekt traumabehandeling na huiselijk geweld. Fictieve demo-hulpvraag.",
            )
            _seed_request(organisation, staff, plan, None)
