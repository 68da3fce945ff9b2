from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.documents.engine import parse_blocks, plain_lines, render_text
from danvan.documents.models import DocumentSequence, DocumentTemplate, IssuedDocument
from danvan.documents.places import place_name
from danvan.documents.render import Layout, render_docx
from danvan.org.models import Unit

# Values every template can use; the caller's context may not replace them.
RESERVED_KEYS = frozenset({"co_quan", "co_quan_chu_quan", "dia_danh", "ngay_ban_hanh", "so", "ky_hieu",
                           "so_ky_hieu", "nguoi_ky", "chuc_vu_nguoi_ky", "tham_quyen_ky"})
_SIGNING_PREFIXES = ("KT.", "TM.", "TL.", "TUQ.", "Q.")


def _head_of_agency(*, authority: str, signer_title: str) -> str:
    """The title of who the document speaks for: "BỘ TRƯỞNG" for "KT. BỘ TRƯỞNG", else the signer's own."""
    text = authority.strip()
    for prefix in _SIGNING_PREFIXES:
        if text.upper().startswith(prefix):
            return text[len(prefix):].strip().upper()
    return (text or signer_title).strip().upper()


def title_of_unit(title: str, unit_name: str) -> str:
    """A head's full title in capitals: "Bộ trưởng" + "Bộ Nông nghiệp" -> "BỘ TRƯỞNG BỘ NÔNG NGHIỆP", but
    "Trưởng ban" + "Ban Tiếp công dân" -> "TRƯỞNG BAN TIẾP CÔNG DÂN" and "Chánh Văn phòng" + "Văn phòng Bộ" ->
    "CHÁNH VĂN PHÒNG BỘ": the words the title ends with and the name begins with are said once."""
    head, name = title.upper().split(), unit_name.upper().split()
    overlap = max((k for k in range(1, min(len(head), len(name)) + 1) if head[-k:] == name[:k]), default=0)
    return " ".join(head + name[overlap:])


def _symbol(*, template: DocumentTemplate, unit: Unit) -> str:
    if not unit.symbol:
        raise ValueError(_("Đơn vị %(unit)s chưa có ký hiệu (ví dụ BNNMT).") % {"unit": unit})
    return f"{template.type_abbr}-{unit.symbol}" if template.type_abbr else unit.symbol


def _next_number(*, unit: Unit, year: int, type_abbr: str) -> int:
    """Take the next number of a series; the caller's transaction holds the series row until it commits.

    A rollback returns the number with it, so the numbers of a series have no gaps and no repeats.
    """
    series = DocumentSequence.objects.select_for_update()
    try:
        seq = series.get(unit=unit, year=year, type_abbr=type_abbr)
    except DocumentSequence.DoesNotExist:
        try:
            with transaction.atomic():
                DocumentSequence.objects.create(unit=unit, year=year, type_abbr=type_abbr)
        except IntegrityError:
            pass  # another transaction created the series first; wait for its lock below
        seq = series.get(unit=unit, year=year, type_abbr=type_abbr)
    seq.last_number += 1
    seq.save(update_fields=["last_number"])
    return seq.last_number


def _title(*, doc_type: str, summary: str) -> str:
    """"Quyết định về việc thụ lý tố cáo" from "QUYẾT ĐỊNH" and "Về việc thụ lý tố cáo"."""
    if not doc_type:
        return summary
    if not summary:
        return doc_type.capitalize()
    return f"{doc_type.capitalize()} {summary[:1].lower()}{summary[1:]}"


def _drafting_unit_label(*, unit: Unit, by: Any) -> str:
    """Who keeps the file copy ("Lưu: VT, TTr"): the issuer's own unit when it is not the issuing agency."""
    own = getattr(by, "unit", None) if getattr(by, "is_authenticated", False) else None
    if own is not None and own.pk != unit.pk:
        return str(own.short_name or own.symbol or own.name)
    return "hồ sơ"


def document_context(*, unit: Unit, issued_on: dt.date, number_symbol: str, signer_name: str,
                     signer_title: str, authority: str, by: Any = None) -> dict[str, Any]:
    """The values the service gives every template (see docs/documents.md).

    All but `don_vi_soan_thao` are reserved: a caller's context may not replace them.
    """
    number, _, symbol = number_symbol.partition("/")
    head = _head_of_agency(authority=authority, signer_title=signer_title)
    return {
        "co_quan": unit.name,
        "co_quan_chu_quan": unit.parent.name if unit.parent else "",
        "dia_danh": place_name(unit),
        "ngay_ban_hanh": issued_on,
        "so": number,
        "ky_hieu": symbol,
        "so_ky_hieu": number_symbol,
        "nguoi_ky": signer_name,
        "chuc_vu_nguoi_ky": signer_title,
        # "BỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG": the line a decision opens with.
        "tham_quyen_ky": title_of_unit(head, unit.name),
        "don_vi_soan_thao": _drafting_unit_label(unit=unit, by=by),
    }


