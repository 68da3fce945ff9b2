from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkcalConfig(AppConfig):
    name = "danvan.workcal"
    label = "workcal"
    verbose_name = _("Lịch làm việc")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from danvan.workcal.models import CalendarDay
        from danvan.workcal.signals import calendar_day_changed

        post_save.connect(calendar_day_changed, sender=CalendarDay, dispatch_uid="workcal.cache.save")
        post_delete.connect(calendar_day_changed, sender=CalendarDay, dispatch_uid="workcal.cache.delete")
