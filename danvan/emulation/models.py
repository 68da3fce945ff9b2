"""The "Skilled Mass Mobilization" (Dân vận khéo) emulation movement: the models units register, carry out,
report on, have evaluated, and that other units replicate once recognised."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.petitions.models import StoredFile
from textmining.normalize import to_nfc


class Domain(models.TextChoices):
    """The movement's four domains."""

    ECONOMY = "economy", _("Kinh tế")
    SOCIETY = "society", _("Văn hóa – xã hội")
    SECURITY = "security", _("Quốc phòng – an ninh")
    POLITICAL_SYSTEM = "political_system", _("Xây dựng hệ thống chính trị")


class MobilizationModel(models.Model):
    """A model (mô hình) a unit registers for a year."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Đã đăng ký")
        REPORTED = "reported", _("Đã báo cáo kết quả")
        RECOGNIZED = "recognized", _("Được công nhận điển hình")
        NOT_RECOGNIZED = "not_recognized", _("Chưa được công nhận")

    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="mobilization_models")
    title = models.CharField(_("tên mô hình"), max_length=255)
    # The title as registration compares it (one model per unit, year and title, whatever the case or spacing);
    # diacritics count: "bỏ" and "bộ" are different words.
    title_key = models.CharField(max_length=255, editable=False)
    domain = models.CharField(_("lĩnh vực"), max_length=24, choices=Domain.choices)
    year = models.PositiveSmallIntegerField(_("năm đăng ký"))
    started_on = models.DateField(_("ngày bắt đầu thực hiện"))
    summary = models.TextField(_("mục tiêu, cách làm"))
    results = models.TextField(_("kết quả đạt được"), blank=True)
    people_benefited = models.PositiveIntegerField(_("số người dân được hưởng lợi"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.REGISTERED)
    reported_on = models.DateField(_("ngày báo cáo kết quả"), null=True, blank=True)
    evaluated_on = models.DateField(_("ngày đánh giá"), null=True, blank=True)
    decision_ref = models.CharField(_("số quyết định công nhận"), max_length=64, blank=True)
    evaluation_note = models.TextField(_("nhận xét của hội đồng"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mô hình “Dân vận khéo”")
        verbose_name_plural = _("mô hình “Dân vận khéo”")
        ordering = ["-year", "title", "id"]
        indexes = [models.Index(fields=["year", "status"])]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "title_key"], name="emulation_model_once")]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def key_of(title: str) -> str:
        return " ".join(to_nfc(title).casefold().split())


class Replication(models.Model):
    """A unit taking up a recognised model (nhân rộng)."""

    model = models.ForeignKey(MobilizationModel, verbose_name=_("mô hình"), on_delete=models.CASCADE,
                              related_name="replications")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị nhân rộng"), on_delete=models.PROTECT,
                             related_name="+")
    started_on = models.DateField(_("ngày bắt đầu"))
    note = models.TextField(_("cách áp dụng"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đơn vị nhân rộng")
        verbose_name_plural = _("đơn vị nhân rộng")
        ordering = ["started_on", "id"]
        constraints = [models.UniqueConstraint(fields=["model", "unit"], name="emulation_replication_once")]

    def __str__(self) -> str:
        return f"{self.model} — {self.unit}"


def evidence_path(instance: Evidence, filename: str) -> str:
    # A random name, as for a petition's attachments: the uploader's name never touches the file system.
    return f"emulation/{instance.stored_name[:2]}/{instance.stored_name}"


class Evidence(StoredFile):
    """A file that shows what a model achieved (minh chứng): photos, minutes, the unit's own report."""

    model = models.ForeignKey(MobilizationModel, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("tài liệu minh chứng")
        verbose_name_plural = _("tài liệu minh chứng")
        ordering = ["uploaded_at", "id"]
