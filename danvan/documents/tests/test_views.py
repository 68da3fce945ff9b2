import datetime as dt

import pytest
from django.urls import reverse

from danvan.documents.services import document_issue
from danvan.documents.tests.samples import context_for
from danvan.org.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def doc(ministry, officer, media):
    return document_issue(template_code="van-ban-tra-loi", context=context_for("van-ban-tra-loi"), unit=ministry,
                          signer_name="Nguyễn Văn An", signer_title="Bộ trưởng", obj=ministry,
                          addressed_to_citizen=True, by=officer, issued_on=dt.date(2026, 11, 26))


def test_staff_download_the_stored_docx(client, officer, doc):
    client.force_login(officer)
    response = client.get(reverse("documents:download", args=[doc.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    doc.file.open("rb")
    assert body == doc.file.read()


def test_anonymous_visitors_are_sent_to_log_in(client, doc):
    response = client.get(reverse("documents:download", args=[doc.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_logged_in_account_that_is_not_staff_is_refused(client, doc):
    user = User.objects.create_user(username="dan", password="mat-khau-dai-2")
    client.force_login(user)
    assert client.get(reverse("documents:download", args=[doc.pk])).status_code == 403


def test_an_unknown_document_is_not_found(client, officer, doc):
    client.force_login(officer)
    assert client.get(reverse("documents:download", args=[doc.pk + 1000])).status_code == 404
