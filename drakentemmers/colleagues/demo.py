"""Fictitious colleague network for the demo: intervision groups in real Veilig Thuis regions with members,
meetings and attendance, a group space, supervisors, and anonymised case questions with replies.

Idempotent: a group that already exists by name is left alone, and everything else hangs off the groups
(runs again add nothing). Uses the verified demo therapists of the directory seeder (order 20) and the
documented demo login behandelaar@, who facilitates the Utrecht group.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from drakentemmers.accounts.demo import DEMO_DOMAIN, demo_email
from drakentemmers.accounts.models import User
from drakentemmers.directory.models import RegistrationKind, VerificationStatus
from drakentemmers.regions.models import Region, RegionKind

from . import services
from .models import Consultation, IntervisionGroup, SupervisionOffer

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# (name, theme, Veilig Thuis region code or None for a national theme group, members, weekday of meeting)
GROUPS = [
    ("Intervisie Utrecht: kinderen na huiselijk geweld", "Kinderen en gezinnen", "VT20", 6),
    ("Intervisie Groningen en Drenthe", "Traumabehandeling in de opvang", "VT08", 5),
    ("Intervisie Zeeland", "Complex trauma bij volwassenen", "VT23", 4),
    ("Intervisie Zuid-Limburg", "Gehechtheid en ouderschap", "VT25", 5),
    ("Landelijke themagroep plegerbehandeling", "Behandeling van plegers", None, 6),
]
SPACE_MESSAGES = [
    "Welkom allemaal! Voor de volgende bijeenkomst: wie brengt een casus in?",
    "Ik breng een casus in over een gezin waar de stabilisatiefase maar niet lukt (geanonimiseerd).",
]
SUPERVISOR_TEXTS = [
    "Geregistreerd supervisor VGCt. Ik begeleid GZ-psychologen in opleiding, graag met video-opnames.",
    "Supervisor EMDR Europe. Beschikbaar voor supervisie op EMDR bij kinderen en jongeren.",
    "Supervisor NVRG, gericht op systemisch werken na huiselijk geweld.",
    "Geregistreerd supervisor NVO. Online of in Zwolle, eens per drie weken.",
]
CONSULTATIONS = [
    (
        "Stabilisatie lukt niet bij moeder in de opvang",
        "Een moeder (eind dertig) met twee jonge kinderen verblijft sinds zes weken in de opvang. Elke sessie "
        "raakt ze overspoeld zodra we aan stabilisatie werken. Wat doen jullie om eerst veiligheid te bouwen?",
        [
            "Ik zou de sessies korter maken en starten met lichaamsgerichte oefeningen, los van de traumaverhalen.",
            "Wat bij mij werkt: de mentor van de opvang erbij halen, zodat de oefeningen ook tussen de sessies "
            "terugkomen. En pas na een paar weken beginnen met de traumaverwerking.",
        ],
        1,
    ),
    (
        "EMDR bij een kind van 7 dat nog contact heeft met de pleger",
        "Een kind van 7 heeft omgangsregeling met de vader die geweld pleegde. Beginnen jullie met EMDR zolang "
        "het contact doorloopt, of wachten jullie tot de situatie veilig is?",
        ["Wij overleggen eerst met Veilig Thuis en de GI; traumabehandeling kan, maar met een veiligheidsplan."],
        None,
    ),
    (
        "Vader wil zelf behandeling na partnergeweld",
        "Een vader die partnergeweld heeft gepleegd vraagt zelf om behandeling. Wie heeft ervaring met het "
        "combineren van plegerbehandeling en traumabehandeling voor zijn eigen jeugd?",
        [],
        None,
    ),
]


def _start(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=AMSTERDAM)


def _members_pool() -> list[User]:
    return list(
        User.objects.filter(
            email__endswith="@" + DEMO_DOMAIN,
            is_active=True,
            therapist_profile__status=VerificationStatus.VERIFIED,
        )
        .exclude(email=demo_email("behandelaar"))
        .order_by("pk")[:60]
    )


def _group_seed(
    name: str, theme: str, code: str | None, size: int, facilitator: User, pool: list[User]
) -> IntervisionGroup:
    region = Region.objects.filter(kind=RegionKind.VEILIG_THUIS, code=code).first() if code else None
    group = services.group_create(facilitator=facilitator, name=name, theme=theme, region=region)
    group.description = "Fictieve demogroep. We komen eens per zes weken samen en bespreken casussen geanonimiseerd."
    group.save(update_fields=["description"])
    for user in pool[:size]:
        services.membership_decide(
            membership=services.membership_request(group=group, user=user), by=facilitator, accept=True
        )
    past = [
        services.meeting_create(
            group=group, by=facilitator, starts_at=_start(d, 14), ends_at=_start(d, 16), location="Online"
        )
        for d in (-84, -42)
    ]
    services.meeting_create(
        group=group,
        by=facilitator,
        starts_at=_start(14, 19),
        ends_at=_start(14, 21),
        location=region.name if region else "Online",
    )
    members = [facilitator, *pool[:size]]
    for n, meeting in enumerate(past):
        present = members[:-1] if n == 0 else members[2:]
        services.attendance_record(meeting=meeting, by=facilitator, present_ids={u.pk for u in present})
    for author, body in zip(members, SPACE_MESSAGES, strict=False):
        services.group_message_post(group=group, author=author, body=body)
    return group


def seed() -> None:
    pool = _members_pool()
    if len(pool) < 40:
        return  # the directory seeder made no demo therapists
    bente = User.objects.filter(email=demo_email("behandelaar"), therapist_profile__isnull=False).first()
    facilitators = [bente or pool[-1], pool[-2], pool[-3], pool[-4], pool[-5]]
    for index, (name, theme, code, size) in enumerate(GROUPS):
        if IntervisionGroup.objects.filter(name=name).exists():
            continue
        members = pool[index * 7 : index * 7 + size]
        group = _group_seed(name, theme, code, size, facilitators[index], members)
        if index == 0:  # one request waiting for the facilitator
            services.membership_request(group=group, user=pool[38])
    _supervision_seed(pool)
    _consultations_seed(pool)


def _supervision_seed(pool: list[User]) -> None:
    if SupervisionOffer.objects.exists():
        return
    supervisors = pool[40:44]
    for user, text in zip(supervisors, SUPERVISOR_TEXTS, strict=True):
        services.supervision_offer_save(user=user, is_active=True, description=text)
    trainee = next(
        (u for u in pool[44:] if u.therapist_profile.registration_kind == RegistrationKind.TRAINEE), pool[45]
    )
    services.supervision_request_create(
        trainee=trainee,
        supervisor=supervisors[0],
        body="Ik ben in opleiding tot GZ-psycholoog en zoek supervisie voor mijn traumabehandelingen. Heb je plek?",
    )


def _consultations_seed(pool: list[User]) -> None:
    if Consultation.objects.exists():
        return
    for n, (title, question, replies, accepted) in enumerate(CONSULTATIONS):
        consultation = services.consultation_create(author=pool[n], title=title, question=question)
        stored = [
            services.consultation_reply(consultation=consultation, author=pool[10 + n + i], body=body)
            for i, body in enumerate(replies)
        ]
        if accepted is not None:
            services.consultation_accept(consultation=consultation, reply=stored[accepted], by=pool[n])
    group = IntervisionGroup.objects.order_by("pk").first()
    if group is not None:
        services.consultation_create(
            author=group.facilitator,
            title="Casus voor de volgende bijeenkomst",
            question="Een jongere van 15 die na de opvang terug naar huis gaat: hoe borgen we de behandeling?",
            group=group,
        )
