from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentTemplate(models.Model):
    """An administrative document's wording, edited by administrators, rendered in the Decree 30/2020 layout.

    The texts are Django template language run by a restricted engine (`danvan.documents.engine`): no
    {% load %}, {% include %} or {% extends %}, so an administrator cannot pull in code or other files.
    `doc_type` is the document's type name as printed ("QUYẾT ĐỊNH"; blank for a công văn, which carries
    its summary as "V/v ..." under the number); `type_abbr` is its abbreviation in the symbol ("QĐ" in
    "12/QĐ-BNNMT", Decree 30/2020 Appendix III) and names the number series.
    """

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên mẫu"), max_length=255)
    doc_type = models.CharField(_("tên loại văn bản"), max_length=64, blank=True,
                                help_text=_("In hoa, ví dụ QUYẾT ĐỊNH; để trống nếu là công văn."))
    type_abbr = models.CharField(_("chữ viết tắt tên loại"), max_length=16, blank=True,
                                 help_text=_("Ví dụ QĐ, TB, KL; để trống nếu là công văn."))
    summary_template = models.TextField(_("trích yếu"), blank=True)
    body_template = models.TextField(
        _("nội dung"),
        help_text=_("Các đoạn cách nhau một dòng trống. Đoạn bắt đầu bằng '# ' căn giữa, in đậm; '> ' in nghiêng; "
                    "'^ ' căn giữa; '= ' không thụt đầu dòng. **chữ đậm**, *chữ nghiêng*."),
    )
    recipients_template = models.TextField(_("nơi nhận"), blank=True,
                                           help_text=_("Mỗi dòng một nơi nhận; dòng cuối là Lưu: VT, ..."))
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    active = models.BooleanField(_("đang dùng"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    def clean(self) -> None:
        from danvan.documents.engine import TemplateRejected, compile_text

        errors: dict[str, str] = {}
        for field in ("summary_template", "body_template", "recipients_template"):
            try:
                compile_text(getattr(self, field))
            except TemplateRejected as exc:
                errors[field] = str(exc)
        if self.type_abbr and not self.doc_type:
            errors["doc_type"] = str(_("Văn bản có chữ viết tắt tên loại thì phải có tên loại."))
        if errors:
            raise ValidationError(errors)


class DocumentSequence(models.Model):
    """The last number given in one series: one issuing unit, one year, one document type (by abbreviation).

    Decree 30/2020 Art. 15: numbers run from 01 on 1 January to 31 December. The row is locked while a
    number is taken, so the numbers of a series have neither gaps nor repeats.
    """

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    type_abbr = models.CharField(max_length=16, blank=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year", "type_abbr"], name="document_series_once")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}/{self.type_abbr}: {self.last_number}"


def _document_path(instance: IssuedDocument, filename: str) -> str:
    return f"documents/{instance.issued_on:%Y}/{filename}"


class IssuedDocument(models.Model):
    """A document as issued: its number, its file and the record it concerns."""

    template = models.ForeignKey(DocumentTemplate, verbose_name=_("mẫu"), on_delete=models.PROTECT,
                                 related_name="issued")
    template_version = models.PositiveIntegerField(_("phiên bản mẫu"))
    unit = models.ForeignKey("org.Unit", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                             related_name="issued_documents")
    type_abbr = models.CharField(max_length=16, blank=True)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=64)
    issued_on = models.DateField(_("ngày ban hành"))
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    addressed_to_citizen = models.BooleanField(_("gửi công dân"), default=False)
    title = models.CharField(_("tên văn bản"), max_length=500)
    file = models.FileField(_("tệp"), upload_to=_document_path, max_length=255)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản đã ban hành")
        verbose_name_plural = _("văn bản đã ban hành")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "type_abbr", "number"], name="document_number_once"),
        ]
        indexes = [models.Index(fields=["object_type", "object_id", "issued_on"])]

    def __str__(self) -> str:
        return f"{self.number_and_symbol}: {self.title}"

    @property
    def number_and_symbol(self) -> str:
        # Decree 30/2020 Art. 15 counts "from number 01": numbers below 10 carry a leading zero.
        return f"{self.number:02d}/{self.symbol}"
