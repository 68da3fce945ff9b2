"""Drafts of legal documents put to public comment, their comments, and the synthesis of those comments."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Draft(models.Model):
    """A draft legal document put to public comment by the drafting team (ban soạn thảo)."""

    class State(models.TextChoices):
        PREPARING = "preparing", _("Đang chuẩn bị")
        OPEN = "open", _("Đang lấy ý kiến")
        CLOSED = "closed", _("Đã kết thúc lấy ý kiến")
        REPORTED = "reported", _("Đã công bố báo cáo")

    slug = models.SlugField(_("mã"), max_length=80, unique=True)
    title = models.CharField(_("tên dự thảo"), max_length=500)
    doc_type = models.CharField(_("loại văn bản"), max_length=64, default="Luật")
    summary = models.TextField(_("tóm tắt"), blank=True)
    unit = models.ForeignKey("org.Unit", verbose_name=_("cơ quan chủ trì soạn thảo"), on_delete=models.PROTECT,
                             related_name="drafts")
    opens_on = models.DateField(_("ngày đăng tải"), null=True, blank=True)
    closes_on = models.DateField(_("hạn góp ý (hết ngày)"), null=True, blank=True)
    # The minimum the rule pack required when the period was set, kept with its citation.
    period_rule = models.JSONField(_("căn cứ thời hạn"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("dự thảo")
        verbose_name_plural = _("dự thảo")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def accepts_comments_on(self, day: dt.date) -> bool:
        return self.opens_on is not None and self.closes_on is not None and self.opens_on <= day <= self.closes_on

    @property
    def state(self) -> str:
        today = timezone.localdate()
        if self.opens_on is None or self.closes_on is None or today < self.opens_on:
            return self.State.PREPARING
        return self.State.OPEN if today <= self.closes_on else self.State.CLOSED

    @property
    def state_label(self) -> str:
        return str(self.State(self.state).label)


class DraftVersion(models.Model):
    """One text of the draft: the first posted, then each revision."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    source_name = models.CharField(_("tệp gốc"), max_length=255, blank=True)
    text = models.TextField(_("toàn văn"))
    warnings = models.JSONField(_("cảnh báo khi đọc cấu trúc"), default=list, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("phiên bản dự thảo")
        verbose_name_plural = _("phiên bản dự thảo")
        ordering = ["draft", "number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="consultation_version_unique")]

    def __str__(self) -> str:
        return f"{self.draft} — phiên bản {self.number}"


class Provision(models.Model):
    """A chapter, section, article, clause or point of one version.

    `anchor` names the provision across versions: a revision's provision that says what an earlier one
    said (matched by text, not by number) keeps its anchor, so comments follow a renumbered article.
    """

    class Kind(models.TextChoices):
        CHAPTER = "chapter", _("Chương")
        SECTION = "section", _("Mục")
        ARTICLE = "article", _("Điều")
        CLAUSE = "clause", _("Khoản")
        POINT = "point", _("Điểm")

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="provisions")
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices)
    number = models.CharField(_("số"), max_length=8)
    label = models.CharField(_("trích dẫn"), max_length=80)
    title = models.CharField(_("tên"), max_length=500, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    order = models.PositiveIntegerField(_("thứ tự"))
    depth = models.PositiveSmallIntegerField(default=0)
    anchor = models.CharField(_("mã neo"), max_length=32, db_index=True)
    article_anchor = models.CharField(_("mã neo của điều"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("điều khoản")
        verbose_name_plural = _("điều khoản")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "anchor"], name="consultation_anchor_unique")]

    def __str__(self) -> str:
        return self.label


