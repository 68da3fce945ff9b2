from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Complexity(models.TextChoices):
    NORMAL = "normal", _("Thông thường")
    COMPLEX = "complex", _("Phức tạp")
    ESPECIALLY_COMPLEX = "especially_complex", _("Đặc biệt phức tạp")


class Finding(models.TextChoices):
    """What a complaint decision or a denunciation conclusion found (Law on Complaints Art. 31 cl. 2 pt. d,
    Law on Denunciations Art. 35 cl. 1; counted by forms 03/GQKN and 04/GQTC of Circular 02/2021)."""

    RIGHT = "right", _("Đúng")
    PARTLY = "partly", _("Đúng một phần")
    WRONG = "wrong", _("Sai")


class MatterQuerySet(models.QuerySet["Matter"]):
    def open(self) -> MatterQuerySet:
        from danvan.matters.workflow import CLOSED_STATES

        return self.exclude(state__in=CLOSED_STATES)

    def overdue(self, on: object = None) -> MatterQuerySet:
        today = on or timezone.localdate()
        return self.filter(next_due__lt=today)

    def due_soon(self, on: object = None, days: int = 3) -> MatterQuerySet:
        import datetime as dt

        today = on or timezone.localdate()
        assert isinstance(today, dt.date)
        return self.filter(next_due__gte=today, next_due__lte=today + dt.timedelta(days=days))


