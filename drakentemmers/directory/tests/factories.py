"""factory_boy factories for the directory (faker nl_NL).

Vocabulary terms are fetched or created by slug, so the factories work with and without the data migration
that fills the vocabularies. M2M fields and work locations take slugs / PC4 codes:

    TherapistProfileFactory(methods=["emdr"], locations=["1011", "3511"], accepting=Accepting.LIMITED)
"""

import factory
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.services import role_grant
from drakentemmers.accounts.tests.factories import UserFactory
from drakentemmers.directory.models import (
    Accepting,
    Expertise,
    FundingRoute,
    Language,
    Method,
    Organisation,
    OrganisationKind,
    OrganisationMembership,
    Profession,
    TargetGroup,
    TherapistProfile,
    VerificationStatus,
    WorkLocation,
)
from drakentemmers.regions.models import Municipality, PostcodeArea

DEFAULT_POSTCODE = "1011"


def _term(model, slug: str):
    name = slug.replace("-", " ").upper() if len(slug) <= 6 else slug.replace("-", " ").capitalize()
    term, _created = model.objects.get_or_create(slug=slug, defaults={"name_nl": name, "name_en": name})
    return term


def profession(slug: str = "gz-psycholoog") -> Profession:
    return _term(Profession, slug)


def method(slug: str) -> Method:
    return _term(Method, slug)


def expertise(slug: str) -> Expertise:
    return _term(Expertise, slug)


def language(slug: str) -> Language:
    return _term(Language, slug)


def funding_route(slug: str) -> FundingRoute:
    return _term(FundingRoute, slug)


def target_group(slug: str) -> TargetGroup:
    return _term(TargetGroup, slug)


def work_location_add(therapist: TherapistProfile, place: str) -> WorkLocation:
    """A work location from a real PC4 code ("1011") or a municipality name ("Utrecht")."""
    if place.isdigit():
        area = PostcodeArea.objects.select_related("municipality").get(code=place)
        return WorkLocation.objects.create(
            therapist=therapist,
            municipality=area.municipality,
            postcode_area=area,
            latitude=area.latitude,
            longitude=area.longitude,
        )
    municipality = Municipality.objects.get(name=place)
    return WorkLocation.objects.create(
        therapist=therapist, municipality=municipality, latitude=municipality.latitude, longitude=municipality.longitude
    )


def _m2m(getter):
    def _set(obj, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            field = getter.__name__
            getattr(obj, _M2M_FIELDS[field]).set([getter(slug) for slug in extracted])

    return _set


_M2M_FIELDS = {
    "method": "methods",
    "expertise": "expertise",
    "language": "languages",
    "funding_route": "funding_routes",
    "target_group": "target_groups",
}


class TherapistProfileFactory(factory.django.DjangoModelFactory):
    """A verified therapist with fresh availability and one work location (PC4 1011, Amsterdam) by default."""

    class Meta:
        model = TherapistProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    status = VerificationStatus.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)
    profession = factory.LazyFunction(profession)
    registration_kind = "big"
    big_number = factory.Sequence(lambda n: f"{19000000000 + n}")
    practice_name = factory.Faker("company", locale="nl_NL")
    travel_radius_km = 25
    offers_outpatient = True
    treats_age_18_plus = True
    accepting = Accepting.YES
    waiting_weeks = 2
    availability_confirmed_at = factory.LazyFunction(timezone.now)

    methods = factory.PostGeneration(_m2m(method))
    expertise = factory.PostGeneration(_m2m(expertise))
    languages = factory.PostGeneration(_m2m(language))
    funding_routes = factory.PostGeneration(_m2m(funding_route))
    target_groups = factory.PostGeneration(_m2m(target_group))

    @factory.post_generation
    def locations(self, create: bool, extracted, **kwargs) -> None:
        if not create:
            return
        for place in [DEFAULT_POSTCODE] if extracted is None else extracted:
            work_location_add(self, place)

    @factory.post_generation
    def therapist_role(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted is not False:
            role_grant(user=self.user, role=Role.THERAPIST)
            self.user.__dict__.pop("roles", None)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A verified organisation based in Amsterdam (PC4 1011); never a street address."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.WOMENS_SHELTER
    kvk_number = factory.Sequence(lambda n: f"{70000000 + n}")
    contact_name = factory.Faker("name", locale="nl_NL")
    contact_email = factory.Sequence(lambda n: f"contact{n}@organisatie.example.nl")
    postcode_area = factory.LazyFunction(lambda: PostcodeArea.objects.get(code=DEFAULT_POSTCODE))
    municipality = factory.LazyAttribute(lambda o: o.postcode_area.municipality)
    status = VerificationStatus.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)


class OrganisationMembershipFactory(factory.django.DjangoModelFactory):
    """Membership of a verified organisation; the user gets the organisation-staff role."""

    class Meta:
        model = OrganisationMembership
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    is_admin = False

    @factory.post_generation
    def org_staff_role(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted is not False:
            role_grant(user=self.user, role=Role.ORG_STAFF)
            self.user.__dict__.pop("roles", None)
