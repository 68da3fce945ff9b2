"""The JSON API, version 1 (/api/v1/): citizens submit and track; officials list and read petitions.

Handlers are thin: validate, call a petitions service or selector, shape the answer. The citizen's
submission is validated by the portal's own form, so both ways in apply the same rules.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Header, NinjaAPI, Query, Schema
from ninja import Status as Reply
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth
from pydantic import ConfigDict, StrictBool, StrictInt, StrictStr, field_validator

from danvan.api import errors
from danvan.api.docs import OfflineSwagger
from danvan.api.selectors import api_token_user
from danvan.insights.hotspots import hotspots
from danvan.insights.selectors import opens_records
from danvan.org.models import User
from danvan.org.predicates import units_seen
from danvan.people.selectors import petitioners_for
from danvan.petitions.models import Attachment, Channel, Kind, Petition, Status
from danvan.petitions.selectors import (
    PetitionFilters,
    petitions_list,
    petitions_page,
    petitions_visible_to,
    without_recused,
)
from danvan.petitions.services import SUPPLEMENT_MAX_CHARS, petition_supplement
from danvan.petitions.submissions import submission_accept
from danvan.portal.forms import PortalPetitionForm
from danvan.portal.selectors import Tracked, tracked_by_code_and_secret
from danvan.reports.datasets import DATASETS

api = NinjaAPI(
    title="danvan API",
    version="1",
    description=(
        "Tiếp nhận và tra cứu đơn của công dân; tra cứu đơn cho cán bộ. "
        "Citizens submit and track petitions; officials list and read them."
    ),
    urls_namespace="api-v1",
    docs=OfflineSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


# --- errors ---------------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


class TooManyOut(Schema):
    """429: this client sent too many requests; the Retry-After header (and `retry_after`) says when to retry."""

    detail: str
    retry_after: int


class UnavailableOut(Schema):
    """503: the database is out of reach; nothing was stored. Send the same request again after Retry-After."""

    detail: str


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    found = errors.from_pydantic(exc.errors)
    # A body that is JSON but not an object is malformed, not a field error.
    if any(e.get("type") in ("model_attributes_type", "dict_type", "model_type") for e in exc.errors):
        return api.create_response(request, errors.body({}, _("Nội dung gửi lên phải là một đối tượng JSON.")),
                                   status=400)
    return api.create_response(request, errors.body(found), status=422)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, errors.body({}, _("Cần đăng nhập hoặc khóa API hợp lệ.")), status=401)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        message = _("Nội dung gửi lên không phải JSON hợp lệ.")
    return api.create_response(request, errors.body({}, message), status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, errors.body({}, _("Không tìm thấy.")), status=404)


# --- citizens: submit ------------------------------------------------------------------------------


class PetitionIn(Schema):
    """A citizen's petition. Vietnamese names are written family name first."""

    model_config = ConfigDict(extra="forbid")

    full_name: StrictStr = Field(..., max_length=255, description="Họ và tên (hoặc tên tổ chức)")
    # A Literal, not Person.Kind: two enums both named "Kind" would share one name in the OpenAPI schema.
    person_kind: Literal["person", "organization"] = Field("person", description="person | organization")
    representative_name: StrictStr = Field("", max_length=255)
    id_number: StrictStr = Field("", max_length=12, description="Số định danh cá nhân, 12 chữ số")
    phone: StrictStr = Field("", max_length=10, description="10 chữ số, bắt đầu bằng 0")
    email: StrictStr = Field("", max_length=254)
    address: StrictStr = Field(..., max_length=500, description="Địa chỉ liên hệ")
    subject: StrictStr = Field("", max_length=500)
    content: StrictStr = Field(..., min_length=20, max_length=50_000, description="Nội dung đơn (ít nhất 20 ký tự)")
    decision_text: StrictStr = Field("", max_length=5000)
    request_text: StrictStr = Field("", max_length=5000)
    province_code: StrictInt | None = Field(None, description="Mã tỉnh, thành phố (34 đơn vị từ 01/7/2025)")
    ward_code: StrictInt | None = Field(None, description="Mã xã, phường thuộc province_code")
    place_text: StrictStr = Field("", max_length=500)
    letter_date: date | None = Field(None, description="YYYY-MM-DD")
    consent: StrictBool = Field(..., description="Cam đoan nội dung đúng sự thật, đồng ý xử lý dữ liệu cá nhân")

    @field_validator("letter_date", mode="before")
    @classmethod
    def _iso_date_only(cls, value: Any) -> Any:
        # Pydantic would also take a number as a Unix time; a date on a letter is written as a date.
        if value is not None and not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
            raise ValueError(_("Ngày không hợp lệ; dùng định dạng YYYY-MM-DD và một ngày có thật."))
        return value


