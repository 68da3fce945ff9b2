import io

import pytest
from django.urls import reverse
from docx import Document

from danvan.audit.models import Event
from danvan.documents.models import DocumentTemplate, IssuedDocument
from danvan.org.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser(username="quantri", password="mat-khau-dai-3", email="")
    client.force_login(admin)
    return client


def _form(template, **changes):
    data = {f: getattr(template, f) for f in ("code", "name", "doc_type", "type_abbr", "summary_template",
                                               "body_template", "recipients_template")}
    data["active"] = "on"
    data.update(changes)
    return data


def test_an_administrator_edits_a_template_and_its_version_goes_up(admin_client):
    template = DocumentTemplate.objects.get(code="van-ban-tra-loi")
    url = reverse("admin:documents_documenttemplate_change", args=[template.pk])
    response = admin_client.post(url, _form(template, body_template=template.body_template + "\n\nTrân trọng./."))
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.version == 2 and template.body_template.endswith("Trân trọng./.")
    event = Event.objects.get(action="document_template.update")
    assert event.data == {"code": "van-ban-tra-loi", "version": 2, "fields": ["body_template"]}


def test_the_admin_refuses_a_template_that_includes_files(admin_client):
    template = DocumentTemplate.objects.get(code="van-ban-tra-loi")
    url = reverse("admin:documents_documenttemplate_change", args=[template.pk])
    response = admin_client.post(url, _form(template, body_template="{% include 'secret.html' %}"))
    assert response.status_code == 200
    assert "body_template" in response.context["adminform"].form.errors
    template.refresh_from_db()
    assert template.version == 1 and "include" not in template.body_template


def test_the_preview_is_a_numberless_draft_that_names_the_missing_values(admin_client, ministry):
    template = DocumentTemplate.objects.get(code="quyet-dinh-thu-ly-to-cao")
    response = admin_client.get(reverse("admin:documents_documenttemplate_preview", args=[template.pk]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    assert doc.tables[0].rows[1].cells[0].paragraphs[0].text == "Số:       /QĐ-BNNMT"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Thụ lý tố cáo đối với [nguoi_bi_to_cao]" in text
    assert "[CHỨC VỤ] BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" in text
    assert not IssuedDocument.objects.exists()
