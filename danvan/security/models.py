from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    """Something published to a supervising body (Fatherland Front, People's Inspection Board): one petition,
    one matter or one periodic report. A supervisor sees only what is published to their body, read-only,
    and never a petitioner's identity (Law on Denunciations Arts. 9, 47, 56)."""

    class Scope(models.TextChoices):
        PROGRESS = "progress", _("Tiến độ và kết quả")
        CONTENT = "content", _("Nội dung, tiến độ và kết quả (không có danh tính người gửi)")

    body = models.ForeignKey("org.Unit", verbose_name=_("cơ quan giám sát"), on_delete=models.PROTECT,
                             related_name="publications")
    petition = models.ForeignKey("petitions.Petition", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="publications")
    matter = models.ForeignKey("matters.Matter", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="publications")
    # A periodic report's layout slug (danvan.reports), e.g. "02-xld".
    report = models.SlugField(_("báo cáo"), max_length=64, blank=True)
    scope = models.CharField(_("phạm vi"), max_length=16, choices=Scope.choices, default=Scope.PROGRESS)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("công khai cho cơ quan giám sát")
        verbose_name_plural = _("công khai cho cơ quan giám sát")
        constraints = [
            models.CheckConstraint(
                name="publication_one_target",
                condition=(Q(petition__isnull=False, matter__isnull=True, report="")
                           | Q(petition__isnull=True, matter__isnull=False, report="")
                           | (Q(petition__isnull=True, matter__isnull=True) & ~Q(report=""))),
            ),
        ]
        indexes = [models.Index(fields=["body", "withdrawn_at"])]

    def __str__(self) -> str:
        target = f"petition:{self.petition_id}" if self.petition_id else (
            f"matter:{self.matter_id}" if self.matter_id else f"report:{self.report}")
        return f"{target} → {self.body_id}"