class CommenterType(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANIZATION = "organization", _("Tổ chức")
    AGENCY = "agency", _("Cơ quan nhà nước")
    EXPERT = "expert", _("Chuyên gia, nhà khoa học")


class Channel(models.TextChoices):
    WEB = "web", _("Cổng thông tin (biểu mẫu)")
    API = "api", _("Ứng dụng, cổng khác (API)")
    CONFERENCE = "conference", _("Hội nghị, hội thảo")
    LETTER = "letter", _("Văn bản, thư")
    PORTAL = "portal", _("Cổng thông tin khác")


class Comment(models.Model):
    """One comment, on the whole draft (no provision) or on a chapter, section, article, clause or point.

    `dedupe_key` makes intake idempotent: "c:<client key>" for a submission the client retried,
    "i:<hash>" for an imported row (its natural key).
    """

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        HELD = "held", _("Chờ kiểm duyệt")
        REJECTED = "rejected", _("Không được tiếp nhận")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments")
    provision = models.ForeignKey(Provision, null=True, blank=True, on_delete=models.PROTECT, related_name="comments")
    anchor = models.CharField(_("mã neo"), max_length=32, blank=True)
    article_anchor = models.CharField(_("mã neo của điều"), max_length=32, blank=True)
    commenter_type = models.CharField(_("người góp ý là"), max_length=16, choices=CommenterType.choices,
                                      default=CommenterType.PERSON)
    name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    organization = models.CharField(_("cơ quan, tổ chức"), max_length=300, blank=True)
    contact = models.CharField(_("thư điện tử hoặc điện thoại"), max_length=200, blank=True)
    text = models.TextField(_("nội dung góp ý"))
    channel = models.CharField(_("kênh"), max_length=16, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    flags = models.JSONField(_("dấu hiệu cần kiểm duyệt"), default=list, blank=True)
    moderation_reason = models.CharField(_("lý do kiểm duyệt"), max_length=500, blank=True)
    receipt = models.CharField(_("mã biên nhận"), max_length=16, unique=True)
    # NULL, not "": comments without a key must not collide in the unique constraint.
    dedupe_key = models.CharField(max_length=80, null=True, blank=True)  # noqa: DJ001
    source_ref = models.CharField(_("nguồn"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "dedupe_key"], name="consultation_comment_dedupe"),
        ]
        indexes = [models.Index(fields=["draft", "status"], name="consultation_comment_status")]

    def __str__(self) -> str:
        return self.receipt


class SynthesisRun(models.Model):
    """One run of the grouping engine over a draft's accepted comments (in the background)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="runs")
    state = models.CharField(_("trạng thái"), max_length=8, choices=State.choices, default=State.QUEUED)
    progress = models.FloatField(_("tiến độ"), default=0.0)
    comments = models.PositiveIntegerField(_("số ý kiến"), default=0)
    groups = models.PositiveIntegerField(_("số nhóm"), default=0)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("lượt tổng hợp")
        verbose_name_plural = _("lượt tổng hợp")
        ordering = ["-id"]
        constraints = [models.CheckConstraint(condition=Q(progress__gte=0) & Q(progress__lte=1),
                                              name="consultation_progress_0_1")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.draft}"


class Response(models.TextChoices):
    ADOPTED = "adopted", _("Tiếp thu")
    PARTLY = "partly", _("Tiếp thu một phần")
    NOT_ADOPTED = "not_adopted", _("Không tiếp thu")


class CommentGroup(models.Model):
    """Comments that say the same thing, with the drafting team's answer."""

    class Review(models.TextChoices):
        PROPOSED = "proposed", _("Máy đề xuất")
        CONFIRMED = "confirmed", _("Đã xác nhận")

    run = models.ForeignKey(SynthesisRun, on_delete=models.CASCADE, related_name="comment_groups")
    engine_id = models.BigIntegerField(null=True, blank=True)
    article_anchor = models.CharField(max_length=32, blank=True)
    stance = models.CharField(_("quan điểm"), max_length=8)
    count = models.PositiveIntegerField(_("số ý kiến"))
    variants = models.PositiveIntegerField(default=1)
    representative = models.ForeignKey(Comment, null=True, on_delete=models.SET_NULL, related_name="+")
    representative_text = models.TextField(_("ý kiến đại diện"))
    terms = models.JSONField(_("từ khóa"), default=list, blank=True)
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.PROPOSED)
    response = models.CharField(_("tiếp thu"), max_length=12, choices=Response.choices, blank=True)
    explanation = models.TextField(_("giải trình"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("nhóm ý kiến")
        verbose_name_plural = _("nhóm ý kiến")
        ordering = ["run", "article_anchor", "-count", "id"]
        indexes = [models.Index(fields=["run", "article_anchor"], name="consultation_group_article")]
        constraints = [
            models.CheckConstraint(condition=~Q(response="not_adopted") | ~Q(explanation=""),
                                   name="consultation_not_adopted_explained"),
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.representative_text[:60]}"


class Assignment(models.Model):
    """Which group of a run a comment is in (every accepted comment of the run exactly once)."""

    run = models.ForeignKey(SynthesisRun, on_delete=models.CASCADE, related_name="assignments")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(CommentGroup, on_delete=models.CASCADE, related_name="assignments")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "comment"], name="consultation_assignment_once")]

    def __str__(self) -> str:
        return f"{self.comment_id} → {self.group_id}"


class Tally(models.Model):
    """Comments and groups per article, commenter type and stance, for one run."""

    run = models.ForeignKey(SynthesisRun, on_delete=models.CASCADE, related_name="tallies")
    article_anchor = models.CharField(max_length=32, blank=True)
    commenter_type = models.CharField(max_length=16)
    stance = models.CharField(max_length=8)
    comments = models.PositiveIntegerField()
    groups = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.article_anchor or 'toàn văn'} {self.commenter_type} {self.stance}: {self.comments}"


class Report(models.Model):
    """The published synthesis report (báo cáo tổng hợp, tiếp thu, giải trình), as issued."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="reports")
    run = models.ForeignKey(SynthesisRun, on_delete=models.PROTECT, related_name="+")
    revised_version = models.ForeignKey(DraftVersion, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    docx = models.BinaryField()
    xlsx = models.BinaryField()
    docx_sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("báo cáo tổng hợp")
        verbose_name_plural = _("báo cáo tổng hợp")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.draft} ({self.published_at:%d/%m/%Y})"
