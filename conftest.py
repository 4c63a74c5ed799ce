"""Shared test set-up and personas.

Each persona exists because a permission rule treats it differently; see the comment on each.
"""

import pytest
from django.core.cache import cache

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.regions.models import Region, RegionKind


def pytest_configure(config):
    """WhiteNoise reads every collected static file (about 1,700) whenever a middleware chain is built, and each
    test client builds its own: 0.1-0.3 s per test, half the suite's time. Its autorefresh mode looks a file up
    when it is requested instead, and serves it with the same headers."""
    from django.conf import settings

    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real regional data once per test database: lookups and matching need it."""
    from drakentemmers.regions.services import regions_load

    with django_db_blocker.unblock():
        regions_load()


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Run tasks inline in tests (django-tasks resets its backends on setting_changed).

    A queued e-mail then lands in mail.outbox as soon as its transaction commits.
    """
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "email"]}
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: cached public pages and rate-limit counters never leak between tests.

    The choice lists' per-process rows go too: they are keyed by a version read from the cache, and a test with a
    frozen clock could start a new version with the same number as an earlier test's."""
    from django.core.cache import cache

    from drakentemmers.core import cached_choices

    cache.clear()
    cached_choices.process_rows_clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch: the locale middleware activates the language of a request's cookie and leaves it
    active in the thread afterwards, so a test that asked for an English page would leave English behind for code
    the next test runs outside a request (rendering a form, a mail)."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many users; PBKDF2 at full strength would dominate the suite's run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def region_vt(db) -> Region:
    return Region.objects.get(kind=RegionKind.VEILIG_THUIS, code="VT01")


@pytest.fixture
def nobody(db):
    """Logged in, verified e-mail, but no role at all: sees only public things."""
    return make_user()


@pytest.fixture
def therapist_user(db):
    """A member therapist; needs no MFA to see colleagues."""
    return make_user(Role.THERAPIST)


@pytest.fixture
def org_staff_user(db):
    """Organisation staff with MFA on: may see non-public data of the organisation."""
    return make_user(Role.ORG_STAFF, mfa=True)


@pytest.fixture
def org_staff_without_mfa(db):
    """Organisation staff who has not set up MFA yet: must be sent to MFA set-up first."""
    return make_user(Role.ORG_STAFF)


@pytest.fixture
def coordinator_user(db, region_vt):
    """Regional coordinator with MFA: sees aggregates for one region."""
    return make_user(Role.COORDINATOR, mfa=True, region=region_vt)


@pytest.fixture
def verifier_user(db):
    """Platform team member (verifier) with MFA: verifies members and organisations, sends invitations."""
    return make_user(Role.VERIFIER, mfa=True)


@pytest.fixture
def client_for():
    """A test client logged in as `user`, as after a real login and a fresh password confirmation.

    A user with MFA set up gets a session that passed the second factor (as the real login demands);
    `mfa_passed=False` gives the session of someone who logged in without it, which must be sent to the
    MFA step instead of seeing confidential data. `reauthenticated=False` gives a session that has not
    just re-entered its password, which the GDPR export and erasure ask for first.
    """

    return logged_in_client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits (login, messages) live in the cache; each test starts with none used."""
    cache.clear()
