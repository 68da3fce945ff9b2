from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from danvan.workcal.models import CalendarDay
from danvan.workcal.services import workcal_day_clear, workcal_day_set


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Every edit goes through the services, so it is audited and open time limits are recomputed."""

    list_display = ("date", "is_working", "reason", "source", "confidence", "citation", "updated_at")
    list_filter = ("is_working", "source", "confidence")
    search_fields = ("reason", "citation")
    date_hierarchy = "date"
    fields = ("date", "is_working", "reason", "citation", "confidence")
    ordering = ("-date",)

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        if change and "date" in form.changed_data:
            old = CalendarDay.objects.get(pk=obj.pk)
            workcal_day_clear(date=old.date, by=request.user)
        day = workcal_day_set(date=obj.date, is_working=obj.is_working, reason=obj.reason, by=request.user,
                              citation=obj.citation, confidence=obj.confidence)
        obj.pk = day.pk
        obj.source = day.source

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        workcal_day_clear(date=obj.date, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> None:
        for day in list(queryset):
            workcal_day_clear(date=day.date, by=request.user)
