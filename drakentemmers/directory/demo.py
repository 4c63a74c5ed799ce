"""Fictitious demo network: 320 therapists and 80 organisations across all 25 Veilig Thuis regions.

Deterministic (fixed random seed, fixed e-mail addresses), idempotent (tops up what is missing, never
duplicates) and fast (bulk inserts). Every name is invented; every location is a real PC4 area or municipality,
never an address. Demo therapists log in with accounts.demo.DEMO_PASSWORD.
"""

import importlib
import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from faker import Faker

from drakentemmers.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_email
from drakentemmers.accounts.models import Role, RoleGrant, User
from drakentemmers.accounts.services import role_grant
from drakentemmers.regions.models import Municipality, PostcodeArea, Region, RegionKind

from .models import (
    Accepting,
    Expertise,
    FundingRoute,
    Language,
    Method,
    Organisation,
    OrganisationKind,
    OrganisationMembership,
    Profession,
    RegistrationKind,
    TargetGroup,
    TherapistProfile,
    VerificationStatus,
    WorkLocation,
)

SEED = 20261123
THERAPIST_COUNT = 320
ORGANISATION_COUNT = 80
# (status, weight): most are verified; some wait for verification or were rejected.
STATUS_WEIGHTS = [
    (VerificationStatus.VERIFIED, 86),
    (VerificationStatus.SUBMITTED, 8),
    (VerificationStatus.REJECTED, 3),
    (VerificationStatus.DRAFT, 3),
]
ACCEPTING_WEIGHTS = [(Accepting.YES, 45), (Accepting.LIMITED, 30), (Accepting.NO, 25)]
STALE_SHARE = 0.25
PUBLIC_PROFILE_SHARE = 0.4
# Names of varied origin next to faker's Dutch names: the network should look like the Netherlands.
ORIGIN_FIRST_NAMES = [
    "Fatima", "Yasmina", "Mohamed", "Aylin", "Emre", "Samira", "Priya", "Anand", "Ngozi", "Kwame",
    "Agnieszka", "Tomasz", "Rahel", "Yonas", "Layla", "Omar", "Shanti", "Dewi", "Mirjana", "Darko",
    "Chanel", "Giovanni", "Elif", "Hasan", "Nadia", "Soraya", "Amir", "Marisol", "Tjon", "Wen",
]  # fmt: skip
ORIGIN_LAST_NAMES = [
    "El Amrani", "Bouzid", "Yılmaz", "Demir", "Ramdin", "Sewnath", "Okafor", "Mensah", "Kowalski",
    "Nowak", "Tesfaye", "Haile", "Haddad", "Al-Khatib", "Kartosen", "Soekhai", "Petrović", "Nguyen",
    "Martina", "Rosaria", "Öztürk", "Benali", "Mahabier", "Tjin-A-Tam", "Chen", "Pinas", "Doğan",
]  # fmt: skip
ORGANISATION_NAMES = {
    OrganisationKind.WOMENS_SHELTER: "Vrouwenopvang {}",
    OrganisationKind.HOMELESS_SHELTER: "Maatschappelijke opvang {}",
    OrganisationKind.MDA: "MDA++ team {}",
    OrganisationKind.MUNICIPALITY: "Gemeente {} (demo)",
    OrganisationKind.OUTPATIENT: "GGZ-praktijk De Linde {}",
    OrganisationKind.VEILIG_THUIS: "Veilig Thuis {} (demo)",
    OrganisationKind.CERTIFIED_INSTITUTION: "Jeugdbescherming {} (demo)",
    OrganisationKind.LOCAL_TEAM: "Wijkteam {}",
    OrganisationKind.YOUTH_CARE: "Jeugdhulp De Brug {}",
    OrganisationKind.OTHER: "Stichting Samen Sterk {}",
}
SHELTER_NAME = "Vrouwenopvang De Vuurtoren (demo)"


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _therapist_email(n: int) -> str:
    return demo_email(f"behandelaar{n:03d}")


