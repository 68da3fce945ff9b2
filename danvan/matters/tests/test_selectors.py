from __future__ import annotations

from datetime import date

from danvan.matters import services as s
from danvan.matters.selectors import matter_public_documents, matter_public_steps


def test_public_steps_show_done_days_and_the_current_limit(open_matter, people):
    matter = open_matter()
    steps = matter_public_steps(matter)
    assert [(x.status, x.due) for x in steps] == [("done", None), ("current", date(2026, 3, 16))]
    assert "Điều 27" in steps[1].citation
    matter = s.matter_accept(matter=matter, by=people["unit_head"], on=date(2026, 3, 5))
    steps = matter_public_steps(matter)
    assert steps[1].on == date(2026, 3, 5) and steps[1].status == "done"
    assert steps[-1].due == date(2026, 4, 6) and "Điều 28" in steps[-1].citation
    texts = " ".join(f"{x.label} {x.citation}" for x in steps)
    assert str(people["unit_head"]) not in texts


def test_public_steps_of_a_refused_matter_end_with_the_refusal(open_matter, people):
    matter = s.matter_refuse(matter=open_matter(), by=people["unit_head"], ground=8, on=date(2026, 3, 6))
    steps = matter_public_steps(matter)
    assert steps[-1].status == "done" and steps[-1].on == date(2026, 3, 6)
    assert list(matter_public_documents(matter)) == []
