from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Matter(models.Model):
    """An accepted complaint or denunciation (vụ việc), resolved through its legal workflow."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Khiếu nại")
        DENUNCIATION = "denunciation", _("Tố cáo")

    code = models.CharField(_("mã vụ việc"), max_length=32, unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị giải quyết"), on_delete=models.PROTECT)
    state = models.CharField(_("trạng thái"), max_length=32, default="accepted", db_index=True)
    accepted_on = models.DateField(_("ngày thụ lý"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người được giao"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="matters",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vụ việc")
        verbose_name_plural = _("vụ việc")

    def __str__(self) -> str:
        return self.code
