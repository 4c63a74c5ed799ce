"""Small, fast builders for ranking tests: vocabularies and therapists without password hashing."""

import itertools
from datetime import timedelta

from django.utils import timezone

from drakentemmers.accounts.models import User
from drakentemmers.directory.models import (
    Accepting,
    Expertise,
    FundingRoute,
    Language,
    Method,
    Organisation,
    OrganisationKind,
    TargetGroup,
    TherapistProfile,
    VerificationStatus,
    WorkLocation,
)
from drakentemmers.matching.models import Candidacy, CandidacyStatus, CareRequest, RequestStatus
from drakentemmers.matching.ranking import Criteria
from drakentemmers.regions.models import Municipality

_sequence = itertools.count()

# Utrecht, roughly the middle of the country: offsets of a degree stay inside realistic Dutch distances.
BASE_LAT, BASE_LON = 52.09, 5.12


def make_vocabulary(model: type, *names: str) -> list:
    rows = []
    for name in names:
        n = next(_sequence)
        rows.append(model.objects.create(slug=f"{name.lower()}-{n}", name_nl=name, name_en=f"{name} (en)"))
    return rows


def make_vocabularies() -> dict[str, list]:
    return {
        "target_groups": make_vocabulary(TargetGroup, "Slachtoffers", "Plegers", "Kinderen als getuige"),
        "languages": make_vocabulary(Language, "Nederlands", "Engels", "Arabisch"),
        "funding_routes": make_vocabulary(FundingRoute, "Zvw", "Jeugdwet", "Wmo"),
        "methods": make_vocabulary(Method, "EMDR", "Imaginaire exposure", "NET", "Schematherapie"),
        "expertise": make_vocabulary(Expertise, "Complex trauma", "Gehechtheid", "Eergerelateerd geweld"),
    }


def make_therapist(
    *,
    locations: tuple[tuple[float, float], ...] = ((BASE_LAT, BASE_LON),),
    confirmed_days_ago: int | None = 1,
    target_groups=(),
    languages=(),
    funding_routes=(),
    methods=(),
    expertise=(),
    **fields,
) -> TherapistProfile:
    n = next(_sequence)
    user = User.objects.create(email=f"ranking{n}@example.nl", first_name="Test", last_name=f"Therapist {n}")
    defaults = {
        "status": VerificationStatus.VERIFIED,
        "accepting": Accepting.YES,
        "offers_outpatient": True,
        "treats_age_18_plus": True,
        "travel_radius_km": 25,
        "availability_confirmed_at": (
            None if confirmed_days_ago is None else timezone.now() - timedelta(days=confirmed_days_ago)
        ),
    }
    profile = TherapistProfile.objects.create(user=user, **{**defaults, **fields})
    profile.target_groups.set(target_groups)
    profile.languages.set(languages)
    profile.funding_routes.set(funding_routes)
    profile.methods.set(methods)
    profile.expertise.set(expertise)
    municipality = Municipality.objects.order_by("pk").first()
    WorkLocation.objects.bulk_create(
        WorkLocation(therapist=profile, municipality=municipality, latitude=lat, longitude=lon)
        for lat, lon in locations
    )
    return profile


def criteria(**overrides) -> Criteria:
    values = {
        "age_bands": ("18+",),
        "target_group_ids": (),
        "setting": "outpatient",
        "language_ids": (),
        "funding_ids": (),
        "method_ids": (),
        "expertise_ids": (),
        "latitude": BASE_LAT,
        "longitude": BASE_LON,
        "max_distance_km": None,
        "urgency": "normal",
        "exclude_therapist_ids": (),
    }
    values.update(overrides)
    return Criteria(**values)


def make_organisation(**fields) -> Organisation:
    values = {
        "name": f"Opvang {next(_sequence)}",
        "kind": OrganisationKind.WOMENS_SHELTER,
        "contact_name": "Contact",
        "contact_email": "contact@example.nl",
        "municipality": Municipality.objects.order_by("pk").first(),
        "status": VerificationStatus.VERIFIED,
    }
    values.update(fields)
    return Organisation.objects.create(**values)


def make_open_candidacies(therapist: TherapistProfile, count: int, *, organisation: Organisation | None = None) -> None:
    """`count` candidacies waiting for the therapist's answer, each on its own open request."""
    organisation = organisation or make_organisation()
    for i in range(count):
        care_request = CareRequest.objects.create(
            organisation=organisation, status=RequestStatus.OPEN, title=f"Hulpvraag {i}", setting="outpatient"
        )
        Candidacy.objects.create(care_request=care_request, therapist=therapist, status=CandidacyStatus.INVITED)