def _places(rng: random.Random, count: int) -> list[PostcodeArea]:
    """PC4 areas: round-robin over the 25 Veilig Thuis regions first, then weighted by population."""
    areas_by_municipality: dict[int, list[PostcodeArea]] = {}
    for area in PostcodeArea.objects.filter(municipality__is_active=True).order_by("code"):
        areas_by_municipality.setdefault(area.municipality_id, []).append(area)
    regions = list(Region.objects.filter(kind=RegionKind.VEILIG_THUIS).prefetch_related("municipalities"))
    regions.sort(key=lambda r: r.code)
    municipalities = list(Municipality.objects.filter(is_active=True, id__in=areas_by_municipality).order_by("code"))
    weights = [max(m.population, 1) for m in municipalities]
    places = []
    for n in range(count):
        if n < 3 * len(regions):
            candidates = [m for m in regions[n % len(regions)].municipalities.all() if m.id in areas_by_municipality]
            municipality = rng.choice(sorted(candidates, key=lambda m: m.code))
        else:
            municipality = rng.choices(municipalities, weights=weights)[0]
        places.append(rng.choice(areas_by_municipality[municipality.id]))
    return places


def _users_bulk(rows: list[tuple[str, str, str]], role: str) -> list[User]:
    """Create users with a verified e-mail address and one role, in a handful of queries."""
    password = make_password(DEMO_PASSWORD)  # one hash for all: the same fictitious demo password
    User.objects.bulk_create(
        [User(email=email, first_name=first, last_name=last, password=password) for email, first, last in rows]
    )
    users = list(User.objects.filter(email__in=[email for email, _f, _l in rows]).order_by("email"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], ignore_conflicts=True
    )
    RoleGrant.objects.bulk_create([RoleGrant(user=u, role=role) for u in users], ignore_conflicts=True)
    return users


def _vocabularies() -> dict[str, list]:
    return {
        "professions": list(Profession.objects.filter(is_active=True).order_by("order")),
        "methods": list(Method.objects.filter(is_active=True).order_by("order")),
        "expertise": list(Expertise.objects.filter(is_active=True).order_by("order")),
        "languages": list(Language.objects.filter(is_active=True).order_by("order")),
        "funding": list(FundingRoute.objects.filter(is_active=True).order_by("order")),
        "targets": list(TargetGroup.objects.filter(is_active=True).order_by("order")),
    }


def _sample(rng: random.Random, items: list, low: int, high: int) -> list:
    return rng.sample(items, min(len(items), rng.randint(low, high))) if items else []


def _therapists_seed(rng: random.Random, fake: Faker) -> None:
    wanted = {_therapist_email(n): n for n in range(1, THERAPIST_COUNT + 1)}
    existing = set(User.objects.filter(email__in=wanted).values_list("email", flat=True))
    places = _places(rng, THERAPIST_COUNT)
    vocab = _vocabularies()
    now = timezone.now()
    rows, plans = [], {}
    # Draw for every therapist, even existing ones, so a top-up gives the same data as a fresh run.
    for email, n in wanted.items():
        if rng.random() < 0.3:
            first, last = rng.choice(ORIGIN_FIRST_NAMES), rng.choice(ORIGIN_LAST_NAMES)
        else:
            first, last = fake.first_name(), fake.last_name()
        plan = _therapist_plan(rng, vocab, places[n - 1], now)
        if email not in existing:
            rows.append((email, first, last))
            plans[email] = plan
    if not rows:
        return
    users = _users_bulk(rows, Role.THERAPIST)
    TherapistProfile.objects.bulk_create([TherapistProfile(user=u, **plans[u.email]["fields"]) for u in users])
    profiles = list(TherapistProfile.objects.filter(user__in=users).select_related("user"))
    _therapist_relations_bulk(profiles, plans)


