import datetime as dt
import hashlib
import io
import threading

import pytest
from django.db import connection, connections
from docx import Document

from danvan.audit.models import Event
from danvan.documents.engine import MissingValues
from danvan.documents.models import DocumentSequence, DocumentTemplate, IssuedDocument
from danvan.documents.selectors import documents_for
from danvan.documents.services import document_issue, document_template_update
from danvan.documents.tests.samples import context_for
from danvan.org.models import Unit

pytestmark = pytest.mark.django_db

SEEDED = [
    "thong-bao-thu-ly-khieu-nai", "thong-bao-khong-thu-ly-khieu-nai", "phieu-huong-dan", "phieu-chuyen-don",
    "quyet-dinh-thu-ly-to-cao", "quyet-dinh-gia-han-to-cao", "quyet-dinh-giai-quyet-khieu-nai-lan-dau",
    "quyet-dinh-giai-quyet-khieu-nai-lan-hai", "ket-luan-noi-dung-to-cao", "van-ban-tra-loi",
]


def _issue(code, *, unit, by, obj=None, on=dt.date(2026, 2, 5), **kw):
    return document_issue(template_code=code, context=context_for(code), unit=unit, signer_name="Nguyễn Văn An",
                          signer_title="Thứ trưởng", authority="KT. Bộ trưởng", obj=obj or unit,
                          addressed_to_citizen=kw.pop("addressed_to_citizen", True), by=by, issued_on=on, **kw)


def _paragraph_texts(doc):
    return [p.text for p in Document(io.BytesIO(doc.file.read())).paragraphs]


@pytest.mark.parametrize("code", SEEDED)
def test_every_seeded_template_issues_a_document_with_its_wording(code, ministry, officer, media):
    doc = _issue(code, unit=ministry, by=officer)
    doc.file.open("rb")
    data = doc.file.read()
    assert hashlib.sha256(data).hexdigest() == doc.sha256
    word = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in word.paragraphs)
    head = word.tables[0]
    assert head.rows[1].cells[0].paragraphs[0].text == f"Số: {doc.number_and_symbol}"
    assert head.rows[1].cells[1].paragraphs[0].text == "Hà Nội, ngày 05 tháng 02 năm 2026"
    assert "{{" not in text and "{%" not in text
    assert not any("\ue000" <= ch <= "\ue0ff" for ch in text)
    assert text.rstrip().endswith("./.")
    recipients = [p.text for p in word.tables[-1].rows[0].cells[0].paragraphs if p.text]
    assert recipients[-1] == "- Lưu: VT, QLĐĐ."


def test_numbers_run_per_unit_year_and_type_from_01(ministry, department, officer, media):
    a = _issue("quyet-dinh-thu-ly-to-cao", unit=ministry, by=officer)
    b = _issue("quyet-dinh-gia-han-to-cao", unit=ministry, by=officer)
    c = _issue("thong-bao-thu-ly-khieu-nai", unit=ministry, by=officer)
    d = _issue("quyet-dinh-thu-ly-to-cao", unit=department, by=officer)
    e = _issue("quyet-dinh-thu-ly-to-cao", unit=ministry, by=officer, on=dt.date(2027, 1, 4))
    assert [x.number_and_symbol for x in (a, b, c, d, e)] == [
        "01/QĐ-BNNMT", "02/QĐ-BNNMT", "01/TB-BNNMT", "01/QĐ-QLĐĐ", "01/QĐ-BNNMT"]
    assert e.year == 2027


def test_a_departments_document_names_its_ministry_above_it_and_takes_its_place(department, officer, media):
    doc = _issue("thong-bao-thu-ly-khieu-nai", unit=department, by=officer)
    head = Document(io.BytesIO(doc.file.read())).tables[0]
    agency = [p.text.replace("\n", " ") for p in head.rows[0].cells[0].paragraphs if p.text]
    assert agency == ["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CỤC QUẢN LÝ ĐẤT ĐAI"]
    assert head.rows[1].cells[1].paragraphs[0].text.startswith("Hà Nội, ")


def test_a_failed_render_takes_no_number(ministry, officer, media):
    first = _issue("phieu-chuyen-don", unit=ministry, by=officer)
    with pytest.raises(MissingValues):
        document_issue(template_code="phieu-chuyen-don", context={}, unit=ministry, signer_name="A",
                       signer_title="Thứ trưởng", obj=ministry, addressed_to_citizen=False, by=officer)
    again = _issue("phieu-chuyen-don", unit=ministry, by=officer)
    assert (first.number, again.number) == (1, 2)
    assert IssuedDocument.objects.count() == 2


def test_the_context_cannot_replace_the_number_or_the_agency(ministry, officer, media):
    with pytest.raises(ValueError, match="so_ky_hieu"):
        document_issue(template_code="van-ban-tra-loi", context={**context_for("van-ban-tra-loi"), "so_ky_hieu": "1"},
                       unit=ministry, signer_name="A", signer_title="Bộ trưởng", obj=ministry,
                       addressed_to_citizen=True, by=officer)


def test_a_unit_without_a_province_anywhere_above_it_cannot_issue(officer, media):
    orphan = Unit.objects.create(code="x", name="Văn phòng X", symbol="VPX", kind=Unit.Kind.DEPARTMENT)
    with pytest.raises(ValueError, match="tỉnh"):
        _issue("van-ban-tra-loi", unit=orphan, by=officer)
    assert not DocumentSequence.objects.filter(unit=orphan, last_number__gt=0).exists()


def test_issuing_writes_one_audit_event_without_the_documents_content(ministry, officer, media):
    doc = _issue("ket-luan-noi-dung-to-cao", unit=ministry, by=officer)
    (event,) = Event.objects.filter(action="document.issue")
    assert event.actor == officer and event.object_id == str(doc.pk)
    assert event.data["number"] == "01/KL-BNNMT" and event.data["sha256"] == doc.sha256
    assert "Phạm Văn Dũng" not in str(event.data)


def test_documents_for_lists_an_objects_documents_and_the_citizens_share(ministry, department, officer, media):
    a = _issue("thong-bao-thu-ly-khieu-nai", unit=ministry, by=officer, obj=department)
    b = _issue("quyet-dinh-thu-ly-to-cao", unit=ministry, by=officer, obj=department, addressed_to_citizen=False)
    _issue("van-ban-tra-loi", unit=ministry, by=officer, obj=ministry)
    assert list(documents_for(department)) == [a, b]
    assert list(documents_for(department, citizen_only=True)) == [a]


def test_editing_a_template_raises_its_version_and_new_documents_record_it(ministry, officer, media):
    template = DocumentTemplate.objects.get(code="van-ban-tra-loi")
    before = _issue("van-ban-tra-loi", unit=ministry, by=officer)
    document_template_update(template=template, by=officer,
                             body_template=template.body_template + "\n\nTrân trọng./.")
    after = _issue("van-ban-tra-loi", unit=ministry, by=officer)
    assert (before.template_version, after.template_version) == (1, 2)
    assert "Trân trọng./." in _paragraph_texts(after)
    assert "Trân trọng./." not in _paragraph_texts(before)


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_take_every_number_once_without_gaps(ministry, officer, media):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a server database (the embedded SQLite test database is in memory)")
    workers, each = 6, 4
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def work():
        try:
            barrier.wait()
            for _ in range(each):
                _issue("quyet-dinh-thu-ly-to-cao", unit=ministry, by=officer)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(IssuedDocument.objects.filter(unit=ministry).values_list("number", flat=True))
    assert numbers == list(range(1, workers * each + 1))
