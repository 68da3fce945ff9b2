from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    HOLIDAYS_PACKAGE = "holidays-package", _("Lịch ngày lễ (gói holidays)")
    GOVERNMENT_DECISION = "government-decision", _("Quyết định, thông báo của Chính phủ")
    ADMIN = "admin", _("Quản trị viên")


class Confidence(models.TextChoices):
    HIGH = "H", _("Cao")
    MEDIUM = "M", _("Trung bình")
    LOW = "L", _("Thấp, cần xác minh")


class CalendarDay(models.Model):
    """A date that departs from the Monday-Friday week: a weekday off, or a weekend day worked.

    Dates with no row follow the week. A row's source says where it came from; the seed never overwrites a
    row an administrator wrote.
    """

    date = models.DateField(_("ngày"), unique=True)
    is_working = models.BooleanField(_("là ngày làm việc"))
    reason = models.CharField(_("lý do"), max_length=255)
    source = models.CharField(_("nguồn"), max_length=24, choices=Source.choices, default=Source.ADMIN)
    citation = models.CharField(_("văn bản"), max_length=255, blank=True)
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices,
                                  default=Confidence.HIGH)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("ngày đặc biệt trong lịch làm việc")
        verbose_name_plural = _("lịch làm việc: ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        kind = _("làm việc") if self.is_working else _("nghỉ")
        return f"{self.date:%d/%m/%Y} ({kind}): {self.reason}"