def _therapist_plan(rng: random.Random, vocab: dict, area: PostcodeArea, now) -> dict:
    status = _weighted(rng, STATUS_WEIGHTS)
    profession = rng.choice(vocab["professions"]) if vocab["professions"] else None
    trainee = bool(profession and profession.is_trainee)
    stale = rng.random() < STALE_SHARE
    confirmed = now - timedelta(days=rng.randint(35, 160) if stale else rng.randint(0, 25))
    children = rng.random() < 0.55
    fields = {
        "status": status,
        "profession": profession,
        "registration_kind": RegistrationKind.TRAINEE if trainee else RegistrationKind.BIG,
        "big_number": "" if trainee else f"{rng.randint(10**10, 10**11 - 1)}",
        "supervisor_name": "Dr. A. de Supervisor" if trainee else "",
        "verified_at": now - timedelta(days=rng.randint(1, 300)) if status == VerificationStatus.VERIFIED else None,
        "verification_method": "BIG-register geraadpleegd (demo)" if status == VerificationStatus.VERIFIED else "",
        "submitted_at": now - timedelta(days=rng.randint(1, 30)) if status != VerificationStatus.DRAFT else None,
        "rejection_reason": "BIG-nummer niet gevonden (demo)" if status == VerificationStatus.REJECTED else "",
        "practice_name": f"Praktijk {area.place_name}",
        "bio": "Fictief demoprofiel. Behandelt trauma en gehechtheidsproblemen na huiselijk geweld.",
        "travel_radius_km": rng.choice([10, 15, 25, 25, 40, 60]),
        "offers_in_shelter": rng.random() < 0.45,
        "offers_outpatient": rng.random() < 0.85,
        "offers_online": rng.random() < 0.4,
        "treats_age_0_4": children and rng.random() < 0.35,
        "treats_age_4_12": children and rng.random() < 0.8,
        "treats_age_12_18": children and rng.random() < 0.7,
        "treats_age_18_plus": not children or rng.random() < 0.4,
        "public_profile": rng.random() < PUBLIC_PROFILE_SHARE,
        "accepting": _weighted(rng, ACCEPTING_WEIGHTS),
        "free_places_adults": rng.randint(0, 3),
        "free_places_children": rng.randint(0, 3) if children else 0,
        "waiting_weeks": rng.choice([0, 1, 2, 3, 4, 6, 8, 10, 12, 16]),
        "earliest_start": (now + timedelta(days=rng.randint(0, 90))).date(),
        "availability_confirmed_at": confirmed,
    }
    languages = vocab["languages"]
    return {
        "fields": fields,
        "area": area,
        "methods": _sample(rng, vocab["methods"], 1, 4),
        "expertise": _sample(rng, vocab["expertise"], 2, 5),
        "languages": languages[:1] + _sample(rng, languages[1:], 0, 2),
        "funding": _sample(rng, vocab["funding"], 1, 3),
        "targets": _sample(rng, vocab["targets"], 1, 3),
        "second_location": rng.random() < 0.2,
    }


def _therapist_relations_bulk(profiles: list[TherapistProfile], plans: dict) -> None:
    locations, through = [], {name: [] for name in ("methods", "expertise", "languages", "funding_routes", "targets")}
    nearby = {}
    for profile in profiles:
        plan = plans[profile.user.email]
        area = plan["area"]
        locations.append(
            WorkLocation(
                therapist=profile,
                municipality_id=area.municipality_id,
                postcode_area=area,
                latitude=area.latitude,
                longitude=area.longitude,
            )
        )
        if plan["second_location"]:
            municipality = nearby.get(area.municipality_id) or Municipality.objects.get(pk=area.municipality_id)
            nearby[area.municipality_id] = municipality
            # A second area: the municipality as a whole (no PC4), e.g. a second practice room.
            locations.append(
                WorkLocation(
                    therapist=profile,
                    municipality=municipality,
                    latitude=municipality.latitude,
                    longitude=municipality.longitude,
                )
            )
        through["methods"] += [
            TherapistProfile.methods.through(therapistprofile=profile, method=m) for m in plan["methods"]
        ]
        through["expertise"] += [
            TherapistProfile.expertise.through(therapistprofile=profile, expertise=e) for e in plan["expertise"]
        ]
        through["languages"] += [
            TherapistProfile.languages.through(therapistprofile=profile, language=lang) for lang in plan["languages"]
        ]
        through["funding_routes"] += [
            TherapistProfile.funding_routes.through(therapistprofile=profile, fundingroute=r) for r in plan["funding"]
        ]
        through["targets"] += [
            TherapistProfile.target_groups.through(therapistprofile=profile, targetgroup=t) for t in plan["targets"]
        ]
    WorkLocation.objects.bulk_create(locations)
    for rows in through.values():
        if rows:
            type(rows[0]).objects.bulk_create(rows, ignore_conflicts=True)


