from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.people.vault import EncryptedTextField


class Channel(models.TextChoices):
    DESK = "desk", _("Trực tiếp")
    POST = "post", _("Bưu chính")
    PORTAL = "portal", _("Cổng thông tin điện tử")
    EMAIL = "email", _("Thư điện tử")
    HOTLINE = "hotline", _("Đường dây nóng")
    FORWARDED = "forwarded", _("Cơ quan khác chuyển đến")
    API = "api", _("Ứng dụng kết nối (Open311)")


class Kind(models.TextChoices):
    UNCLASSIFIED = "unclassified", _("Chưa phân loại")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    RECOMMENDATION = "recommendation", _("Kiến nghị, phản ánh")
    MIXED = "mixed", _("Nhiều nội dung")


PROTECTED_KINDS = (Kind.DENUNCIATION, Kind.MIXED)


class Status(models.TextChoices):
    RECEIVED = "received", _("Mới tiếp nhận")
    CLASSIFIED = "classified", _("Đã phân loại")
    ACCEPTED = "accepted", _("Đã đề xuất thụ lý")
    ANSWERED = "answered", _("Đã trả lời")
    GUIDED = "guided", _("Đã hướng dẫn")
    FORWARDED = "forwarded", _("Đã chuyển đơn")
    ARCHIVED = "archived", _("Lưu đơn")


# The outcomes close processing; the workflow that follows an accepted petition lives in `matters`.
OPEN_STATUSES = (Status.RECEIVED, Status.CLASSIFIED)
DUE_SOON_DAYS = 3
OUTCOME_STATUSES = (Status.ACCEPTED, Status.ANSWERED, Status.GUIDED, Status.FORWARDED, Status.ARCHIVED)


