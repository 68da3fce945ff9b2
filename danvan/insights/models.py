from __future__ import annotations

from decimal import Decimal

from django.conf import settings
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


class Rating(models.TextChoices):
    """The four ratings of a civil servant's year (Decree 335/2025/ND-CP)."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


class Appraisal(models.Model):
    """An official's points for a year on the 100-point scale, as their unit's head or a leader gave them, and
    whether a ground of "not completed" applies whatever the points. The rating is worked out from these and the
    rule pack (danvan.insights.appraisals), never stored: a corrected threshold corrects every rating."""

    official = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("công chức"), on_delete=models.PROTECT,
                                 related_name="appraisals")
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    # Where the official was rated: the share of excellent ratings is capped within a unit.
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    general_points = models.DecimalField(_("điểm tiêu chí chung"), max_digits=4, decimal_places=1)
    task_points = models.DecimalField(_("điểm kết quả thực hiện nhiệm vụ"), max_digits=4, decimal_places=1)
    # The position (from 1) of a ground in the rule `evaluation.not_completed`, or none.
    not_completed_ground = models.PositiveSmallIntegerField(_("trường hợp không hoàn thành nhiệm vụ"), null=True,
                                                            blank=True)
    note = models.TextField(_("nhận xét"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đánh giá, xếp loại công chức")
        verbose_name_plural = _("đánh giá, xếp loại công chức")
        constraints = [models.UniqueConstraint(fields=["official", "year"], name="appraisal_once_a_year")]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return f"{self.official_id} {self.year}: {self.points}"

    @property
    def points(self) -> Decimal:
        return self.general_points + self.task_points
