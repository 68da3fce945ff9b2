from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.people.vault import EncryptedTextField, blind_index


def id_number_index(id_number: str) -> str:
    """The blind index a visit or refusal is found by (the ID number itself is encrypted)."""
    return blind_index("id_number", id_number)


class FoundByIdNumber(models.Model):
    """A record that keeps an encrypted `id_number` and is found by its blind index `id_number_index`."""

    id_number: Any
    id_number_index: Any

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.index_refresh()
        if kwargs.get("update_fields") is not None and "id_number" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "id_number_index"}
        super().save(*args, **kwargs)

    def index_refresh(self) -> None:
        """Recompute the blind index from the plain ID number on this instance (as people.Person does)."""
        self.id_number_index = id_number_index(self.id_number)


class Session(models.Model):
    """One reception session (buổi tiếp công dân): the office's regular desk, a leader's periodic day, or an
    unscheduled session for an urgent or crowded case."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Tiếp thường xuyên")
        PERIODIC = "periodic", _("Lãnh đạo tiếp định kỳ")
        UNSCHEDULED = "unscheduled", _("Tiếp đột xuất")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("Trực tiếp")
        ONLINE = "online", _("Trực tuyến")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Đã lên lịch")
        HELD = "held", _("Đã tiếp")
        CANCELLED = "cancelled", _("Đã hủy")

    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="reception_sessions")
    kind = models.CharField(_("loại buổi tiếp"), max_length=16, choices=Kind.choices)
    mode = models.CharField(_("hình thức"), max_length=16, choices=Mode.choices, default=Mode.IN_PERSON)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    on = models.DateField(_("ngày tiếp"), db_index=True)
    # The day first announced, kept when the schedule moved it off a day off.
    planned_on = models.DateField(_("ngày dự kiến"), null=True, blank=True)
    moved_reason = models.CharField(_("lý do chuyển ngày"), max_length=255, blank=True)
    host = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("lãnh đạo chủ trì"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="hosted_sessions")
    delegated_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cấp phó được ủy quyền"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="delegated_sessions")
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("buổi tiếp công dân")
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["kind", "host", "on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"


class Handling(models.TextChoices):
    """The handling column of the reception book (Form 03, Circular 04/2021/TT-TTCP)."""

    ACCEPT = "accept", _("Tiếp nhận đơn, thụ lý")
    GUIDE = "guide", _("Hướng dẫn")
    FORWARD = "forward", _("Chuyển đơn")


class Visit(FoundByIdNumber):
    """One line of the reception book: a person, or a group with one content, received on one day."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị tiếp"), on_delete=models.PROTECT,
                             related_name="reception_visits")
    session = models.ForeignKey(Session, verbose_name=_("buổi tiếp"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField(_("ngày tiếp"))
    # The book's running number within the unit and year, as the paper book is numbered.
    number = models.PositiveIntegerField(_("số thứ tự"))
    person = models.ForeignKey("people.Person", verbose_name=_("người đến"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="reception_visits")
    # The book keeps what was written on the day, even if the person's record changes later; encrypted at
    # rest like every identity (danvan.people.vault), found again by the ID number's blind index.
    full_name = EncryptedTextField(_("họ và tên"))
    id_number = EncryptedTextField(_("số định danh cá nhân"), blank=True)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    address = EncryptedTextField(_("địa chỉ"), blank=True)
    content = models.TextField(_("nội dung vụ việc"))
    kind = models.CharField(_("phân loại"), max_length=16)
    field = models.ForeignKey("petitions.Field", verbose_name=_("lĩnh vực"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    province_code = models.PositiveSmallIntegerField(_("tỉnh, thành phố"), null=True, blank=True)
    people_count = models.PositiveIntegerField(_("số người"), default=1)
    is_group = models.BooleanField(_("đoàn đông người"), default=False)
    handled_before = models.CharField(_("cơ quan đã giải quyết"), max_length=500, blank=True)
    handling = models.CharField(_("hướng xử lý"), max_length=16, choices=Handling.choices)
    handling_target = models.CharField(_("cơ quan được hướng dẫn / chuyển đến"), max_length=255, blank=True)
    follow_up = models.TextField(_("theo dõi kết quả"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    petition = models.ForeignKey("petitions.Petition", verbose_name=_("đơn"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="reception_visits")
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ tiếp"), null=True,
                                    on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lượt tiếp")
        verbose_name_plural = _("sổ tiếp công dân")
        ordering = ["visited_on", "number"]
        indexes = [models.Index(fields=["visited_on", "unit"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(people_count__gte=1), name="visit_people_at_least_one"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.full_name} ({self.visited_on:%d/%m/%Y})"


class Representative(models.Model):
    """A person a group named in writing to speak for it (Decree 124/2020 Art. 6)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="representatives")
    full_name = EncryptedTextField(_("họ và tên"))
    id_number = EncryptedTextField(_("số định danh cá nhân"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.full_name


class Refusal(FoundByIdNumber):
    """A refusal to receive someone, on one of the grounds of the Law on Citizen Reception Art. 9."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="reception_refusals")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.PROTECT, related_name="refusals")
    on = models.DateField(_("ngày"))
    full_name = EncryptedTextField(_("họ và tên"), blank=True)
    id_number = EncryptedTextField(_("số định danh cá nhân"), blank=True)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # The ground's position in the rule pack's list, with its text and citation as they read on the day.
    ground = models.PositiveSmallIntegerField(_("căn cứ từ chối"))
    ground_text = models.TextField(_("nội dung căn cứ"))
    citation = models.CharField(_("trích dẫn"), max_length=255)
    note = models.TextField(_("diễn biến"), blank=True)
    refused_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trường hợp từ chối tiếp")
        verbose_name_plural = _("trường hợp từ chối tiếp")
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["on", "unit"])]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.full_name}"
