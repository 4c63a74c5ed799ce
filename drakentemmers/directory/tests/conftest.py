import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Directory tests create many users; PBKDF2 at full strength would dominate their run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
