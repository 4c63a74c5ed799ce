import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The matrix builds eight users per test; PBKDF2 would make it take minutes on a shared machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
