"""Report layouts: one JSON file per form in layouts/, read and checked here.

A layout names its dataset (see datasets.py) and a tree of columns. A group has a "label" and "children";
a leaf has a "key", a "label", an optional "filter" ({dimension: value or [values]}, null meaning "not
set"), an optional "measure" (default "count") and an optional "dataset" (default the layout's). The
layout's own "filter" applies to every leaf of its dataset. A new circular's form is a new file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from danvan.reports.datasets import DATASETS

LAYOUTS_DIR = Path(__file__).resolve().parent / "layouts"


@dataclass(frozen=True)
class Leaf:
    key: str
    label: str
    dataset: str
    measure: str
    filter: dict[str, list[Any]]
    number: int  # the column's number in the form: (1), (2), ...


@dataclass(frozen=True)
class HeaderCell:
    label: str
    row: int  # 0-based header row
    col: int  # 0-based among the leaves
    width: int  # leaves spanned
    height: int  # header rows spanned


@dataclass(frozen=True)
class Layout:
    slug: str
    code: str
    title: str
    source_law: str
    confidence: str
    notes: str
    dataset: str
    leaves: tuple[Leaf, ...]
    header: tuple[HeaderCell, ...]
    depth: int
    file: str
    datasets: tuple[str, ...] = field(default_factory=tuple)

    def leaf(self, key: str) -> Leaf | None:
        return next((leaf for leaf in self.leaves if leaf.key == key), None)


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _depth(nodes: list[dict[str, Any]]) -> int:
    return max((1 + _depth(n["children"]) if "children" in n else 1) for n in nodes)


def layout_parse(raw: dict[str, Any], file: str = "") -> Layout:
    """Check one layout and flatten its column tree into leaves and header cells."""
    def fail(message: str) -> None:
        raise ImproperlyConfigured(f"Biểu mẫu báo cáo lỗi / broken report layout {file}: {message}")

    for key in ("slug", "code", "title", "dataset", "columns"):
        if key not in raw:
            fail(f"missing {key!r}")
    if raw["dataset"] not in DATASETS:
        fail(f"unknown dataset {raw['dataset']!r} (known: {sorted(DATASETS)})")
    base_filter = {k: _as_list(v) for k, v in (raw.get("filter") or {}).items()}
    depth = _depth(raw["columns"])
    leaves: list[Leaf] = []
    header: list[HeaderCell] = []
    seen: set[str] = set()

    def walk(nodes: list[dict[str, Any]], row: int) -> None:
        for node in nodes:
            start = len(leaves)
            if "children" in node:
                if not node["children"]:
                    fail(f"group {node.get('label')!r} has no columns")
                walk(node["children"], row + 1)
                header.append(HeaderCell(str(node["label"]), row, start, len(leaves) - start, 1))
                continue
            key = node.get("key")
            if not isinstance(key, str) or not key or key in seen:
                fail(f"every column needs a unique key, got {key!r}")
            assert isinstance(key, str)
            seen.add(key)
            dataset_name = node.get("dataset", raw["dataset"])
            dataset = DATASETS.get(dataset_name)
            if dataset is None:
                fail(f"column {key!r}: unknown dataset {dataset_name!r}")
            assert dataset is not None
            measure = node.get("measure", "count")
            if measure not in dataset.measures:
                fail(f"column {key!r}: dataset {dataset_name!r} has no measure {measure!r}")
            filters = dict(base_filter) if dataset_name == raw["dataset"] else {}
            filters.update({k: _as_list(v) for k, v in (node.get("filter") or {}).items()})
            unknown = set(filters) - set(dataset.dimensions)
            if unknown:
                fail(f"column {key!r}: dataset {dataset_name!r} has no dimension {sorted(unknown)}")
            leaves.append(Leaf(key, str(node["label"]), dataset_name, measure, filters, len(leaves) + 1))
            header.append(HeaderCell(str(node["label"]), row, start, 1, depth - row))

    walk(raw["columns"], 0)
    return Layout(
        slug=raw["slug"], code=raw["code"], title=raw["title"], source_law=raw.get("source_law", ""),
        confidence=raw.get("confidence", ""), notes=raw.get("notes", ""), dataset=raw["dataset"],
        leaves=tuple(leaves), header=tuple(sorted(header, key=lambda h: (h.row, h.col))), depth=depth, file=file,
        datasets=tuple(dict.fromkeys(leaf.dataset for leaf in leaves)),
    )


@cache
def layouts() -> dict[str, Layout]:
    """Every layout in LAYOUTS_DIR by slug, in file order."""
    out: dict[str, Layout] = {}
    for path in sorted(LAYOUTS_DIR.glob("*.json")):
        layout = layout_parse(json.loads(path.read_text(encoding="utf-8")), path.name)
        out[layout.slug] = layout
    return out


def layout_get(slug: str) -> Layout | None:
    return layouts().get(slug)