def _organisations_seed(rng: random.Random, fake: Faker) -> None:
    kinds = list(OrganisationKind)
    places = _places(rng, ORGANISATION_COUNT)
    existing = set(
        Organisation.objects.filter(contact_email__endswith=f"@{DEMO_DOMAIN}").values_list("contact_email", flat=True)
    )
    staff_rows, memberships = [], []
    for n in range(1, ORGANISATION_COUNT + 1):
        area = places[n - 1]
        kind = kinds[(n - 1) % len(kinds)]
        verified = rng.random() < 0.9
        staff_count = rng.randint(1, 3)
        contact = demo_email(f"organisatie{n:02d}")
        if contact in existing:
            continue
        organisation = Organisation.objects.create(
            name=ORGANISATION_NAMES[kind].format(area.place_name) + f" #{n}",
            kind=kind,
            kvk_number=f"{rng.randint(10**7, 10**8 - 1)}",
            email_domain=DEMO_DOMAIN,
            description="Fictieve demo-organisatie.",
            contact_name=fake.name(),
            contact_email=contact,
            municipality_id=area.municipality_id,
            postcode_area=area,
            status=VerificationStatus.VERIFIED if verified else VerificationStatus.SUBMITTED,
            verified_at=timezone.now() if verified else None,
        )
        organisation.covered_municipalities.add(area.municipality_id)
        for s in range(1, staff_count + 1):
            email = demo_email(f"organisatie{n:02d}-{s}")
            staff_rows.append((email, fake.first_name(), fake.last_name()))
            memberships.append((organisation, email, s == 1))
    if staff_rows:
        users = {u.email: u for u in _users_bulk(staff_rows, Role.ORG_STAFF)}
        OrganisationMembership.objects.bulk_create(
            [OrganisationMembership(organisation=o, user=users[e], is_admin=admin) for o, e, admin in memberships],
            ignore_conflicts=True,
        )


