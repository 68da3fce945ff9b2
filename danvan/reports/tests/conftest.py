import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The shared fixtures create eight officials; the default hasher makes that the slowest part of a test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
