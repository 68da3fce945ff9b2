"""A broken pack is a clear error naming the file and the rule, never a silent default."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan.rules.errors import RulePackError
from danvan.rules.packs import PACKS_DIR, load_packs

GOOD = """id: complaints
version: "2012.1"
title: "Khiếu nại"
effective_from: 2012-07-01
effective_to: 2026-06-30
rules:
  - code: complaint.first_resolution
    kind: time_limit
    unit: calendar_days
    values: {normal: 30, complex: 45, remote: 45, remote_complex: 60}
    source: {law: "Luật Khiếu nại 02/2011/QH13", article: "Điều 28"}
    confidence: H
    description: "Giải quyết lần đầu"
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_shipped_packs_load():
    packs = load_packs(PACKS_DIR)
    assert {p.id for p in packs} >= {"complaints", "denunciations", "petitions", "reception", "consultation"}


def test_a_good_pack_loads(tmp_path):
    (pack,) = load_packs(_write(tmp_path, "c.yaml", GOOD))
    assert pack.rules[0].citation == "Luật Khiếu nại 02/2011/QH13, Điều 28"


def test_an_extension_may_give_each_degree_of_complexity_its_own_count(tmp_path):
    # Law on Denunciations Art. 30: complex once, especially complex twice. A pack that does not split the
    # degrees gives both the complex count.
    split = GOOD.replace("    source:", "    extension: {length: 30, max: {normal: 0, complex: 1, especially_complex: 2}}\n"
                         "    source:")
    (pack,) = load_packs(_write(tmp_path, "c.yaml", split))
    ext = pack.rules[0].extension
    assert ext is not None and (ext.max_normal, ext.max_complex, ext.max_especially_complex) == (0, 1, 2)
    (tmp_path / "c.yaml").unlink()
    plain = split.replace(", especially_complex: 2", "")
    (pack,) = load_packs(_write(tmp_path, "d.yaml", plain))
    assert pack.rules[0].extension is not None and pack.rules[0].extension.max_especially_complex == 1
    (tmp_path / "d.yaml").unlink()
    with pytest.raises(RulePackError, match="especially_complex"):
        load_packs(_write(tmp_path, "e.yaml", split.replace("especially_complex: 2", "very_complex: 2")))


@pytest.mark.parametrize(("broken", "message"), [
    (GOOD.replace("remote_complex: 60", "remote_complx: 60"), "exactly the cases"),
    (GOOD.replace("confidence: H", "confidence: X"), "confidence must be one of"),
    (GOOD.replace("unit: calendar_days", "unit: days"), "unit must be one of"),
    (GOOD.replace("    source: {law: \"Luật Khiếu nại 02/2011/QH13\", article: \"Điều 28\"}\n", ""),
     "source"),
    (GOOD.replace("    confidence: H\n", "    confidence: H\n    efective_to: 2020-01-01\n"), "unknown keys"),
    (GOOD.replace("normal: 30", "normal: -30"), "whole number"),
])
def test_a_broken_rule_names_the_file_and_the_rule(tmp_path, broken, message):
    with pytest.raises(RulePackError, match=message) as exc:
        load_packs(_write(tmp_path, "khieu-nai.yaml", broken))
    assert "khieu-nai.yaml" in str(exc.value)
    assert "complaint.first_resolution" in str(exc.value)


def test_a_quoted_date_is_refused(tmp_path):
    with pytest.raises(RulePackError, match="without quotes"):
        load_packs(_write(tmp_path, "c.yaml", GOOD.replace("effective_from: 2012-07-01",
                                                           'effective_from: "2012-07-01"')))


def test_two_versions_in_force_on_the_same_day_are_refused(tmp_path):
    _write(tmp_path, "a.yaml", GOOD)
    _write(tmp_path, "b.yaml", GOOD.replace('"2012.1"', '"2026.1"').replace("2012-07-01", "2026-06-01")
           .replace("effective_to: 2026-06-30", "effective_to: null"))
    with pytest.raises(RulePackError, match="in force on the same days") as exc:
        load_packs(tmp_path)
    assert "b.yaml" in str(exc.value)


def test_one_code_in_two_packs_on_the_same_day_is_refused(tmp_path):
    _write(tmp_path, "a.yaml", GOOD)
    _write(tmp_path, "b.yaml", GOOD.replace("id: complaints", "id: other"))
    with pytest.raises(RulePackError, match="also in force") as exc:
        load_packs(tmp_path)
    assert "complaint.first_resolution" in str(exc.value)


def test_an_empty_directory_is_refused(tmp_path):
    with pytest.raises(RulePackError, match="no rule pack"):
        load_packs(tmp_path)