class Field(models.Model):
    """A field of state management (lĩnh vực): the report columns group petitions by it."""

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=128)
    # Words typical of the field, folded; they seed the suggestion until a trained model takes over.
    keywords = models.TextField(_("từ khóa"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class PetitionQuerySet(models.QuerySet["Petition"]):
    def open(self) -> PetitionQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class Petition(models.Model):
    """One petition (đơn) as received from any channel."""

    code = models.CharField(_("mã tra cứu"), max_length=16)
    secret_hash = models.CharField(max_length=64, editable=False)
    channel = models.CharField(_("nguồn đơn"), max_length=16, choices=Channel.choices)
    source_agency = models.CharField(_("cơ quan chuyển đến"), max_length=255, blank=True)
    source_reference = models.CharField(_("số văn bản chuyển"), max_length=64, blank=True)
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị xử lý"), on_delete=models.PROTECT,
                             related_name="petitions")
    received_at = models.DateTimeField(_("ngày nhận"), db_index=True)
    letter_date = models.DateField(_("ngày ghi trên đơn"), null=True, blank=True)

    subject = models.CharField(_("trích yếu"), max_length=500)
    content = models.TextField(_("nội dung"))
    # The text exactly as it arrived, kept when normalisation changed it (legacy encodings, NFD).
    content_original = models.TextField(blank=True, editable=False)
    decision_text = models.TextField(_("quyết định, hành vi bị khiếu nại/tố cáo"), blank=True)
    request_text = models.TextField(_("yêu cầu của người gửi"), blank=True)
    search_text = models.TextField(editable=False)

    kind = models.CharField(_("loại đơn"), max_length=16, choices=Kind.choices, default=Kind.UNCLASSIFIED)
    field = models.ForeignKey(Field, verbose_name=_("lĩnh vực"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="petitions")
    suggested_kind = models.CharField(max_length=16, choices=Kind.choices, blank=True)
    suggested_field = models.ForeignKey(Field, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")

    province_code = models.PositiveSmallIntegerField(_("tỉnh, thành phố"), null=True, blank=True)
    ward_code = models.PositiveIntegerField(_("xã, phường"), null=True, blank=True)
    place_text = models.CharField(_("nơi xảy ra"), max_length=500, blank=True)

    signed = models.BooleanField(_("có chữ ký hoặc điểm chỉ"), default=True)
    anonymous = models.BooleanField(_("đơn nặc danh"), default=False)

    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    outcome_reason = models.TextField(_("lý do"), blank=True)
    outcome_target = models.CharField(_("cơ quan có thẩm quyền"), max_length=255, blank=True)
    decided_at = models.DateTimeField(_("ngày xử lý"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    answer_text = models.TextField(_("trả lời công dân"), blank=True)
    processing_due = models.DateField(_("hạn xử lý"), null=True, blank=True)
    processing_due_explained = models.JSONField(default=dict, blank=True, editable=False)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ xử lý"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="assigned_petitions")
    matter = models.ForeignKey("matters.Matter", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="petitions")

    # NULL, not "", where there is none: the key is unique among the petitions that have one.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001
    # Folded content alone finds copies of one letter; with the petitioner it finds a retried submission.
    content_hash = models.CharField(max_length=64, editable=False)
    fingerprint = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn")
        verbose_name_plural = _("đơn")
        # Text columns are indexed through Meta, not unique=True or db_index=True, which on PostgreSQL add a
        # second (LIKE) index to each: nothing here matches by pattern, and every index is written at intake.
        constraints = [
            models.UniqueConstraint(fields=["code"], name="petition_code_unique"),
            models.UniqueConstraint(fields=["idempotency_key"], name="petition_idempotency_key_unique"),
        ]
        indexes = [
            models.Index(fields=["status"], name="petition_status"),
            models.Index(fields=["content_hash"], name="petition_content_hash"),
            models.Index(fields=["fingerprint"], name="petition_fingerprint"),
            models.Index(fields=["unit", "status", "processing_due"]),
            models.Index(fields=["status", "processing_due"]),
            models.Index(fields=["-received_at", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.subject}"

    # Whether an unclassified petition came in as a denunciation: worked out on first use (see
    # declared_protected_prime), not a column.
    _declared_protected: bool | None = None

    def protects_identity(self) -> bool:
        """Whether the petitioners' identity is a denouncer's (Law on Denunciations Arts. 9, 47, 56).

        A petition classified as a denunciation (or one with several contents) is protected. So is one not
        yet classified that came in as a denunciation: from a reception visit recorded as such, or filed
        through Open311 under the denunciation service. Until a handler classifies it, the visitor's or
        citizen's own word is all there is, and the denouncer is protected from receipt on.
        """
        if self.kind in PROTECTED_KINDS:
            return True
        if self.kind != Kind.UNCLASSIFIED or self.pk is None:
            return False
        if self._declared_protected is None:
            declared_protected_prime([self])
        return bool(self._declared_protected)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def due_state(self) -> str:
        """"done", "overdue", "soon" (within DUE_SOON_DAYS) or "open", as of today in Vietnam."""
        if not self.is_open or self.processing_due is None:
            return "done"
        days_left = (self.processing_due - timezone.localdate()).days
        if days_left < 0:
            return "overdue"
        return "soon" if days_left <= DUE_SOON_DAYS else "open"


class Petitioner(models.Model):
    """Links a person to a petition; a group petition has several, one or more of them representatives."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="petitioners")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="petitions")
    is_representative = models.BooleanField(_("người đại diện"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["petition", "person"], name="petitioner_once")]

    def __str__(self) -> str:
        return f"{self.petition_id}:{self.person_id}"


class StoredFile(models.Model):
    """A checked upload kept under a random name (danvan.petitions.uploads); each kind adds its `file` field,
    whose path is made of `stored_name`."""

    stored_name = models.CharField(max_length=64, editable=False)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the uploader's name is kept in `original_name` and never touches the file system.
    return f"petitions/{instance.stored_name[:2]}/{instance.stored_name}"


class Supplement(models.Model):
    """What a petitioner adds after submitting, from the tracking page: more facts, more evidence (its files
    are the petition's attachments that point here), or a request to withdraw the petition."""

    class Kind(models.TextChoices):
        ADDITION = "addition", _("Bổ sung")
        # A request only: the law wants a withdrawal in writing, signed; the desk confirms it through the
        # matter's "withdraw" step (Law on Complaints Art. 10; Law on Denunciations Art. 33).
        WITHDRAWAL = "withdrawal", _("Đề nghị rút đơn")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="supplements")
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.ADDITION)
    # The portal, or what an official recorded from the post, the desk, e-mail or the telephone.
    channel = models.CharField(_("nguồn"), max_length=16, choices=Channel.choices, default=Channel.PORTAL)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ ghi nhận"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    # When an official who handles the petition first opened it after this arrived: the register marks
    # what is still unread.
    read_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(_("nội dung bổ sung"), blank=True)
    received_at = models.DateTimeField(_("ngày nhận"))
    # A double click or a retried post adds the supplement once.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001

    class Meta:
        ordering = ["received_at", "id"]
        # Unique through a constraint, not unique=True, which on PostgreSQL adds a LIKE index nothing uses.
        constraints = [models.UniqueConstraint(fields=["idempotency_key"], name="supplement_idempotency_key")]
        verbose_name = _("bổ sung của người gửi")
        verbose_name_plural = _("bổ sung của người gửi")

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.received_at:%Y-%m-%d}"


class Attachment(StoredFile):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    supplement = models.ForeignKey(Supplement, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)

    class Meta:
        verbose_name = _("tài liệu kèm theo")
        verbose_name_plural = _("tài liệu kèm theo")


class PetitionLink(models.Model):
    """A link found or confirmed between two petitions; links are never deletions."""

    class Kind(models.TextChoices):
        DUPLICATE = "duplicate", _("Đơn trùng")
        COPY = "copy", _("Đơn gửi nhiều nơi")
        RELATED = "related", _("Liên quan")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="links")
    other = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    score = models.FloatField(default=0)
    confirmed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "other"], name="petition_link_once"),
            models.CheckConstraint(condition=~models.Q(petition=models.F("other")), name="petition_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind} {self.other_id}"


class Submission(models.Model):
    """A citizen's submission (portal or JSON API) as it arrived, acknowledged as soon as this row commits.

    A background task then registers it as a petition (danvan.petitions.submissions), which takes the
    submission's tracking code and secret; until then the citizen's tracking shows it as received. The
    payload holds the submitted fields and the petitioners' identities, so it is encrypted, and emptied once
    the petition holds them.
    """

    code = models.CharField(max_length=16)
    secret_hash = models.CharField(max_length=64, editable=False)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField()
    idempotency_key = models.CharField(max_length=64, editable=False)
    fingerprint = models.CharField(max_length=64, editable=False)
    payload = EncryptedTextField(blank=True)
    petition = models.ForeignKey(Petition, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 db_index=False)
    registered_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("đơn chờ vào sổ")
        verbose_name_plural = _("đơn chờ vào sổ")
        # Every index is written while a citizen waits for the answer, so there are only those that a query
        # needs (unique constraints, as on Petition); the petition is indexed only once it is set.
        constraints = [
            models.UniqueConstraint(fields=["code"], name="submission_code_unique"),
            models.UniqueConstraint(fields=["idempotency_key"], name="submission_idempotency_key_unique"),
        ]
        indexes = [
            models.Index(fields=["fingerprint", "received_at"]),
            models.Index(fields=["received_at"], condition=models.Q(petition__isnull=True), name="submission_pending"),
            models.Index(fields=["petition"], condition=models.Q(petition__isnull=False), name="submission_petition"),
        ]

    def __str__(self) -> str:
        return self.code


def declared_protected_prime(petitions: list[Petition]) -> None:
    """Work out, in one query, which of the unclassified `petitions` came in as a denunciation (see
    Petition.protects_identity), and remember it on each: a list page asks for every row."""
    waiting = [p for p in petitions if p.kind == Kind.UNCLASSIFIED and p.pk is not None
               and p._declared_protected is None]
    if not waiting:
        return
    declared = set(Petition.objects.filter(pk__in=[p.pk for p in waiting]).filter(
        models.Q(reception_visits__kind__in=PROTECTED_KINDS)
        | models.Q(open311__service_code=Kind.DENUNCIATION)).values_list("pk", flat=True))
    for petition in waiting:
        petition._declared_protected = petition.pk in declared
