"""The synthesis report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến): DOCX in the Decree 30/2020 layout
through the documents app's renderer, and the full table as XLSX."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone, translation

from danvan.consultation.models import Channel, Comment, CommenterType, Draft, Response, SynthesisRun
from danvan.consultation.selectors import (
    STANCE_LABELS,
    groups_by_article,
    response_counts,
    tallies_by_article,
    tallies_by_type,
)
from danvan.documents.engine import Block, Run
from danvan.documents.places import place_name
from danvan.documents.render import Layout, render_docx
from danvan.documents.spreadsheet import row_cells

GROUPS_PER_ARTICLE_IN_DOCX = 30  # the rest are in the XLSX, which lists every group
REPRESENTATIVE_CHARS = 700
RESPONSE_LABELS = dict(Response.choices)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "…"


def _clip(text: str, limit: int = REPRESENTATIVE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _p(text: str, *, bold: bool = False, italic: bool = False, indent: bool = True) -> Block:
    return Block([Run(text)], bold=bold, italic=italic, indent=indent)


# The report is the drafting agency's Vietnamese document, whatever the language of the request that builds
# it (a download from an English page, or its publication by an official who reads English); a refusal to
# build it speaks the reader's language.
def report_layout(*, draft: Draft, run: SynthesisRun, issued_on: dt.date | None = None, signer_name: str = "",
                  signer_title: str = "Thủ trưởng cơ quan chủ trì soạn thảo") -> Layout:
    try:
        place = place_name(draft.unit)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    return _report_layout(draft=draft, run=run, place=place, issued_on=issued_on, signer_name=signer_name,
                          signer_title=signer_title)


@translation.override("vi")
def _report_layout(*, draft: Draft, run: SynthesisRun, place: str, issued_on: dt.date | None, signer_name: str,
                   signer_title: str) -> Layout:
    unit = draft.unit
    comments = Comment.objects.filter(draft=draft, status=Comment.Status.ACCEPTED, received_at__lte=run.created_at)
    channels: Counter[str] = Counter(dict(
        comments.order_by().values("channel").annotate(n=Count("id")).values_list("channel", "n")))
    by_type = tallies_by_type(run)
    per_type = {t: sum(s.values()) for t, s in by_type.items()}
    citation = (draft.period_rule or {}).get("citation") or "Luật Ban hành văn bản quy phạm pháp luật"
    articles = groups_by_article(run)
    responses = response_counts(run)
    blocks = [
        _p(f"Thực hiện quy định của {citation} về lấy ý kiến đối với dự thảo văn bản quy phạm pháp luật, "
           f"{unit.name} đã đăng tải toàn văn dự thảo {draft.title} trên Cổng thông tin điện tử để lấy ý kiến "
           f"của cơ quan, tổ chức, cá nhân từ ngày {_d(draft.opens_on)} đến hết ngày {_d(draft.closes_on)}. "
           f"{unit.name} báo cáo kết quả tổng hợp, tiếp thu, giải trình ý kiến như sau:"),
        _p("I. TÌNH HÌNH LẤY Ý KIẾN", bold=True),
        _p(f"1. Tổng số ý kiến hợp lệ đã tiếp nhận: {_n(run.comments)} ý kiến, trong đó: "
           + "; ".join(f"{label.lower()} {_n(per_type.get(value, 0))}" for value, label in CommenterType.choices)
           + "."),
        _p("2. Theo kênh tiếp nhận: " + "; ".join(
            f"{str(label).lower()} {_n(channels.get(value, 0))}" for value, label in Channel.choices
            if channels.get(value, 0)) + "."),
        _p(f"3. Sau khi loại bỏ các ý kiến trùng lặp và gộp các ý kiến cùng nội dung, có {_n(run.groups)} nhóm ý "
           f"kiến trên {_n(len(articles))} điều, khoản và toàn văn dự thảo."),
        _p("II. TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN", bold=True),
    ]
    for a in articles:
        head = f"{a.label}. {a.title}" if a.title else a.label
        blocks.append(_p(f"{head} ({_n(a.comments)} ý kiến)", bold=True))
        shown = a.groups[:GROUPS_PER_ARTICLE_IN_DOCX]
        for i, g in enumerate(shown, start=1):
            stance = str(STANCE_LABELS.get(g.stance, g.stance))
            blocks.append(_p(f"{i}. Nhóm {_n(g.count)} ý kiến ({stance.lower()}): “{_clip(g.representative_text)}”"))
            if g.response:
                answer = RESPONSE_LABELS[g.response]
                blocks.append(Block([Run("Tiếp thu, giải trình: ", bold=True),
                                     Run(f"{answer}. {g.explanation}".strip() if g.explanation
                                         else f"{answer}.")],
                                    italic=True))
            else:
                blocks.append(_p("Tiếp thu, giải trình: chưa có.", italic=True))
        rest = a.groups[GROUPS_PER_ARTICLE_IN_DOCX:]
        if rest:
            blocks.append(_p(f"Ngoài ra có {_n(len(rest))} nhóm với {_n(sum(g.count for g in rest))} ý kiến khác "
                             "về điều này, được tổng hợp đầy đủ tại Phụ lục (tệp XLSX kèm theo).", italic=True))
    blocks += [
        _p("III. KẾT QUẢ TIẾP THU, GIẢI TRÌNH", bold=True),
        _p(f"Tiếp thu {_n(responses.get(Response.ADOPTED, 0))} nhóm ý kiến; tiếp thu một phần "
           f"{_n(responses.get(Response.PARTLY, 0))} nhóm; không tiếp thu và giải trình lý do "
           f"{_n(responses.get(Response.NOT_ADOPTED, 0))} nhóm"
           + (f"; chưa giải trình {_n(responses.get('', 0))} nhóm." if responses.get("", 0) else ".")),
        _p(f"Trên đây là báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với dự thảo {draft.title} của "
           f"{unit.name}."),
    ]
    summary = f"Tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với dự thảo {draft.title}"
    symbol = unit.symbol or unit.short_name or unit.code.upper()
    return Layout(
        agency=unit.name, superior=unit.parent.name if unit.parent else "", number_symbol=f"       /BC-{symbol}",
        place=place, issued_on=issued_on or timezone.localdate(), doc_type="BÁO CÁO", summary=summary, blocks=blocks,
        signer_title=signer_title, signer_name=signer_name,
        recipients=["Chính phủ (để báo cáo)", "Cổng thông tin điện tử (để đăng tải)", "Lưu: VT, Ban soạn thảo"],
        title_for_properties=f"Báo cáo {summary[:1].lower()}{summary[1:]}",
    )


def report_docx(*, draft: Draft, run: SynthesisRun, issued_on: dt.date | None = None) -> bytes:
    layout = report_layout(draft=draft, run=run, issued_on=issued_on)
    with translation.override("vi"):
        return render_docx(layout)


@translation.override("vi")
def report_xlsx(*, draft: Draft, run: SynthesisRun) -> bytes:
    """Every group with its article, count, stance, representative text, key terms and answer; then the
    tallies per article and commenter type."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Tiếp thu, giải trình")
    for column, width in zip("ABCDEFGHI", (6, 16, 30, 10, 16, 80, 30, 18, 60), strict=True):
        ws.column_dimensions[column].width = width
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def header(sheet: Any, names: list[str]) -> None:
        cells = row_cells(sheet, names)
        for cell in cells:
            cell.font = bold
        sheet.append(cells)

    ws.append(row_cells(ws, [f"Báo cáo tổng hợp, tiếp thu, giải trình ý kiến — dự thảo {draft.title}"]))
    header(ws, ["STT", "Điều khoản", "Tên điều", "Số ý kiến", "Quan điểm", "Ý kiến đại diện", "Từ khóa", "Tiếp thu",
                "Giải trình"])
    n = 0
    articles = groups_by_article(run)
    for a in articles:
        for g in a.groups:
            n += 1
            cells = row_cells(ws, [n, a.label, a.title, g.count, str(STANCE_LABELS.get(g.stance, g.stance)),
                                   g.representative_text, ", ".join(g.terms),
                                   str(RESPONSE_LABELS.get(g.response, "Chưa giải trình")), g.explanation])
            cells[5].alignment = cells[8].alignment = wrap
            ws.append(cells)
    stats = wb.create_sheet("Thống kê")
    types = [value for value, _label in CommenterType.choices]
    header(stats, ["Điều khoản", "Tên điều", *[str(label) for _v, label in CommenterType.choices], "Tổng"])
    per_article = tallies_by_article(run)
    for a in articles:
        row = per_article.get(a.anchor, {})
        stats.append(row_cells(stats, [a.label, a.title, *[row.get(t, 0) for t in types], sum(row.values())]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