class Matter(models.Model):
    """An accepted complaint or denunciation (vụ việc), resolved through its legal workflow.

    The workflow (states, transitions, guards) is in danvan.matters.workflow; only danvan.matters.services
    writes these rows. `next_due` is the nearest running time limit the agency must meet, kept in step with
    the TimeLimit rows so that "overdue" and "due soon" are indexed queries.
    """

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Khiếu nại")
        DENUNCIATION = "denunciation", _("Tố cáo")
        # Law on Denunciations Art. 25: not handled as a denunciation; inspected by the agency or forwarded.
        ANONYMOUS = "anonymous", _("Thông tin tố cáo nặc danh")

    code = models.CharField(_("mã vụ việc"), max_length=32, unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị giải quyết"), on_delete=models.PROTECT)
    state = models.CharField(_("trạng thái"), max_length=32, default="received", db_index=True)
    subject = models.CharField(_("trích yếu"), max_length=500, blank=True)
    received_on = models.DateField(_("ngày nhận đơn"), null=True, blank=True)
    accepted_on = models.DateField(_("ngày thụ lý"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người được giao"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="matters",
    )
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xác minh"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="verified_matters",
    )
    # Complaints: 1 = first resolution, 2 = second resolution (Law on Complaints Arts. 28, 37).
    tier = models.PositiveSmallIntegerField(_("lần giải quyết"), default=1)
    complexity = models.CharField(_("tính chất"), max_length=24, choices=Complexity.choices,
                                  default=Complexity.NORMAL)
    remote = models.BooleanField(_("vùng sâu, vùng xa, đi lại khó khăn"), default=False)
    # A denunciation whose initial checks must be made at several places gets 10 working days instead of 7
    # (Law on Denunciations Art. 24 cl. 1); being complex for another reason does not lengthen them.
    several_places = models.BooleanField(_("kiểm tra, xác minh tại nhiều địa điểm"), default=False)
    # A complaint against a disciplinary decision on an official has its own limits (Art. 48).
    disciplinary = models.BooleanField(_("khiếu nại quyết định kỷ luật"), default=False)
    dismissal = models.BooleanField(_("kỷ luật buộc thôi việc"), default=False)
    decision_known_on = models.DateField(_("ngày nhận/biết quyết định bị khiếu nại"), null=True, blank=True)
    obstacle_days = models.PositiveIntegerField(_("số ngày trở ngại khách quan"), default=0)

    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    suspended_days = models.PositiveIntegerField(_("số ngày tạm đình chỉ"), default=0)
    suspended_on = models.DateField(_("ngày tạm đình chỉ"), null=True, blank=True)
    state_before_suspension = models.CharField(max_length=32, blank=True, editable=False)
    decided_on = models.DateField(_("ngày ban hành quyết định/kết luận"), null=True, blank=True)
    finding = models.CharField(_("kết quả giải quyết"), max_length=8, choices=Finding.choices, blank=True)
    decision_received_on = models.DateField(_("ngày người khiếu nại nhận quyết định"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)

    next_due = models.DateField(_("hạn gần nhất"), null=True, blank=True)
    next_due_key = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MatterQuerySet.as_manager()

    class Meta:
        verbose_name = _("vụ việc")
        verbose_name_plural = _("vụ việc")
        indexes = [
            models.Index(fields=["next_due"], name="matter_next_due"),
            models.Index(fields=["unit", "next_due"], name="matter_unit_due"),
            models.Index(fields=["assignee", "next_due"], name="matter_assignee_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(tier__in=[1, 2]), name="matter_tier_1_or_2"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_complex(self) -> bool:
        return self.complexity != Complexity.NORMAL


# The name of each time limit a matter keeps, by its key. A key ending in "_1" is the first tier's limit,
# kept on the file beside the second tier's (matters.workflow, second complaint).
LIMIT_LABELS = {
    "complaint_window": _("Thời hiệu khiếu nại"),
    "acceptance": _("Hạn thụ lý"),
    "resolution": _("Hạn giải quyết"),
    "finality": _("Quyết định có hiệu lực pháp luật"),
    "second_window": _("Thời hạn khiếu nại lần hai"),
    "initial_processing": _("Hạn xử lý ban đầu thông tin tố cáo"),
    "forward": _("Hạn chuyển tố cáo không thuộc thẩm quyền"),
    "acceptance_notice": _("Hạn thông báo thụ lý tố cáo"),
}


class TimeLimit(models.Model):
    """One time limit of a matter, with what it was computed from, so a calendar change can recompute it.

    `label` is its name in Vietnamese, stored for the record; pages show `display_label`, in the reader's
    language.
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("Đang tính")
        PAUSED = "paused", _("Tạm dừng")
        MET = "met", _("Đã thực hiện")
        INFO = "info", _("Để biết")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="time_limits")
    key = models.CharField(max_length=32)
    label = models.CharField(max_length=255)
    rule = models.CharField(max_length=64)
    start = models.DateField()
    complex = models.BooleanField(default=False)
    remote = models.BooleanField(default=False)
    extensions = models.PositiveSmallIntegerField(default=0)
    suspended_days = models.PositiveIntegerField(default=0)
    due = models.DateField()
    explained = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    met_on = models.DateField(null=True, blank=True)
    # False for the citizen's own windows (to complain again): shown, never the agency's overdue.
    for_agency = models.BooleanField(default=True)
    public = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["matter", "key"], name="time_limit_once_per_matter")]
        indexes = [
            models.Index(fields=["status", "due"], name="time_limit_status_due"),
            # The recompute after a calendar change reads the distinct computations in play from this index
            # alone and finds the rows of the computations that moved through it (deadlines.py).
            models.Index(fields=["rule", "start", "complex", "remote", "extensions", "suspended_days", "due"],
                         name="time_limit_computation",
                         condition=models.Q(status__in=["running", "paused", "info"])),
        ]
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.matter_id}:{self.key}:{self.due}"

    @property
    def display_label(self) -> str:
        """The limit's name in the active language, from its key; the stored label for a key not known."""
        base, first_tier = (self.key[:-2], True) if self.key.endswith("_1") else (self.key, False)
        if base not in LIMIT_LABELS:
            return self.label
        name = str(LIMIT_LABELS[base])
        return f"{name} ({gettext('lần đầu')})" if first_tier else name


class MatterRecord(models.Model):
    """What a step produced: a verification report, a dialogue, a decision, a conclusion, a reason."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="records")
    transition = models.CharField(max_length=32)
    on = models.DateField()
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.matter_id}:{self.transition}"


class Reminder(models.Model):
    """A reminder sent before a time limit passes; one per limit, recipient and due date."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="reminders")
    time_limit = models.ForeignKey(TimeLimit, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due = models.DateField()
    sent_on = models.DateField()
    emailed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["time_limit", "recipient", "due"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.matter_id}:{self.time_limit_id}:{self.recipient_id}"
