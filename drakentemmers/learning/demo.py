"""Demo trainings (fictitious) in real municipalities: past ones with attendance, coming ones with enrolments.

Runs after directory.demo (therapists) and accounts.demo (the demo personas). Idempotent: a training is
recognised by its title; enrolments and attendance are only made for a training that is new.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal
from unittest import mock

from django.contrib.auth import get_user_model
from django.utils import timezone

from drakentemmers.accounts.demo import DEMO_PASSWORD, demo_email
from drakentemmers.directory.models import Method, TargetGroup, TherapistProfile
from drakentemmers.regions.selectors import place_resolve

from . import services
from .models import Audience, Format, Level, ProfessionalBody, Session, Training, TrainingStatus
from .selectors import AMSTERDAM

SEED = 20
REFERRER_COUNT = 60

# (title, audience, level, format, municipality, days from today of first session, sessions, hours, capacity,
#  price, points)
PLAN = [
    (
        "Traumasensitief werken voor Veilig Thuis-medewerkers",
        Audience.REFERRING,
        Level.INTRODUCTORY,
        Format.IN_PERSON,
        "Utrecht",
        -450,
        1,
        4,
        30,
        "0",
        {ProfessionalBody.SKJ: "4"},
    ),
    (
        "Gehechtheidsproblematiek herkennen in de opvang",
        Audience.HBO,
        Level.INTRODUCTORY,
        Format.IN_PERSON,
        "Eindhoven",
        -380,
        2,
        3,
        20,
        "0",
        {ProfessionalBody.SKJ: "6"},
    ),
    (
        "Traumasensitief werken in het wijkteam",
        Audience.REFERRING,
        Level.INTRODUCTORY,
        Format.IN_PERSON,
        "Groningen",
        -200,
        1,
        4,
        25,
        "0",
        {},
    ),
    (
        "Signaleren van trauma bij kinderen na huiselijk geweld",
        Audience.REFERRING,
        Level.INTRODUCTORY,
        Format.IN_PERSON,
        "Rotterdam",
        -120,
        2,
        3,
        30,
        "0",
        {ProfessionalBody.SKJ: "6"},
    ),
    (
        "Traumasensitief verwijzen voor Veilig Thuis",
        Audience.REFERRING,
        Level.INTRODUCTORY,
        Format.ONLINE,
        None,
        -60,
        1,
        3,
        40,
        "0",
        {ProfessionalBody.SKJ: "3"},
    ),
    (
        "EMDR bij kinderen: verdieping",
        Audience.THERAPISTS,
        Level.ADVANCED,
        Format.IN_PERSON,
        "Utrecht",
        -90,
        2,
        6,
        16,
        "395",
        {ProfessionalBody.NIP: "12", ProfessionalBody.FGZPT: "12"},
    ),
    (
        "Gehechtheid en trauma voor hbo-professionals in de opvang",
        Audience.HBO,
        Level.INTRODUCTORY,
        Format.BLENDED,
        "Zwolle",
        -30,
        2,
        4,
        20,
        "150",
        {ProfessionalBody.SKJ: "8", ProfessionalBody.BPSW: "8"},
    ),
    (
        "Werken met plegers: traumagerichte behandeling",
        Audience.THERAPISTS,
        Level.EXPERT,
        Format.IN_PERSON,
        "Eindhoven",
        12,
        2,
        6,
        14,
        "450",
        {ProfessionalBody.NIP: "12", ProfessionalBody.NVO: "12"},
    ),
    (
        "Traumasensitief werken voor de jeugdbescherming",
        Audience.REFERRING,
        Level.INTRODUCTORY,
        Format.IN_PERSON,
        "Maastricht",
        20,
        1,
        4,
        25,
        "0",
        {ProfessionalBody.SKJ: "4"},
    ),
    (
        "Ouder-kindbehandeling na partnergeweld",
        Audience.THERAPISTS,
        Level.ADVANCED,
        Format.IN_PERSON,
        "Amsterdam",
        35,
        3,
        3,
        4,
        "295",
        {ProfessionalBody.NIP: "9", ProfessionalBody.NVO: "9"},
    ),
    (
        "Trauma en gehechtheid: basis voor hbo-professionals",
        Audience.HBO,
        Level.INTRODUCTORY,
        Format.ONLINE,
        None,
        45,
        2,
        2,
        50,
        "0",
        {ProfessionalBody.SKJ: "4"},
    ),
    (
        "Traumasensitief werken in Zeeland",
        Audience.REFERRING,
        Level.INTRODUCTORY,
        Format.IN_PERSON,
        "Middelburg",
        60,
        1,
        4,
        25,
        "0",
        {},
    ),
    (
        "Narratieve Exposure Therapie bij vluchtelingengezinnen",
        Audience.THERAPISTS,
        Level.ADVANCED,
        Format.IN_PERSON,
        "Leeuwarden",
        75,
        2,
        6,
        16,
        "395",
        {ProfessionalBody.NIP: "12"},
    ),
]

VENUES = {
    "Groningen": ("Zalencentrum Het Noorderlicht", "Oosterstraat 10"),
    "Rotterdam": ("Leercentrum De Maas", "Weena 100"),
    "Utrecht": ("Vergadercentrum Domstad", "Stationsplein 5"),
    "Zwolle": ("Congrescentrum De IJssel", "Stationsweg 2"),
    "Eindhoven": ("Kenniscentrum Strijp", "Torenallee 20"),
    "Maastricht": ("Conferentiecentrum Maasboulevard", "Boschstraat 8"),
    "Amsterdam": ("Opleidingshuis Amstel", "Wibautstraat 3"),
    "Middelburg": ("Zalen De Abdij", "Abdijplein 1"),
    "Leeuwarden": ("Cursuscentrum Blokhuis", "Blokhuisplein 40"),
}


def _referrers(rng: random.Random) -> list:
    """Light accounts (no role) of fictitious referring and HBO professionals."""
    users = []
    first = ["Sanne", "Mohamed", "Fleur", "Yusuf", "Lotte", "Anouk", "Daan", "Esra", "Joris", "Ilse", "Samira", "Tim"]
    last = ["de Vries", "Bakker", "El Idrissi", "Yilmaz", "Jansen", "Visser", "Smit", "Kramer", "Mulder", "Bos"]
    for number in range(1, REFERRER_COUNT + 1):
        email = demo_email(f"verwijzer{number:02d}")
        user, created = get_user_model().objects.get_or_create(
            email=email, defaults={"first_name": rng.choice(first), "last_name": rng.choice(last)}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users.append(user)
    return users


def _training(rng, row, now, trainers) -> Training | None:
    title, audience, level, format_, place, days, count, hours, capacity, price, points = row
    if Training.objects.filter(title=title).exists():
        return None
    municipality = place_resolve(place).municipality if place else None
    first_day = (now + timedelta(days=days)).astimezone(AMSTERDAM).date()
    first_start = datetime.combine(first_day, time(9, 30), tzinfo=AMSTERDAM)
    venue = VENUES.get(place or "", ("", ""))
    training = Training.objects.create(
        title=title,
        description=(
            "Een praktijkgerichte scholing over trauma en gehechtheid na huiselijk geweld en kindermishandeling, "
            "met casuïstiek uit de regio en ruimte voor eigen vragen."
        ),
        audience=audience,
        level=level,
        format=format_,
        status=TrainingStatus.PUBLISHED,
        municipality=municipality,
        venue_name=venue[0],
        venue_address=venue[1],
        capacity=capacity,
        price=Decimal(price),
        enrolment_deadline=first_start - timedelta(days=3),
        materials="Leesmateriaal volgt een week voor de eerste bijeenkomst.",
    )
    for number in range(count):
        start = first_start + timedelta(days=14 * number)
        Session.objects.create(training=training, starts_at=start, ends_at=start + timedelta(hours=hours))
    for body, value in points.items():
        services.accreditation_set(training=training, body=body, points=Decimal(value))
    training.trainers.set(rng.sample(trainers, k=min(2, len(trainers))))
    methods = list(Method.objects.filter(is_active=True))
    groups = list(TargetGroup.objects.filter(is_active=True))
    if methods and audience == Audience.THERAPISTS:
        training.methods.set(rng.sample(methods, k=min(2, len(methods))))
    if groups:
        training.target_groups.set(rng.sample(groups, k=min(2, len(groups))))
    if municipality is not None:
        training.regions.set(municipality.regions.all())
    return training


def _participants(rng, training: Training, therapists: list, referrers: list, now) -> None:
    pool = therapists if training.audience == Audience.THERAPISTS else referrers
    started = training.sessions.filter(starts_at__lte=now).exists()
    wanted = training.capacity + (2 if training.capacity <= 4 else 0) if not started else training.capacity - 2
    for user in rng.sample(pool, k=min(len(pool), max(wanted, 0))):
        audience = training.audience if pool is referrers else Audience.THERAPISTS
        if pool is referrers and training.audience == Audience.THERAPISTS:
            audience = Audience.REFERRING
        services.training_enrol(
            training=training, user=user, audience=audience, now=training.enrolment_deadline - timedelta(days=10)
        )
    trainer = training.trainers.first()
    for session in training.sessions.filter(starts_at__lte=now):
        enrolled = list(training.enrolments.filter(status="enrolled").values_list("pk", flat=True))
        present = {pk for pk in enrolled if rng.random() < 0.9}
        services.attendance_mark(session=session, present_ids=present, by=trainer, now=now)


def seed() -> None:
    rng = random.Random(SEED)
    now = timezone.now()
    therapists = [p.user for p in TherapistProfile.objects.filter(status="verified").select_related("user")[:80]]
    referrers = _referrers(rng)
    trainers = therapists[:10] or referrers[:2]
    with mock.patch("drakentemmers.learning.services.email_queue_template"):
        for row in PLAN:
            training = _training(rng, row, now, trainers)
            if training is not None:
                _participants(rng, training, therapists or referrers, referrers, now)
