"""Fixtures shared by every test: a small real-shaped agency with one official per role."""

from __future__ import annotations

import pytest

from danvan.org.models import Role, Unit, User

# The append-only audit log must still let the test runner flush it between transactional tests.
pytest_plugins = ["danvan.audit.testing"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    # The production hasher is slow by design; tests only need passwords to work.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def vietnamese_to_start():
    # A request served in English leaves English active in the thread (as each new request would reset it);
    # every test starts in the first language, whatever ran before it.
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    # The working calendar is cached per process; a test that edits it must not leak into the next one.
    from danvan.workcal.selectors import calendar_cache_clear

    calendar_cache_clear()
    yield
    calendar_cache_clear()


@pytest.fixture
def ministry(db) -> Unit:
    return Unit.objects.create(code="bnnmt", name="Bộ Nông nghiệp và Môi trường", short_name="Bộ NN&MT",
                               symbol="BNNMT", kind=Unit.Kind.MINISTRY, province_code=1)


@pytest.fixture
def intake_unit(ministry: Unit, settings) -> Unit:
    unit = Unit.objects.create(code="ban-tcd", name="Ban Tiếp công dân", short_name="Ban TCD", symbol="BTCD",
                               kind=Unit.Kind.DEPARTMENT, parent=ministry, province_code=1)
    settings.DANVAN_PORTAL_UNIT_CODE = unit.code
    return unit


@pytest.fixture
def land_department(ministry: Unit) -> Unit:
    return Unit.objects.create(code="cuc-qldd", name="Cục Quản lý đất đai", short_name="Cục QLĐĐ", symbol="QLĐĐ",
                               kind=Unit.Kind.DEPARTMENT, parent=ministry, province_code=1)


TEST_PASSWORD = "mat-khau-thu-nghiem-2026"  # noqa: S105


def make_official(username: str, role: Role, unit: Unit, full_name: str = "") -> User:
    return User.objects.create_user(username=username, password=TEST_PASSWORD, full_name=full_name or username,
                                    unit=unit, roles=[role.value])


@pytest.fixture
def officials(intake_unit: Unit, ministry: Unit) -> dict[str, User]:
    """One official per role: reception, handler, verifier and head at the intake unit; the rest ministry-wide."""
    return {
        "reception_officer": make_official("tiepdan", Role.RECEPTION_OFFICER, intake_unit, "Nguyễn Thị Lan"),
        "handler": make_official("xuly", Role.HANDLER, intake_unit, "Trần Văn Minh"),
        "verifier": make_official("xacminh", Role.VERIFIER, intake_unit, "Lê Quốc Hùng"),
        "unit_head": make_official("truongban", Role.UNIT_HEAD, intake_unit, "Phạm Thu Hà"),
        "leader": make_official("thutruong", Role.LEADER, ministry, "Hoàng Đức Thắng"),
        "inspector": make_official("thanhtra", Role.INSPECTOR, ministry, "Vũ Minh Tuấn"),
        "supervisor": make_official("giamsat", Role.SUPERVISOR, ministry, "Đặng Thị Mai"),
        "administrator": make_official("quantri", Role.ADMINISTRATOR, ministry, "Bùi Văn Nam"),
        "drafter": make_official("soanthao", Role.DRAFTER, ministry, "Ngô Thanh Hương"),
    }


# Reference data that data migrations seed (the calendar, the fields, the document templates). A
# transactional test ends with a flush that empties every table, so the next one seeds them again.
SEEDING_MIGRATIONS = [
    ("danvan.workcal.migrations.0002_seed_calendar", "seed"),
    ("danvan.petitions.migrations.0003_seed_fields", "seed"),
    ("danvan.documents.migrations.0002_seed_templates", "seed"),
]


@pytest.fixture(autouse=True)
def reference_data_after_a_flush(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or "live_server" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False))
    if not transactional:
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for module, function in SEEDING_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
