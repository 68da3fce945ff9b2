"""Drafts: versions parsed into provisions, anchors that follow renumbered articles, the comment period."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from danvan.audit.models import Event
from danvan.consultation import selectors, services
from danvan.consultation.models import Provision
from danvan.consultation.tests.conftest import provision
from danvan.consultation.tests.samples import DRAFT_V1, DRAFT_V2

pytestmark = pytest.mark.django_db


def test_a_text_version_is_stored_as_a_navigable_tree(version):
    provisions = list(version.provisions.order_by("order"))
    assert [p.label for p in provisions if p.kind == "article"] == [f"Điều {n}" for n in range(1, 8)]
    point = provision(version, "điểm đ khoản 1 Điều 3")
    assert point.kind == Provision.Kind.POINT and point.number == "đ"
    assert point.parent.label == "khoản 1 Điều 3" and point.parent.parent.label == "Điều 3"
    assert point.article_anchor == point.parent.parent.anchor
    assert Event.objects.filter(action="consultation.version_import").count() == 1


def test_a_docx_draft_is_read_paragraph_by_paragraph(draft, drafter):
    from docx import Document

    doc = Document()
    for line in DRAFT_V1.split("\n"):
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    version = services.draft_version_import(draft=draft, data=buf.getvalue(), filename="du-thao.docx", by=drafter)
    assert provision(version, "điểm đ khoản 1 Điều 3").text.startswith("Thu hồi đất có nguy cơ")


def test_a_damaged_docx_draft_is_refused_with_a_message_and_stores_nothing(draft, drafter):
    import zipfile

    from docx import Document

    good = io.BytesIO()
    Document().save(good)
    damaged = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for name in source.namelist():
            target.writestr(name, b"<w:document><w:body" if name == "word/document.xml" else source.read(name))
    with pytest.raises(ValidationError, match="Tệp DOCX không đọc được"):
        services.draft_version_import(draft=draft, data=damaged.getvalue(), filename="du-thao.docx", by=drafter)
    assert not Provision.objects.exists()


def test_a_tcvn3_text_file_is_repaired(draft, drafter):
    from textmining.encodings import encode_tcvn3

    data = encode_tcvn3(DRAFT_V1).encode("latin-1")
    version = services.draft_version_import(draft=draft, data=data, filename="du-thao-abc.txt", by=drafter)
    assert provision(version, "Điều 5").title == "Nguyên tắc bồi thường về đất"


def test_a_file_without_articles_is_refused(draft, drafter):
    with pytest.raises(ValidationError, match="Không tìm thấy điều nào"):
        services.draft_version_import(draft=draft, data="Một bức thư.".encode(), filename="x.txt", by=drafter)


def test_a_revision_keeps_comments_on_the_renumbered_article(open_draft, version, drafter):
    compensation = provision(version, "Điều 5")
    on_clause = provision(version, "khoản 2 Điều 5")
    services.comment_submit(draft_id=open_draft.pk, provision_id=compensation.pk, text="Đề nghị bồi thường sát giá thị trường.")
    services.comment_submit(draft_id=open_draft.pk, provision_id=on_clause.pk, text="Giá đất cụ thể phải công khai.")

    v2 = services.draft_version_import(draft=open_draft, data=DRAFT_V2.encode(), filename="du-thao-v2.txt", by=drafter)
    assert v2.number == 2
    renumbered = provision(v2, "Điều 6")
    assert renumbered.title == "Nguyên tắc bồi thường về đất"
    assert renumbered.anchor == compensation.anchor
    assert provision(v2, "khoản 2 Điều 6").anchor == on_clause.anchor
    assert provision(v2, "Điều 4").anchor not in {p.anchor for p in version.provisions.all()}
    counts = selectors.comment_counts_by_anchor(open_draft)
    assert counts[renumbered.anchor] == 1
    # The synthesis names an article as the newest version does.
    assert selectors.article_labels(open_draft)[compensation.anchor] == ("Điều 6", "Nguyên tắc bồi thường về đất")


def test_a_period_shorter_than_the_rule_pack_minimum_is_refused(draft, drafter):
    opens = dt.date(2026, 3, 2)
    with pytest.raises(ValidationError) as caught:
        services.draft_set_period(draft=draft, opens_on=opens, closes_on=opens + dt.timedelta(days=10), by=drafter)
    message = caught.value.messages[0]
    assert "tối thiểu là 20 ngày" in message
    assert "Nghị định 78/2025" in message
    # 2 Mar + 20 days is Sun 22 Mar; a period ending on a day off runs to the next working day.
    assert "hết ngày 23/03/2026" in message
    draft.refresh_from_db()
    assert draft.closes_on is None


def test_the_2016_pack_asks_sixty_days_for_a_draft_posted_then(draft, drafter):
    opens = dt.date(2023, 1, 3)
    with pytest.raises(ValidationError, match="tối thiểu là 60 ngày"):
        services.draft_set_period(draft=draft, opens_on=opens, closes_on=dt.date(2023, 2, 15), by=drafter)
    services.draft_set_period(draft=draft, opens_on=opens, closes_on=dt.date(2023, 3, 15), by=drafter)
    assert draft.period_rule["minimum_days"] == 60


def test_a_period_at_the_minimum_is_accepted_and_cites_its_rule(draft, drafter):
    opens = dt.date(2026, 3, 2)
    services.draft_set_period(draft=draft, opens_on=opens, closes_on=dt.date(2026, 3, 23), by=drafter)
    draft.refresh_from_db()
    assert draft.period_rule["rule"] == "consultation.comment_period"
    assert draft.period_rule["earliest_close"] == "2026-03-23"
