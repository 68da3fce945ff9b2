"""Synthesis end to end through the background path (danvan.tasks, in-process here), its resumption
after a restart, the drafting team's review and the report."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from danvan.consultation import selectors, services
from danvan.consultation.models import Assignment, Comment, CommentGroup, Report, SynthesisRun
from danvan.consultation.report import report_docx, report_xlsx
from danvan.consultation.tests.conftest import provision
from danvan.tasks import wait_for_in_process_tasks

pytestmark = pytest.mark.django_db(transaction=True)

FOR = ("Chúng tôi là người dân xã An Phú, sau khi đọc Điều 5 của dự thảo, chúng tôi đề nghị cho phép người có đất "
       "thu hồi được bồi thường bằng đất ở tại chỗ, vì nhiều hộ không tìm được nơi ở mới phù hợp.")
AGAINST = ("Chúng tôi là người dân xã An Phú, sau khi đọc Điều 5 của dự thảo, chúng tôi cho rằng không nên cho phép "
           "người có đất thu hồi được bồi thường bằng đất ở tại chỗ, vì nhiều hộ không tìm được nơi ở mới phù hợp.")
STRIP = str.maketrans("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
                      "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd")


@pytest.fixture
def workdir(settings, tmp_path):
    settings.DANVAN_CONSULTATION_WORKDIR = str(tmp_path / "synthesis")
    yield tmp_path / "synthesis"
    # The task threads keep their database connections (CONN_MAX_AGE); close them so the test database
    # can be dropped at the end of the session.
    from django.db import connections

    from danvan.tasks import _in_process_pool

    pool = _in_process_pool()
    for future in [pool.submit(connections.close_all) for _ in range(pool._max_workers)]:
        future.result()


@pytest.fixture
def corpus(open_draft, version) -> dict[str, int]:
    """A campaign of 24 (copies with greetings, signatures, marks stripped), its opposite of 9, and 5
    individual opinions on other provisions."""
    art5 = provision(version, "Điều 5").pk
    n = 0
    for i in range(24):
        text = FOR
        if i % 3 == 1:
            text = "Kính gửi Ban soạn thảo,\n" + FOR + "\nTrân trọng,\nNguyễn Văn " + "ABCDEFGH"[i % 8]
        elif i % 3 == 2:
            text = FOR.lower().translate(STRIP)
        services.comment_submit(draft_id=open_draft.pk, provision_id=art5, text=text,
                                commenter_type="organization" if i == 0 else "person")
        n += 1
    for i in range(9):
        services.comment_submit(draft_id=open_draft.pk, provision_id=art5, text=AGAINST + (" Xin cảm ơn." if i % 2 else ""))
        n += 1
    singles = [
        ("điểm đ khoản 1 Điều 3", "Cần định nghĩa rõ thế nào là nguy cơ đe dọa tính mạng con người.", "expert"),
        ("Điều 6", "Khu tái định cư phải có trường học và trạm y tế trước khi người dân chuyển đến.", "person"),
        ("Điều 4", "Thời hạn thông báo 90 ngày là quá ngắn với người làm nông nghiệp.", "agency"),
        ("Điều 7", "Nên lùi hiệu lực thi hành để địa phương kịp chuẩn bị.", "person"),
        (None, "Tôi ủng hộ việc sửa đổi Luật Đất đai lần này.", "person"),
    ]
    for label, text, kind in singles:
        services.comment_submit(draft_id=open_draft.pk, provision_id=provision(version, label).pk if label else None,
                                text=text, commenter_type=kind)
        n += 1
    return {"comments": n}


def _run_in_background(draft, by) -> SynthesisRun:
    with transaction.atomic():
        run = services.synthesis_start(draft=draft, by=by)
    wait_for_in_process_tasks(timeout=300)
    run.refresh_from_db()
    return run


def test_a_synthesis_runs_in_the_background_and_stores_groups_assignments_themes_and_tallies(
        open_draft, version, corpus, drafter, workdir):
    run = _run_in_background(open_draft, drafter)
    assert run.state == SynthesisRun.State.DONE, run.error
    assert run.progress == 1.0 and run.comments == corpus["comments"]
    # Every accepted comment is in exactly one group.
    assert Assignment.objects.filter(run=run).count() == corpus["comments"]
    art5 = provision(version, "Điều 5")
    groups = list(CommentGroup.objects.filter(run=run, article_anchor=art5.anchor).order_by("-count"))
    # The campaign and its opposite stay apart, whatever greeting, signature or stripped marks.
    assert [g.count for g in groups] == [24, 9]
    assert groups[0].stance != groups[1].stance
    assert "không nên" not in groups[0].representative_text
    assert groups[0].representative_text.startswith("Chúng tôi là người dân")  # the marked form represents
    assert groups[0].terms  # key terms of a group of 2+
    whole = CommentGroup.objects.get(run=run, article_anchor="")
    assert whole.count == 1
    by_type = selectors.tallies_by_type(run)
    assert sum(by_type["organization"].values()) == 1 and sum(by_type["expert"].values()) == 1
    assert sum(sum(v.values()) for v in by_type.values()) == corpus["comments"]
    # The groups page shows the articles in the draft's order, the whole draft first.
    assert [a.label for a in selectors.groups_by_article(run)] == [
        "Toàn văn dự thảo", "Điều 3", "Điều 4", "Điều 5", "Điều 6", "Điều 7"]  # a point counts under its article


def test_held_and_rejected_comments_are_left_out(open_draft, version, drafter, workdir):
    services.comment_submit(draft_id=open_draft.pk, text="Ý kiến hợp lệ về dự thảo.")
    services.comment_submit(draft_id=open_draft.pk, text="http://x http://y http://z", flags=["nhiều đường dẫn"])
    run = _run_in_background(open_draft, drafter)
    assert run.comments == 1


def test_an_unfinished_run_resumes_after_a_restart_from_its_finished_partitions(
        open_draft, corpus, drafter, workdir):
    first = _run_in_background(open_draft, drafter)
    # A second run was under way when the process died: its work directory holds every finished
    # partition (here: all of them, copied from the first run), its row says "running".
    shutil.copytree(workdir / f"run-{first.pk}", workdir / "pending")
    with transaction.atomic():
        second = SynthesisRun.objects.create(draft=open_draft, state=SynthesisRun.State.RUNNING, progress=0.4,
                                             attempts=1)
    (workdir / "pending").rename(workdir / f"run-{second.pk}")
    done_markers = sorted((workdir / f"run-{second.pk}" / "reduce").glob("p*/_DONE"))
    stamps = [m.stat().st_mtime_ns for m in done_markers]

    assert services.synthesis_resume() == [second.pk]
    wait_for_in_process_tasks(timeout=300)
    second.refresh_from_db()
    assert (second.state, second.attempts, second.progress) == (SynthesisRun.State.DONE, 2, 1.0)
    assert [m.stat().st_mtime_ns for m in done_markers] == stamps  # nothing finished was redone
    assert second.groups == first.groups


def test_review_split_merge_confirm_and_respond(open_draft, version, corpus, drafter, workdir):
    run = _run_in_background(open_draft, drafter)
    art5 = provision(version, "Điều 5")
    campaign = CommentGroup.objects.get(run=run, article_anchor=art5.anchor, count=24)
    members = list(campaign.assignments.order_by("comment_id").values_list("comment_id", flat=True))

    new = services.group_split(group=campaign, comment_ids=members[:2], by=drafter)
    campaign.refresh_from_db()
    assert (campaign.count, new.count) == (22, 2)
    assert new.representative_id == members[0] and campaign.representative_id != members[0]
    with pytest.raises(ValidationError):
        services.group_split(group=new, comment_ids=members[:2], by=drafter)  # would empty the group

    services.group_merge(groups=[campaign, new], into=campaign, by=drafter)
    campaign.refresh_from_db()
    assert campaign.count == 24 and not CommentGroup.objects.filter(pk=new.pk).exists()

    services.group_confirm(group=campaign, by=drafter)
    with pytest.raises(ValidationError, match="giải trình"):
        services.group_respond(group=campaign, response="not_adopted", explanation="  ", by=drafter)
    services.group_respond(group=campaign, response="partly", explanation="", by=drafter)
    campaign.refresh_from_db()
    assert (campaign.review, campaign.response) == ("confirmed", "partly")
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentGroup.objects.filter(pk=campaign.pk).update(response="not_adopted", explanation="")


def test_the_report_lists_each_article_with_its_groups_and_answers(open_draft, version, corpus, drafter, workdir):
    from docx import Document
    from openpyxl import load_workbook

    run = _run_in_background(open_draft, drafter)
    with pytest.raises(ValidationError, match="chưa có ý kiến tiếp thu"):
        services.report_publish(draft=open_draft, by=drafter)
    for g in CommentGroup.objects.filter(run=run):
        if g.count == 9:
            services.group_respond(group=g, response="not_adopted", by=drafter,
                                   explanation="Bồi thường bằng đất ở tại chỗ là quyền lựa chọn, không bắt buộc.")
        else:
            services.group_respond(group=g, response="adopted", explanation="Đã chỉnh lý tại dự thảo.", by=drafter)

    docx = report_docx(draft=open_draft, run=run)
    doc = Document(io.BytesIO(docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    head = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "BỘ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG" in head and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head
    assert "BÁO CÁO" in text
    assert "Tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với dự thảo Luật sửa đổi" in text
    assert f"Tổng số ý kiến hợp lệ đã tiếp nhận: {corpus['comments']} ý kiến" in text
    assert "Điều 5. Nguyên tắc bồi thường về đất (33 ý kiến)" in text
    assert "1. Nhóm 24 ý kiến" in text and "2. Nhóm 9 ý kiến" in text
    assert "Không tiếp thu. Bồi thường bằng đất ở tại chỗ là quyền lựa chọn" in text
    assert "Điều 3. Các trường hợp thu hồi đất (1 ý kiến)" in text
    assert doc.sections[0].left_margin is not None and doc.sections[0].left_margin.mm == pytest.approx(30, abs=0.1)

    wb = load_workbook(io.BytesIO(report_xlsx(draft=open_draft, run=run)))
    rows = list(wb["Tiếp thu, giải trình"].iter_rows(values_only=True))
    assert rows[1][:4] == ("STT", "Điều khoản", "Tên điều", "Số ý kiến")
    art5_rows = [r for r in rows[2:] if r[1] == "Điều 5"]
    assert [(r[3], r[7]) for r in art5_rows] == [(24, "Tiếp thu"), (9, "Không tiếp thu")]
    assert art5_rows[1][8].startswith("Bồi thường bằng đất ở tại chỗ")
    stats = {r[0]: r for r in wb["Thống kê"].iter_rows(values_only=True)}
    assert stats["Điều 5"][-1] == 33

    report = services.report_publish(draft=open_draft, by=drafter)
    assert Report.objects.get().docx_sha256 == report.docx_sha256
    assert bytes(report.docx) == docx  # the same run on the same day renders the same bytes
    with translation.override("en"):  # asked for from an English page: the same Vietnamese document
        assert report_docx(draft=open_draft, run=run) == docx
        english = load_workbook(io.BytesIO(report_xlsx(draft=open_draft, run=run)))
    assert list(english["Tiếp thu, giải trình"].iter_rows(values_only=True)) == rows
    assert list(english["Thống kê"].iter_rows(values_only=True)) == list(wb["Thống kê"].iter_rows(values_only=True))


def test_comments_after_the_run_started_wait_for_the_next_run(open_draft, version, drafter, workdir):
    services.comment_submit(draft_id=open_draft.pk, text="Ý kiến thứ nhất về dự thảo.")
    run = _run_in_background(open_draft, drafter)
    services.comment_submit(draft_id=open_draft.pk, text="Ý kiến đến sau khi đã tổng hợp.")
    assert run.comments == 1 and Comment.objects.count() == 2


def test_the_report_keeps_a_comment_that_looks_like_a_formula_as_text(open_draft, drafter, workdir):
    # The public writes anything: in the appendix a comment must stay text, never a formula that runs when
    # an official opens the file, and a pasted control character must not fail either document.
    from zipfile import ZipFile

    from docx import Document
    from openpyxl import load_workbook

    formula = '=HYPERLINK("http://example.com/x","Xem ý kiến")'
    services.comment_submit(draft_id=open_draft.pk, text=f"{formula}\x0b đề nghị sửa Điều 5\x01")
    run = _run_in_background(open_draft, drafter)
    group = CommentGroup.objects.get(run=run)
    services.group_respond(group=group, response="not_adopted", explanation="@SUM(1) không phải ý kiến.", by=drafter)

    docx = Document(io.BytesIO(report_docx(draft=open_draft, run=run)))
    assert any(formula in p.text for p in docx.paragraphs)
    xlsx = report_xlsx(draft=open_draft, run=run)
    sheet = load_workbook(io.BytesIO(xlsx))["Tiếp thu, giải trình"]
    cells = {str(c.value): c.data_type for row in sheet.iter_rows() for c in row if c.value is not None}
    assert cells[f"{formula}  đề nghị sửa Điều 5 "] == "s" and cells["@SUM(1) không phải ý kiến."] == "s"
    with ZipFile(io.BytesIO(xlsx)) as files:
        assert "<f>" not in files.read("xl/worksheets/sheet1.xml").decode()