def document_layout(*, template: DocumentTemplate, context: dict[str, Any], unit: Unit, number_symbol: str,
                    issued_on: dt.date, signer_name: str, signer_title: str, authority: str = "",
                    by: Any = None, preview: bool = False) -> Layout:
    """Render a template's texts with the context into the layout the DOCX writer prints.

    Raises ValueError if the context tries to replace a reserved value, and the engine's errors
    (TemplateRejected, MissingValues, TypeError) as they come.
    """
    clash = RESERVED_KEYS & set(context)
    if clash:
        raise ValueError(f"ngữ cảnh không được ghi đè: {', '.join(sorted(clash))}")
    full = {**document_context(unit=unit, issued_on=issued_on, number_symbol=number_symbol,
                               signer_name=signer_name, signer_title=signer_title, authority=authority, by=by),
            **context}
    summary = " ".join(plain_lines(render_text(template.summary_template, full, preview=preview)))
    return Layout(
        superior=full["co_quan_chu_quan"], agency=unit.name, number_symbol=number_symbol, place=full["dia_danh"],
        issued_on=issued_on, doc_type=template.doc_type, summary=summary,
        blocks=parse_blocks(render_text(template.body_template, full, preview=preview)),
        authority=authority, signer_title=signer_title, signer_name=signer_name,
        recipients=plain_lines(render_text(template.recipients_template, full, preview=preview)),
        title_for_properties=_title(doc_type=template.doc_type, summary=summary),
    )


def document_issue(*, template_code: str, context: dict[str, Any], unit: Unit, signer_name: str,
                   signer_title: str, authority: str = "", obj: models.Model, addressed_to_citizen: bool, by: Any,
                   issued_on: dt.date | None = None) -> IssuedDocument:
    """Number, render, store and record one document about `obj`, in one transaction, with one audit event.

    The number is the next of the series (issuing unit, year of `issued_on`, the template's type
    abbreviation), taken under a row lock so that concurrent issues neither skip nor repeat a number.
    `context` holds plain data only (str, numbers, dates, lists, dicts): see danvan.documents.engine.
    Raises DocumentTemplate.DoesNotExist for an unknown or inactive template, ValueError for a unit
    without symbol or place, and the template engine's errors; nothing is numbered or stored then.
    """
    template = DocumentTemplate.objects.get(code=template_code, active=True)
    issued_on = issued_on or timezone.localdate()
    symbol = _symbol(template=template, unit=unit)
    with transaction.atomic():
        number = _next_number(unit=unit, year=issued_on.year, type_abbr=template.type_abbr)
        number_symbol = f"{number:02d}/{symbol}"
        layout = document_layout(template=template, context=context, unit=unit, number_symbol=number_symbol,
                                 issued_on=issued_on, signer_name=signer_name, signer_title=signer_title,
                                 authority=authority, by=by)
        data = render_docx(layout)
        doc = IssuedDocument(
            template=template, template_version=template.version, unit=unit, type_abbr=template.type_abbr,
            year=issued_on.year, number=number, symbol=symbol, issued_on=issued_on,
            object_type=obj._meta.label_lower, object_id=str(obj.pk), addressed_to_citizen=addressed_to_citizen,
            title=(layout.title_for_properties or template.name)[:500], sha256=hashlib.sha256(data).hexdigest(),
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        safe_symbol = symbol.replace("Đ", "D").replace("đ", "d")
        doc.file.save(f"{number:02d}-{safe_symbol}-{issued_on:%Y%m%d}.docx", ContentFile(data), save=False)
        doc.save()
        # The audit names the document, not its content: a conclusion may carry protected names.
        audit_record(action="document.issue", obj=doc, by=by, data={
            "template": template.code, "template_version": template.version, "number": doc.number_and_symbol,
            "issued_on": issued_on, "about": f"{doc.object_type}:{doc.object_id}",
            "addressed_to_citizen": addressed_to_citizen, "sha256": doc.sha256,
        })
    return doc


def document_template_update(*, template: DocumentTemplate, by: Any, **changes: str) -> DocumentTemplate:
    """Change a template's texts; its version goes up so each issued document names the wording it used."""
    with transaction.atomic():
        locked = DocumentTemplate.objects.select_for_update().get(pk=template.pk)
        for name, value in changes.items():
            if name not in {"name", "doc_type", "type_abbr", "summary_template", "body_template",
                            "recipients_template"}:
                raise ValueError(f"không sửa được trường {name}")
            setattr(locked, name, value)
        locked.full_clean()
        locked.version += 1
        locked.save()
        audit_record(action="document_template.update", obj=locked, by=by,
                     data={"code": locked.code, "version": locked.version, "fields": sorted(changes)})
    return locked


def document_preview(*, template: DocumentTemplate, unit: Unit, context: dict[str, Any] | None = None,
                     issued_on: dt.date | None = None) -> bytes:
    """A draft of `template` as DOCX, numbered as drafts are ("Số:      /QĐ-BNNMT"); nothing is stored.

    Values the context lacks print as "[name]", so the draft shows what the template needs.
    """
    symbol = _symbol(template=template, unit=unit)
    layout = document_layout(template=template, context=context or {}, unit=unit,
                             number_symbol=f"{' ' * 6}/{symbol}", issued_on=issued_on or timezone.localdate(),
                             signer_name="[họ và tên người ký]", signer_title="[chức vụ]", preview=True)
    return render_docx(layout)
