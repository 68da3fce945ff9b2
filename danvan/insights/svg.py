"""Small SVG charts rendered on the server: no script, no CDN, readable when printed.

Every bar can carry a link to the records behind it; the page shows the same numbers in a table below.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#0b5cad", "#a3121e", "#1f7a3a", "#a15c00", "#6b3fa0", "#00838f", "#5b6475", "#c2185b")


@dataclass
class Bar:
    label: str
    value: int
    url: str = ""


@dataclass
class Series:
    label: str
    values: list[int]
    urls: list[str] = field(default_factory=list)


def _role(linked: bool) -> str:
    """An image is one thing to assistive technology, so a chart whose bars are links is a group instead:
    an image may not hold links a keyboard can reach (WCAG 4.1.2)."""
    return "group" if linked else "img"


def _link(url: str, inner: str) -> str:
    return f'<a href="{escape(url)}">{inner}</a>' if url else inner


def hbar_chart(bars: list[Bar], *, title: str, width: int = 520, color: str = PALETTE[0]) -> SafeString:
    """Horizontal bars, longest first as given; the value is printed at the end of each bar."""
    row_h, label_w, top = 22, 190, 8
    height = top + row_h * max(len(bars), 1) + 8
    biggest = max((b.value for b in bars), default=0) or 1
    span = width - label_w - 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="{_role(any(b.url for b in bars))}" '
             f'aria-label="{escape(title)}" font-family="sans-serif" font-size="12">', f"<title>{escape(title)}</title>"]
    for i, bar in enumerate(bars):
        y = top + i * row_h
        w = max(1, round(span * bar.value / biggest)) if bar.value else 0
        label = bar.label if len(bar.label) <= 30 else bar.label[:29] + "…"
        inner = (f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" fill="#1d2433">{escape(label)}</text>'
                 f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 7}" fill="{color}" rx="2">'
                 f"<title>{escape(bar.label)}: {bar.value}</title></rect>"
                 f'<text x="{label_w + w + 5}" y="{y + 15}" fill="#1d2433">{bar.value}</text>')
        parts.append(_link(bar.url, inner))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def stacked_columns(categories: list[str], series: list[Series], *, title: str, width: int = 640,
                    height: int = 240) -> SafeString:
    """Columns per category (e.g. month) stacked by series (e.g. kind), with a legend."""
    left, bottom, top, legend_h = 36, 34, 10, 18 * ((len(series) + 2) // 3)
    plot_h = height - bottom - top
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    biggest = max(totals, default=0) or 1
    slot = (width - left - 10) / max(len(categories), 1)
    col_w = max(4.0, slot * 0.7)
    full_h = height + legend_h
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {full_h}" '
             f'role="{_role(any(s.urls for s in series))}" '
             f'aria-label="{escape(title)}" font-family="sans-serif" font-size="11">', f"<title>{escape(title)}</title>",
             f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="#9aa3b2"/>',
             f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" fill="#5b6475">{biggest}</text>',
             f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" fill="#5b6475">0</text>']
    for i, category in enumerate(categories):
        x = left + i * slot + (slot - col_w) / 2
        y: float = top + plot_h
        for k, s in enumerate(series):
            value = s.values[i]
            if not value:
                continue
            h = plot_h * value / biggest
            y -= h
            rect = (f'<rect x="{x:.1f}" y="{y:.1f}" width="{col_w:.1f}" height="{h:.1f}" fill="{PALETTE[k % len(PALETTE)]}">'
                    f"<title>{escape(category)} — {escape(s.label)}: {value}</title></rect>")
            parts.append(_link(s.urls[i] if i < len(s.urls) else "", rect))
        parts.append(f'<text x="{x + col_w / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
                     f'fill="#5b6475">{escape(category)}</text>')
    for k, s in enumerate(series):
        lx = left + (k % 3) * 200
        ly = height + 4 + (k // 3) * 18
        parts.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{PALETTE[k % len(PALETTE)]}"/>'
                     f'<text x="{lx + 14}" y="{ly + 9}" fill="#1d2433">{escape(s.label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
