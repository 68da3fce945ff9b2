from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthlyRollup(models.Model):
    """Petitions received in one month by one unit, counted along one dimension (kind, field, province or
    channel), with how many were decided on time and late. The dashboard reads closed months from here and
    counts the current month live; `insights_rollup` (nightly) and a background refresh keep it current."""

    month = models.DateField(_("tháng"))  # the first day of the month
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    dim = models.CharField(max_length=16)
    value = models.CharField(max_length=32, blank=True)  # "" when not set
    n = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("số liệu tổng hợp theo tháng")
        verbose_name_plural = _("số liệu tổng hợp theo tháng")
        constraints = [models.UniqueConstraint(fields=["month", "unit", "dim", "value"], name="rollup_once")]
        indexes = [models.Index(fields=["dim", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.unit_id} {self.dim}={self.value}: {self.n}"


class HotspotAlert(models.Model):
    """A hot issue told to an official who must know of it (danvan.insights.alerts): once per issue while it
    lasts, whatever how often the alert runs. `seen_on` is the last day the issue was found hot for the
    official, told or not: the issue is new again once it has been quiet for a whole window after that day."""

    recipient = models.ForeignKey("org.User", on_delete=models.CASCADE, related_name="+")
    field = models.ForeignKey("petitions.Field", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    province_code = models.PositiveSmallIntegerField(null=True, blank=True)
    start = models.DateField()  # the days counted
    end = models.DateField()
    count = models.PositiveIntegerField()
    usual = models.FloatField()
    sent_on = models.DateField()
    seen_on = models.DateField(null=True)  # null on alerts recorded before it was kept: read as sent_on
    emailed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cảnh báo điểm nóng")
        verbose_name_plural = _("cảnh báo điểm nóng")
        indexes = [models.Index(fields=["recipient", "sent_on"])]

    def __str__(self) -> str:
        return f"{self.sent_on:%Y-%m-%d} {self.field_id}/{self.province_code} → {self.recipient_id}"
