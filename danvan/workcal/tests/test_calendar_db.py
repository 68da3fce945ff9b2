"""The seeded calendar, the services that edit it, the cache and the recompute hook."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.audit.models import Event
from danvan.org.models import Role, User
from danvan.tasks import wait_for_in_process_tasks
from danvan.workcal.models import CalendarDay, Source
from danvan.workcal.recompute import register_recompute, unregister_recompute
from danvan.workcal.seed import seed_calendar
from danvan.workcal.selectors import calendar_get
from danvan.workcal.services import workcal_day_clear, workcal_day_set

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user() -> User:
    return User.objects.create_user(username="rules-quantri", password="mat-khau-thu-nghiem-2026",
                                    full_name="Bùi Văn Nam", roles=[Role.ADMINISTRATOR.value])


def test_the_migration_seeds_tet_2026_and_the_government_swaps():
    cal = calendar_get()
    for day in range(16, 21):
        assert not cal.is_working_day(D(2026, 2, day))
    assert cal.next_working_day(D(2026, 2, 13)) == D(2026, 2, 23)
    assert not cal.is_working_day(D(2026, 1, 2))  # Công văn 12729/VPCP-KGVX
    assert cal.is_working_day(D(2026, 1, 10))
    assert not cal.is_working_day(D(2025, 5, 2))
    assert cal.is_working_day(D(2025, 4, 26))
    assert not cal.is_working_day(D(2026, 9, 2))
    assert not cal.is_working_day(D(2026, 4, 27))  # Giỗ Tổ on Sunday 26 April, made up on Monday
    swap = CalendarDay.objects.get(date=D(2026, 1, 2))
    assert swap.source == Source.GOVERNMENT_DECISION
    assert "12729/VPCP-KGVX" in swap.citation
    assert CalendarDay.objects.get(date=D(2026, 8, 31)).confidence == "L"
    # The package's earlier swaps come with their make-up Saturday.
    assert cal.is_working_day(D(2024, 5, 4)) and not cal.is_working_day(D(2024, 4, 29))
    assert CalendarDay.objects.filter(date__year=2012).exists()
    assert CalendarDay.objects.filter(date__year=2030).exists()


def test_seeding_again_changes_nothing():
    result = seed_calendar(CalendarDay)
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == CalendarDay.objects.count()


# Committed for real, so the recompute the change sends runs in its worker thread as it does in production
# (inside a test's open transaction, that thread would find the in-memory SQLite tables locked).
@pytest.mark.django_db(transaction=True)
def test_day_set_is_audited_seen_at_once_and_kept_by_a_later_seed(admin_user):
    assert calendar_get().is_working_day(D(2026, 3, 6))
    day = workcal_day_set(date=D(2026, 3, 6), is_working=False, reason="Nghỉ bù theo quyết định của Bộ",
                          by=admin_user)
    wait_for_in_process_tasks()
    assert day.source == Source.ADMIN and day.updated_by == admin_user
    assert not calendar_get().is_working_day(D(2026, 3, 6))
    event = Event.objects.get(action="workcal.day_set")
    assert event.data["after"]["date"] == "2026-03-06" and event.data["before"] is None

    # An administrator turns a package holiday back into a working day; the seed leaves it so.
    workcal_day_set(date=D(2026, 11, 24), is_working=True, reason="Chưa áp dụng", by=admin_user)
    result = seed_calendar(CalendarDay)
    assert result.kept_admin == 1  # 24 Nov is a seed day; 6 Mar is not
    assert CalendarDay.objects.get(date=D(2026, 11, 24)).is_working


def test_day_clear_returns_the_day_to_the_week(admin_user):
    assert not calendar_get().is_working_day(D(2026, 1, 2))
    assert workcal_day_clear(date=D(2026, 1, 2), by=admin_user)
    assert calendar_get().is_working_day(D(2026, 1, 2))
    assert not workcal_day_clear(date=D(2026, 1, 2), by=admin_user)
    assert Event.objects.filter(action="workcal.day_clear").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_calendar_change_runs_every_registered_recompute(admin_user):
    calls: list[str] = []

    def recompute_a() -> int:
        calls.append("a")
        return 1

    def recompute_b() -> int:
        calls.append("b")
        return 2

    register_recompute("test.rules.a", recompute_a)
    register_recompute("test.rules.b", recompute_b)
    try:
        workcal_day_set(date=D(2026, 3, 7), is_working=True, reason="Làm bù", by=admin_user)
        wait_for_in_process_tasks()
    finally:
        unregister_recompute("test.rules.a")
        unregister_recompute("test.rules.b")
    assert sorted(calls) == ["a", "b"]


def test_a_reason_is_required(admin_user):
    with pytest.raises(ValueError):
        workcal_day_set(date=D(2026, 3, 9), is_working=False, reason="  ", by=admin_user)


def test_the_admin_saves_and_deletes_through_the_services(admin_user, rf):
    # The ModelAdmin itself, without the admin site's URLs (they import every app's admin).
    from django.contrib import admin

    from danvan.workcal.admin import CalendarDayAdmin

    model_admin = CalendarDayAdmin(CalendarDay, admin.site)
    request = rf.post("/admin/workcal/calendarday/add/")
    request.user = admin_user
    form_class = model_admin.get_form(request)
    form = form_class(data={"date": "2026-03-13", "is_working": "", "reason": "Nghỉ theo quyết định của Bộ trưởng",
                            "citation": "", "confidence": "H"})
    assert form.is_valid(), form.errors
    obj = form.save(commit=False)
    model_admin.save_model(request, obj, form, change=False)
    assert obj.pk is not None
    assert not calendar_get().is_working_day(D(2026, 3, 13))
    assert Event.objects.filter(action="workcal.day_set").count() == 1

    model_admin.delete_queryset(request, CalendarDay.objects.filter(date=D(2026, 3, 13)))
    assert calendar_get().is_working_day(D(2026, 3, 13))
    assert Event.objects.filter(action="workcal.day_clear").count() == 1
