"""Personas for the conversation component: an organisation with two staff, a therapist, a stranger."""

import pytest

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import OrganisationMembership
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Opvang De Haven")


@pytest.fixture
def staff(organisation):
    """Writes on behalf of the organisation."""
    user = make_user(Role.ORG_STAFF, mfa=True, first_name="Sanne", last_name="Staf")
    OrganisationMembership.objects.create(organisation=organisation, user=user)
    return user


@pytest.fixture
def colleague(organisation):
    """Same organisation, never wrote: shares the organisation's threads."""
    user = make_user(Role.ORG_STAFF, mfa=True, first_name="Cor", last_name="Collega")
    OrganisationMembership.objects.create(organisation=organisation, user=user)
    return user


@pytest.fixture
def therapist(db):
    return TherapistProfileFactory()


@pytest.fixture
def stranger(db):
    """Staff of another organisation: must see nothing of ours."""
    user = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembership.objects.create(organisation=OrganisationFactory(), user=user)
    return user