class ReceiptOut(Schema):
    code: str
    secret: str | None = Field(description="Mã bí mật để tra cứu; chỉ trả về một lần, khi đơn mới được tạo")
    created: bool
    processing_due: date | None
    status_url: str


def _idempotency_key(raw: str | None) -> str | None:
    if raw is None:
        return None
    if not (1 <= len(raw) <= 255) or not raw.isascii() or not raw.isprintable():
        raise HttpError(400, _("Idempotency-Key phải gồm 1–255 ký tự ASCII in được."))
    # Namespaced and hashed: a client's key can never collide with the portal's own keys, at any length.
    return "api:" + hashlib.sha256(raw.encode()).hexdigest()[:60]


@api.post(
    "/petitions",
    response={200: ReceiptOut, 201: ReceiptOut, 400: ErrorOut, 422: ErrorOut, 429: TooManyOut, 503: UnavailableOut},
    tags=["citizens"],
    summary="Gửi đơn (không cần đăng nhập)",
    auth=None,
)
def petition_submit(
    request: HttpRequest,
    payload: PetitionIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Reply[dict[str, Any]]:
    """Submit a petition. 201 with the tracking code and secret; a retry with the same Idempotency-Key
    (or the same content from the same person within minutes) answers 200 with the same code and no secret."""
    key = _idempotency_key(idempotency_key)
    data = {k: ("" if v is None else v) for k, v in payload.model_dump().items()}
    form = PortalPetitionForm(data=data, files=None)
    if not form.is_valid():
        return Reply(422, errors.body({k: [str(m) for m in v] for k, v in form.errors.items()}))
    try:
        receipt = submission_accept(channel=Channel.PORTAL, idempotency_key=key, **form.petition_kwargs())
    except DjangoValidationError as error:
        return Reply(422, errors.body(errors.from_django(error)))
    return Reply(201 if receipt.created else 200, {
        "code": receipt.code, "secret": receipt.secret, "created": receipt.created,
        "processing_due": receipt.processing_due, "status_url": f"/api/v1/petitions/{receipt.code}/status",
    })


# --- citizens: track -------------------------------------------------------------------------------


class StepOut(Schema):
    at: datetime
    label: str
    detail: str


class StatusOut(Schema):
    code: str
    subject: str
    status: Status
    status_label: str
    open: bool
    received_at: datetime
    processing_due: date | None
    unit: str
    answer_text: str
    steps: list[StepOut]


def _tracked(code: str, secret: str) -> Tracked:
    """The petition that the code and its secret open; a wrong code and a wrong secret raise the same 404."""
    tracked = tracked_by_code_and_secret(code, secret) if secret and len(code) <= 16 else None
    if tracked is None:
        raise Http404
    return tracked


@api.get(
    "/petitions/{code}/status",
    response={200: StatusOut, 404: ErrorOut, 429: TooManyOut, 503: UnavailableOut},
    tags=["citizens"],
    summary="Tra cứu tình trạng đơn bằng mã tra cứu và mã bí mật",
    auth=None,
)
def petition_status(
    request: HttpRequest,
    code: str,
    secret: str = Header("", alias="X-Tracking-Secret"),
) -> dict[str, Any]:
    """The citizen's own view: the steps and the answer, nothing about any person. A wrong code and a wrong
    secret answer the same 404."""
    tracked = _tracked(code, secret)
    petition = tracked.petition
    return {
        "code": tracked.code, "subject": petition.subject, "status": petition.status,
        "status_label": str(petition.get_status_display()), "open": petition.is_open,
        "received_at": petition.received_at, "processing_due": petition.processing_due,
        "unit": petition.unit.name, "answer_text": petition.answer_text,
        "steps": [{"at": s.at, "label": str(s.label), "detail": s.detail} for s in tracked.steps()],
    }


class SupplementIn(Schema):
    """What the citizen adds to their petition while it is handled (files: on the portal's tracking page)."""

    model_config = ConfigDict(extra="forbid")

    text: StrictStr = Field(..., max_length=SUPPLEMENT_MAX_CHARS, description="Nội dung bổ sung")


class SupplementOut(Schema):
    code: str
    received_at: datetime
    created: bool


@api.post(
    "/petitions/{code}/supplements",
    response={200: SupplementOut, 201: SupplementOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut,
              429: TooManyOut, 503: UnavailableOut},
    tags=["citizens"],
    summary="Gửi bổ sung cho đơn bằng mã tra cứu và mã bí mật",
    auth=None,
)
def petition_supplement_add(
    request: HttpRequest,
    code: str,
    payload: SupplementIn,
    secret: str = Header("", alias="X-Tracking-Secret"),
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Reply[dict[str, Any]]:
    """Add facts to a petition while it is processed or its matter resolved. 201 when stored; a retry with the
    same Idempotency-Key answers 200 with the first one. 409 while the petition is still being registered
    (retry in a few minutes); 422 once it is closed. A wrong code and a wrong secret answer the same 404."""
    key = _idempotency_key(idempotency_key)
    tracked = _tracked(code, secret)
    if tracked.waiting:
        return Reply(409, errors.body({}, _("Đơn đang được vào sổ; xin gửi bổ sung sau ít phút.")))
    try:
        supplement, created = petition_supplement(petition=tracked.petition, text=payload.text, idempotency_key=key,
                                                  channel=Channel.API)
    except DjangoValidationError as error:
        # The service's refusals concern the whole request (a closed petition, nothing to add): said as the detail.
        return Reply(422, errors.body(errors.from_django(error), " ".join(error.messages)))
    return Reply(201 if created else 200, {"code": tracked.code, "received_at": supplement.received_at,
                                           "created": created})


# --- officials -------------------------------------------------------------------------------------


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return api_token_user(token)


STAFF_AUTH = [BearerToken(), django_auth]


def _official(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    if not isinstance(user, User) or not user.has_perm("petitions.view_petition"):
        raise HttpError(403, _("Tài khoản này không có quyền xem đơn."))
    return user


class StaffFilters(Schema):
    q: str = Field("", max_length=200, description="Tìm không cần dấu; dấu phẩy ngăn các cụm từ")
    kind: Kind | None = None
    field: str | None = Field(None, max_length=32, description="Mã lĩnh vực")
    # Bounded: a number past the database's integer range would fail in the query instead of matching nothing.
    unit: int | None = Field(None, ge=1, le=2**63 - 1, description="Mã số (id) đơn vị")
    status: Status | None = None
    province: int | None = Field(None, ge=0, le=32767)
    received_from: date | None = None
    received_to: date | None = None
    due: str | None = Field(None, pattern="^(soon|overdue)$", description="soon | overdue")
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


class PetitionRowOut(Schema):
    code: str
    received_at: datetime
    channel: Channel
    subject: str
    kind: Kind
    status: Status
    field: str | None
    unit: str
    unit_name: str
    province_code: int | None
    ward_code: int | None
    processing_due: date | None
    due_state: str = Field(description="done | overdue | soon | open")


class PetitionPageOut(Schema):
    count: int
    count_exact: bool = Field(description="false: có hơn `count` đơn khớp (đếm được giới hạn để nhanh)")
    limit: int
    offset: int
    items: list[PetitionRowOut]


@api.get("/staff/petitions", response={200: PetitionPageOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
         auth=STAFF_AUTH, tags=["officials"], summary="Danh sách đơn (cán bộ)")
def staff_petitions(request: HttpRequest, filters: Query[StaffFilters]) -> dict[str, Any]:
    user = _official(request)
    chosen = {k: v for k, v in filters.dict().items() if k not in ("limit", "offset") and v not in (None, "")}
    qs = petitions_list(user=user, filters=PetitionFilters(**chosen))
    # The list never shows the texts; leaving them in the database keeps a 100-row page small.
    page = petitions_page(qs.only(*_ROW_FIELDS), query=filters.q or "", offset=filters.offset, limit=filters.limit)
    return {
        "count": page.count, "count_exact": page.count_exact, "limit": filters.limit, "offset": filters.offset,
        "items": [_row(p) for p in without_recused(user, page.rows)],
    }


_ROW_FIELDS = ("code", "received_at", "channel", "subject", "kind", "status", "province_code", "ward_code",
               "processing_due", "unit__code", "unit__name", "field__code")


def _row(p: Petition) -> dict[str, Any]:
    return {
        "code": p.code, "received_at": p.received_at, "channel": p.channel, "subject": p.subject, "kind": p.kind,
        "status": p.status, "field": p.field.code if p.field else None, "unit": p.unit.code,
        "unit_name": p.unit.name, "province_code": p.province_code, "ward_code": p.ward_code,
        "processing_due": p.processing_due, "due_state": p.due_state,
    }


class PetitionerOut(Schema):
    protected: bool = Field(description="true: danh tính được giữ bí mật, các trường để trống")
    full_name: str
    kind: str
    representative_name: str
    id_number: str
    phone: str
    email: str
    address: str
    place: str
    is_representative: bool


class AttachmentOut(Schema):
    name: str
    content_type: str
    size: int


class SupplementOfPetitionOut(Schema):
    """What the petitioner sent after the petition: an addition or a request to withdraw."""

    received_at: datetime
    kind: Literal["addition", "withdrawal"]
    channel: Channel
    text: str
    recorded_by: str | None = Field(description="The official who recorded it; null when the citizen sent it")
    attachments: list[AttachmentOut]


class LinkOut(Schema):
    code: str
    kind: str
    score: float
    confirmed: bool


class PetitionDetailOut(PetitionRowOut):
    content: str
    decision_text: str
    request_text: str
    place_text: str
    letter_date: date | None
    signed: bool
    anonymous: bool
    source_agency: str
    source_reference: str
    suggested_kind: str
    suggested_field: str | None
    outcome_reason: str
    outcome_target: str
    answer_text: str
    decided_at: datetime | None
    assigned_to: str | None
    matter: str | None
    petitioners: list[PetitionerOut]
    attachments: list[AttachmentOut] = Field(description="The letter's files; a supplement lists its own")
    supplements: list[SupplementOfPetitionOut]
    links: list[LinkOut]


@api.get("/staff/petitions/{code}", response={200: PetitionDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
         auth=STAFF_AUTH, tags=["officials"], summary="Chi tiết đơn (cán bộ)")
def staff_petition(request: HttpRequest, code: str) -> dict[str, Any]:
    """One petition. The petitioners' identity is withheld unless the official may see it (a denouncer's
    identity is protected: Law on Denunciations Arts. 47, 56); every view of a protected identity is audited."""
    user = _official(request)
    petition = (
        petitions_visible_to(user)
        .select_related("unit", "field", "suggested_field", "matter", "assigned_to")
        .filter(code=code)
        .first()
    )
    if petition is None or not user.has_perm("petitions.view_petition", petition):
        raise Http404
    # A denouncer's identity comes only with a stated purpose, recorded in the audit log (danvan.people).
    people = petitioners_for(user=user, petition=petition, purpose=request.headers.get("X-Danvan-Purpose", "")[:200])
    return {
        **_row(petition),
        "content": petition.content, "decision_text": petition.decision_text,
        "request_text": petition.request_text, "place_text": petition.place_text,
        "letter_date": petition.letter_date, "signed": petition.signed, "anonymous": petition.anonymous,
        "source_agency": petition.source_agency, "source_reference": petition.source_reference,
        "suggested_kind": petition.suggested_kind,
        "suggested_field": petition.suggested_field.code if petition.suggested_field else None,
        "outcome_reason": petition.outcome_reason, "outcome_target": petition.outcome_target,
        "answer_text": petition.answer_text, "decided_at": petition.decided_at,
        "assigned_to": str(petition.assigned_to) if petition.assigned_to else None,
        "matter": petition.matter.code if petition.matter else None,
        "petitioners": [
            {"protected": p.protected, "full_name": str(p.full_name), "kind": str(p.kind),
             "representative_name": p.representative_name, "id_number": p.id_number, "phone": p.phone,
             "email": p.email, "address": p.address, "place": p.place, "is_representative": p.is_representative}
            for p in people
        ],
        "attachments": [_attachment(a) for a in petition.attachments.filter(supplement__isnull=True)],
        "supplements": [
            {"received_at": s.received_at, "kind": s.kind, "channel": s.channel, "text": s.text,
             "recorded_by": str(s.recorded_by) if s.recorded_by else None,
             "attachments": [_attachment(a) for a in s.attachments.all()]}
            for s in petition.supplements.select_related("recorded_by").prefetch_related("attachments")
        ],
        "links": [
            {"code": link.other.code, "kind": link.kind, "score": link.score, "confirmed": link.confirmed}
            for link in petition.links.select_related("other").order_by("-score", "id")
        ],
    }


def _attachment(attachment: Attachment) -> dict[str, Any]:
    return {"name": attachment.original_name, "content_type": attachment.content_type, "size": attachment.size}


class HotspotOut(Schema):
    field: str | None = Field(description="Mã lĩnh vực; null: mọi lĩnh vực")
    field_name: str
    province_code: int | None = Field(description="Mã tỉnh, thành phố; null: mọi địa bàn")
    province_name: str
    start: date = Field(description="Ngày đầu của các ngày được đếm")
    end: date
    count: int = Field(description="Số đơn và lượt tiếp chưa ghi thành đơn trong các ngày đó")
    petitions: int = Field(description="Trong đó: số đơn (đơn gửi lại, gửi nhiều nơi tính một lần)")
    visits: int = Field(description="Trong đó: số lượt tiếp công dân chưa ghi thành đơn (một đoàn là một lượt)")
    usual: float = Field(description="Số đơn, lượt tiếp thường lệ trong ngần ấy ngày")
    ratio: float
    p_value: float = Field(description="Xác suất có từng ấy đơn, lượt tiếp do ngẫu nhiên ở mức thường lệ")
    records_url: str | None = Field(description="Danh sách đơn được đếm; null cho cơ quan giám sát")
    visits_url: str | None = Field(description="Danh sách lượt tiếp được đếm; null cho cơ quan giám sát")


@api.get("/staff/hotspots", response={200: list[HotspotOut], 401: ErrorOut, 403: ErrorOut},
         auth=STAFF_AUTH, tags=["officials"], summary="Điểm nóng: đơn, lượt tiếp tăng đột biến trong 7 ngày qua")
def staff_hotspots(request: HttpRequest) -> list[dict[str, Any]]:
    """The hot issues of the leaders' dashboard, within the units the caller sees (docs/reception-and-reports.md)."""
    user = request.auth  # type: ignore[attr-defined]
    if not isinstance(user, User) or not user.has_perm("reports.view_report"):
        raise HttpError(403, _("Tài khoản này không có quyền xem số liệu."))
    drills_down = opens_records(user)

    def url(dataset: str, dims: dict[str, str], spot: Any) -> str | None:
        return request.build_absolute_uri(DATASETS[dataset].records_url(spot.start, spot.end, **dims)) \
            if drills_down else None

    return [{
        "field": spot.field_code or None, "field_name": spot.field_name, "province_code": spot.province_code,
        "province_name": spot.province_name, "start": spot.start, "end": spot.end, "count": spot.count,
        "petitions": spot.petitions, "visits": spot.visits, "usual": spot.usual, "ratio": round(spot.ratio, 2),
        "p_value": spot.p_value, "records_url": url("petitions", spot.records_filter(), spot),
        "visits_url": url("visits", spot.visits_filter(), spot),
    } for spot in hotspots(unit_ids=units_seen(user))]
