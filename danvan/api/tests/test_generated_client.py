"""A client generated from the served OpenAPI schema by a third-party generator (openapi-python-client), driven
over real HTTP: what an integrator gets who never reads our code. Whatever the schema gets wrong (an
operation the generator cannot type, a response that does not parse as declared) fails here."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.test import Client

from danvan.api.services import api_token_create
from danvan.org.models import User
from danvan.tasks import wait_for_in_process_tasks

pytestmark = pytest.mark.django_db(transaction=True)
PACKAGE = "danvan_api_client"


@pytest.fixture
def generated(tmp_path: Path) -> Iterator[ModuleType]:
    schema = tmp_path / "openapi.json"
    schema.write_bytes(Client().get("/api/v1/openapi.json").content)
    generator = Path(sys.executable).with_name("openapi-python-client")
    done = subprocess.run([str(generator), "generate", "--path", str(schema), "--meta", "none",  # noqa: S603
                           "--output-path", str(tmp_path / PACKAGE)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def test_a_generated_client_submits_tracks_and_lists_petitions(generated: ModuleType, live_server: Any,
                                                               officials: dict[str, User]) -> None:
    # Each client keeps its connection alive, and with it a server thread holding a database session: they are
    # closed before the test database is dropped.
    with ExitStack() as clients:
        _submit_track_and_list(generated, live_server.url, officials, clients)


def _submit_track_and_list(generated: ModuleType, base_url: str, officials: dict[str, User],
                           clients: ExitStack) -> None:
    citizens = importlib.import_module(f"{PACKAGE}.api.citizens")
    staff = importlib.import_module(f"{PACKAGE}.api.officials")
    models = importlib.import_module(f"{PACKAGE}.models")
    anonymous = clients.enter_context(generated.Client(base_url=base_url, raise_on_unexpected_status=True))

    petition = models.PetitionIn(
        full_name="Lê Thị Hoa", address="Phường Hải Châu, TP Đà Nẵng", phone="0905123456", consent=True,
        content="Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất cho gia đình tôi, đã chậm ba tháng.")
    submit = importlib.import_module(f"{citizens.__name__}.danvan_api_v1_petition_submit")
    created = submit.sync_detailed(client=anonymous, body=petition, idempotency_key="hoa-2026-11-27")
    assert created.status_code == 201
    receipt = created.parsed
    assert isinstance(receipt, models.ReceiptOut) and receipt.created and receipt.secret
    # Registered as a petition in the background. The tests' in-memory SQLite locks whole tables between
    # threads without waiting, which a file database (WAL, writers queue) does not: let it finish first.
    wait_for_in_process_tasks()

    again = submit.sync_detailed(client=anonymous, body=petition, idempotency_key="hoa-2026-11-27")
    assert again.status_code == 200 and again.parsed.code == receipt.code and not again.parsed.secret

    refused = submit.sync_detailed(client=anonymous, idempotency_key="hoa-2",
                                   body=models.PetitionIn(full_name="Hoa", address="Đà Nẵng", content="ngắn",
                                                          consent=True))
    assert refused.status_code == 422 and isinstance(refused.parsed, models.ErrorOut)
    assert "content" in refused.parsed.errors.additional_properties

    status = importlib.import_module(f"{citizens.__name__}.danvan_api_v1_petition_status")
    tracked = status.sync_detailed(client=anonymous, code=receipt.code, x_tracking_secret=receipt.secret)
    assert tracked.status_code == 200 and tracked.parsed.status == models.Status.RECEIVED
    assert tracked.parsed.processing_due == receipt.processing_due
    assert status.sync_detailed(client=anonymous, code=receipt.code, x_tracking_secret="SAI").status_code == 404

    _token, key = api_token_create(user=officials["handler"], name="tích hợp")
    official = clients.enter_context(generated.AuthenticatedClient(base_url=base_url, token=key))
    listing = importlib.import_module(f"{staff.__name__}.danvan_api_v1_staff_petitions")
    page = listing.sync_detailed(client=official, q="giay chung nhan quyen su dung dat").parsed
    assert isinstance(page, models.PetitionPageOut)
    assert [row.code for row in page.items] == [receipt.code]
    detail = importlib.import_module(f"{staff.__name__}.danvan_api_v1_staff_petition")
    one = detail.sync_detailed(client=official, code=receipt.code).parsed
    assert isinstance(one, models.PetitionDetailOut) and one.channel == models.Channel.PORTAL
    hot = importlib.import_module(f"{staff.__name__}.danvan_api_v1_staff_hotspots")
    assert hot.sync_detailed(client=official).parsed == []  # one petition is no hot issue
    stranger = clients.enter_context(generated.AuthenticatedClient(base_url=base_url, token="sai"))
    assert listing.sync_detailed(client=stranger).status_code == 401
    wait_for_in_process_tasks()  # what registering it sent in turn