def _demo_personas_seed() -> None:
    """The documented demo logins: opvang@ works at a verified shelter, behandelaar@ is a verified therapist."""
    opvang = User.objects.filter(email=demo_email("opvang")).first()
    if opvang is not None:
        area = PostcodeArea.objects.select_related("municipality").get(code="1011")
        shelter, _created = Organisation.objects.get_or_create(
            name=SHELTER_NAME,
            defaults={
                "kind": OrganisationKind.WOMENS_SHELTER,
                "kvk_number": "12345678",
                "email_domain": DEMO_DOMAIN,
                "description": "Fictieve vrouwenopvang voor de demo. Het adres staat nergens: alleen de gemeente.",
                "contact_name": opvang.get_full_name(),
                "contact_email": opvang.email,
                "municipality": area.municipality,
                "postcode_area": area,
                "status": VerificationStatus.VERIFIED,
                "verified_at": timezone.now(),
            },
        )
        shelter.covered_municipalities.add(area.municipality)
        OrganisationMembership.objects.get_or_create(organisation=shelter, user=opvang, defaults={"is_admin": True})
        role_grant(user=opvang, role=Role.ORG_STAFF)
    bente = User.objects.filter(email=demo_email("behandelaar")).first()
    if bente is None or TherapistProfile.objects.filter(user=bente).exists():
        return
    area = PostcodeArea.objects.select_related("municipality").get(code="3511")
    now = timezone.now()
    profile = TherapistProfile.objects.create(
        user=bente,
        status=VerificationStatus.VERIFIED,
        profession=Profession.objects.filter(slug="gz-psycholoog").first(),
        registration_kind=RegistrationKind.BIG,
        big_number="19012345601",
        verification_method="BIG-register geraadpleegd (demo)",
        verified_at=now,
        submitted_at=now - timedelta(days=3),
        practice_name="Praktijk Domstad (demo)",
        bio="Fictief demoprofiel. GZ-psycholoog met EMDR en TF-CBT, behandelt kinderen en volwassenen na huiselijk "
        "geweld, ook in de vrouwenopvang.",
        travel_radius_km=40,
        offers_in_shelter=True,
        offers_outpatient=True,
        offers_online=True,
        treats_age_4_12=True,
        treats_age_12_18=True,
        treats_age_18_plus=True,
        contact_preferences="Liefst via een bericht op het platform; ik reageer binnen twee werkdagen.",
        public_profile=True,
        accepting=Accepting.YES,
        free_places_adults=2,
        free_places_children=1,
        waiting_weeks=2,
        earliest_start=(now + timedelta(days=14)).date(),
        availability_confirmed_at=now,
    )
    WorkLocation.objects.create(
        therapist=profile,
        municipality=area.municipality,
        postcode_area=area,
        latitude=area.latitude,
        longitude=area.longitude,
    )
    profile.methods.set(Method.objects.filter(slug__in=["emdr", "tf-cbt", "imh"]))
    profile.expertise.set(Expertise.objects.filter(slug__in=["trauma", "gehechtheid", "complex-trauma"]))
    profile.languages.set(Language.objects.filter(slug__in=["nl", "en", "ar"]))
    profile.funding_routes.set(FundingRoute.objects.filter(slug__in=["zvw-basis-ggz", "jeugdwet"]))
    profile.target_groups.set(TargetGroup.objects.filter(slug__in=["slachtoffers", "kinderen-als-getuige"]))


CONTACT_DEMO = [
    (
        "Plek voor een kind (9) in de opvang?",
        [
            (True, "Heb je in de komende drie weken plek voor traumabehandeling van een kind van 9 in onze opvang?"),
            (False, "Ja, vanaf de week na volgende kan ik op dinsdagochtend in de opvang behandelen."),
        ],
    ),
]


def _contacts_seed() -> None:
    """A contact thread between the demo shelter and behandelaar@, shared with the shelter's staff."""
    from unittest import mock

    from drakentemmers.conversations.models import Thread
    from drakentemmers.conversations.services import message_post

    from .services.messages import CONTACT_THREAD_KIND, conversation_start

    profile = TherapistProfile.objects.filter(user__email=demo_email("behandelaar")).select_related("user").first()
    membership = (
        OrganisationMembership.objects.filter(user__email=demo_email("opvang"), organisation__name=SHELTER_NAME)
        .select_related("user", "organisation")
        .first()
    )
    if profile is None or membership is None or Thread.objects.filter(kind=CONTACT_THREAD_KIND).exists():
        return
    with mock.patch("drakentemmers.conversations.services.email_notice"):
        for subject, messages in CONTACT_DEMO:
            thread = None
            for from_staff, body in messages:
                author = membership.user if from_staff else profile.user
                if thread is None:
                    thread = conversation_start(
                        therapist=profile,
                        sender=author,
                        organisation=membership.organisation,
                        subject=subject,
                        body=body,
                    )
                else:
                    message_post(thread=thread, author=author, body=body)


def vocabularies_ensure() -> None:
    """The data migration fills the vocabularies; a flushed test database has lost them, so put them back."""
    if Method.objects.exists():
        return
    from django.apps import apps

    fill = importlib.import_module("drakentemmers.directory.migrations.0003_vocabularies").fill
    fill(apps, None)


def seed() -> None:
    vocabularies_ensure()
    rng = random.Random(SEED)
    fake = Faker("nl_NL")
    fake.seed_instance(SEED)
    _therapists_seed(rng, fake)
    _organisations_seed(rng, fake)
    _demo_personas_seed()
    _contacts_seed()
