from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyRequest(models.Model):
    """A person's request about their own data (Decree 13/2023 Art. 9): a copy of it, or its erasure.

    The answer is recorded here with its reason; refusals name the record and the law that keeps it.
    """

    class Kind(models.TextChoices):
        EXPORT = "export", _("Cung cấp dữ liệu cá nhân")
        ERASE = "erase", _("Xóa dữ liệu cá nhân")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Mới tiếp nhận")
        DONE = "done", _("Đã thực hiện")
        REFUSED = "refused", _("Từ chối")

    kind = models.CharField(_("loại yêu cầu"), max_length=16, choices=Kind.choices)
    person = models.ForeignKey("people.Person", verbose_name=_("người yêu cầu"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    # Who asked, as written on the request: kept after an erasure only as the pseudonym.
    requester_label = models.CharField(_("người yêu cầu"), max_length=255)
    note = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    reasons = models.JSONField(_("lý do"), default=list, blank=True)
    result = models.JSONField(default=dict, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    received_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu về dữ liệu cá nhân")
        verbose_name_plural = _("yêu cầu về dữ liệu cá nhân")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.requester_label}"


class Pseudonym(models.Model):
    """A stable pseudonym: the same person (or the same ID number) always gets the same one.

    `source_key` is an HMAC of what identified the person ("id:<ID number>" or "person:<pk>") under the
    instance's secret key, so this table does not itself hold an ID number. `placeholder` is the person row
    that stands in for them on pseudonymized records.
    """

    source_key = models.CharField(max_length=64, unique=True)
    pseudonym = models.CharField(max_length=32, unique=True)
    placeholder = models.OneToOneField("people.Person", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.pseudonym


class RetentionDone(models.Model):
    """A record the retention policy (or a request) has already pseudonymized: never done twice."""

    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    rule = models.CharField(max_length=64)
    action = models.CharField(max_length=16)
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["object_type", "object_id"], name="retention_done_once")]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id} {self.action}"
