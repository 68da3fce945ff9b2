from __future__ import annotations

import pytest

from danvan.org.models import Unit, User


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return settings.MEDIA_ROOT


@pytest.fixture
def ministry(db) -> Unit:
    return Unit.objects.create(code="bnnmt", name="Bộ Nông nghiệp và Môi trường", short_name="Bộ NN&MT",
                               symbol="BNNMT", kind=Unit.Kind.MINISTRY, province_code=1)


@pytest.fixture
def department(ministry) -> Unit:
    return Unit.objects.create(code="qldd", name="Cục Quản lý đất đai", short_name="QLĐĐ", symbol="QLĐĐ",
                               kind=Unit.Kind.DEPARTMENT, parent=ministry)


@pytest.fixture
def officer(department) -> User:
    return User.objects.create_user(username="hoa", password="mat-khau-dai-1", full_name="Trần Thị Hoa",
                                    is_staff=True, unit=department)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The default hasher spends most of each test creating the officer's password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
