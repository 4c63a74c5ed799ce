import pytest

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.directory.tests.factories import TherapistProfileFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture(autouse=True)
def _knowledge_site(db):
    """Migration 0002's index, group and workflow; put back if a transactional test flushed them."""
    from drakentemmers.knowledge import services

    services.knowledge_site_ensure()


@pytest.fixture
def member():
    """A verified therapist: a member, reads members-only knowledge."""
    return TherapistProfileFactory(status="verified").user


@pytest.fixture
def non_member():
    """Logged in, therapist role, profile not verified yet: reads public and logged-in knowledge only."""
    return TherapistProfileFactory(status="submitted").user


@pytest.fixture
def editor():
    return make_user(Role.EDITOR, mfa=True)


@pytest.fixture
def second_editor():
    return make_user(Role.EDITOR, mfa=True)


@pytest.fixture
def client_of():
    return logged_in_client
