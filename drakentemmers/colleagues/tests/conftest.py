"""Personas of the colleague network, each with why it exists."""

import pytest

from drakentemmers.directory.tests.factories import TherapistProfileFactory

from .. import services


@pytest.fixture
def facilitator(db):
    """A verified therapist who starts a group and so facilitates it."""
    return TherapistProfileFactory(methods=["emdr"]).user


@pytest.fixture
def member(db):
    """A verified therapist who joins the group."""
    return TherapistProfileFactory().user


@pytest.fixture
def outsider(db):
    """A verified therapist in no group: reads network questions, never a group's."""
    return TherapistProfileFactory().user


@pytest.fixture
def group(facilitator, member):
    group = services.group_create(facilitator=facilitator, name="Intervisie Utrecht", theme="Gehechtheid")
    membership = services.membership_request(group=group, user=member)
    services.membership_decide(membership=membership, by=facilitator, accept=True)
    return group
