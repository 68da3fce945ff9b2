"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) at /open311/v2/.

Each service is a kind of petition the public may file. POST requests take the spec's form-encoded
fields (or the same fields as one JSON object), check every one strictly and answer every mistake at once
in the spec's error format; nothing is stored unless all is well. The public list shows no person's data
and never a denunciation.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring  # builds output only; input is never XML

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from danvan.api import selectors
from danvan.api.catalog import CHANGESET, GROUP, SERVICES, Attribute, Service
from danvan.api.models import Open311Client, Open311Request
from danvan.api.services import open311_request_create
from danvan.org import places
from danvan.params import date_in_range, int_param
from danvan.people.models import phone_validator
from danvan.petitions.models import Kind, Status
from danvan.petitions.services import PersonData

# The spec caps a date range at 90 days and lets a server cap the rows it returns.
MAX_RANGE = timedelta(days=90)
MAX_ROWS = 1000
MAX_IDS = 100
_CODE_RE = re.compile(r"[A-Za-z0-9-]{1,16}")

POST_FIELDS = {
    "api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string", "address_id", "email",
    "device_id", "account_id", "first_name", "last_name", "phone", "description", "media_url",
}
LIST_FIELDS = {"api_key", "jurisdiction_id", "service_request_id", "service_code", "start_date", "end_date", "status"}
# Browser libraries append "_" with a timestamp to defeat caches (jQuery's cache: false); it asks nothing, so it
# is the one unknown parameter of a GET not refused (an ignored "page" would mislead a paging client).
CACHE_BUSTER = "_"
_ATTRIBUTE_KEY = re.compile(r"attribute\[([A-Za-z0-9_]{1,64})\]")
# The tag of each element inside a list, as the spec's XML examples name them.
_ITEM_TAGS = {"services": "service", "attributes": "attribute", "values": "value",
              "service_requests": "request", "errors": "error", "endpoints": "endpoint", "formats": "format"}
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# HTTP lets HEAD stand for any GET (link checkers, monitors and caches send it); answered like the GET.
SAFE_METHODS = ("GET", "HEAD")
# A w3 date-time whose "+HH:MM" offset came in a query string unencoded, so that "+" was read as a space.
_PLUS_AS_SPACE = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$")


class Open311Error(Exception):
    def __init__(self, status: int, messages: list[str]) -> None:
        super().__init__(messages)
        self.status = status
        self.messages = messages


# --- rendering -------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return _w3c(value)
    return str(value)


def _w3c(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _xml_fill(parent: Element, value: Any, tag: str) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _xml_fill(SubElement(parent, key), child, key)
    elif isinstance(value, list):
        for item in value:
            _xml_fill(SubElement(parent, _ITEM_TAGS[tag]), item, _ITEM_TAGS[tag])
    else:
        parent.text = _text(value)


def render(data: Any, fmt: str, root: str, status: int = 200) -> HttpResponse:
    """JSON as the spec's examples (a list, or an object for a service definition); XML with `root` as the
    root element and the spec's item tags inside lists."""
    if fmt == "xml":
        element = Element(root)
        if isinstance(data, list):
            _xml_fill(element, data, root)
        else:
            for key, child in data.items():
                _xml_fill(SubElement(element, key), child, key)
        body = b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(element, encoding="utf-8", xml_declaration=False)
        return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    return HttpResponse(json.dumps(data, ensure_ascii=False, default=_text), status=status,
                        content_type="application/json; charset=utf-8")


def _errors(fmt: str, status: int, messages: Iterable[str]) -> HttpResponse:
    return render([{"code": status, "description": m} for m in messages], fmt, "errors", status=status)


def error_response(path: str, status: int, messages: Iterable[str]) -> HttpResponse:
    """An answer in the spec's error format for any path under /open311/ (the rate limit's 429, the 503 of
    an unreachable database, an unknown address): XML when the path asks for .xml, else JSON. A client
    that asked for XML parses every answer as XML, errors included (FixMyStreet reads `<errors>`)."""
    return _errors("xml" if path.endswith(".xml") else "json", status, messages)


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under /open311/ (a misspelt resource, a format other than json or xml, an id that
    cannot be one): 404 in the error format rather than the portal's HTML page."""
    return error_response(request.path, 404, [_(
        "Không có địa chỉ này trong Open311 GeoReport v2; xem /open311/discovery.json.")])


def _handle(fmt: str, func: Any, *args: Any) -> HttpResponse:
    try:
        return func(*args)
    except Open311Error as error:
        return _errors(fmt, error.status, error.messages)


def _method_not_allowed(fmt: str, allowed: str) -> HttpResponse:
    response = _errors(fmt, 405, [_("Phương thức không được hỗ trợ; dùng %(m)s.") % {"m": allowed}])
    response["Allow"] = allowed
    return response


# --- discovery -------------------------------------------------------------------------------------


def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """Open311 Service Discovery (wiki.open311.org/Service_Discovery), which GeoReport v2 requires: where the
    endpoint is, which formats it speaks, whom to ask for a key. Served at /open311/discovery.{fmt} and also
    at /open311/v2/discovery.{fmt}, where the Python wrapper `three` looks by default."""
    if request.method not in SAFE_METHODS:
        return _method_not_allowed(fmt, "GET, HEAD")
    # The endpoint's absolute URL without the trailing slash, as the spec's example writes it.
    endpoint = request.build_absolute_uri(reverse("open311_services", args=["json"])).rsplit("/", 1)[0]
    return render({
        "changeset": CHANGESET,
        "contact": settings.DANVAN_OPEN311_CONTACT or _(
            "Liên hệ bộ phận quản trị hệ thống của cơ quan để được hỗ trợ về Open311."),
        "key_service": _("api_key do quản trị viên của cơ quan cấp cho từng ứng dụng; liên hệ như trên."),
        "endpoints": [{
            "specification": SPECIFICATION, "url": endpoint, "changeset": CHANGESET, "type": "production",
            "formats": ["text/xml", "application/json"],
        }],
    }, fmt, "discovery")


# --- services --------------------------------------------------------------------------------------


def _service_row(service: Service) -> dict[str, Any]:
    return {
        "service_code": service.code, "service_name": str(service.name), "description": str(service.description),
        "metadata": bool(service.attributes), "type": "realtime", "keywords": str(service.keywords),
        "group": str(GROUP),
    }


def services_list(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method not in SAFE_METHODS:
        return _method_not_allowed(fmt, "GET, HEAD")
    return render([_service_row(s) for s in SERVICES.values()], fmt, "services")


def _attribute_row(attribute: Attribute, order: int, service: Service) -> dict[str, Any]:
    row: dict[str, Any] = {
        "variable": True, "code": attribute.code, "datatype": attribute.datatype, "required": attribute.required,
        "datatype_description": str(attribute.datatype_description), "order": order,
        "description": str(attribute.description),
    }
    if attribute.code == "full_name" and service.name_required:
        # Either this or first_name/last_name carries the name, so the attribute itself stays optional.
        row["datatype_description"] = _("Bắt buộc có họ tên: ghi ở đây hoặc ở first_name/last_name.")
    values = attribute.values()
    if values:
        row["values"] = [{"key": key, "name": name} for key, name in values]
    return row


def service_definition(request: HttpRequest, service_code: str, fmt: str) -> HttpResponse:
    if request.method not in SAFE_METHODS:
        return _method_not_allowed(fmt, "GET, HEAD")
    service = SERVICES.get(service_code)
    if service is None:
        return _errors(fmt, 404, [_("Không có dịch vụ %(code)s.") % {"code": service_code}])
    return render({
        "service_code": service.code,
        "attributes": [_attribute_row(a, i, service) for i, a in enumerate(service.attributes, start=1)],
    }, fmt, "service_definition")


# --- requests: read --------------------------------------------------------------------------------


def _public_row(row: dict[str, Any]) -> dict[str, Any]:
    code = row["kind"] if row["kind"] in (Kind.COMPLAINT, Kind.RECOMMENDATION) else row["open311__service_code"]
    service = SERVICES[code]
    due = row["processing_due"]
    expected = timezone.make_aware(datetime.combine(due, time(23, 59, 59))) if due else None
    open_ = row["status"] in selectors.OPEN311_OPEN
    area = ", ".join(filter(None, [places.ward_name(row["ward_code"]), places.province_name(row["province_code"])]))
    # No description, address, coordinates or media: a petition's text and place can name a person.
    return {
        "service_request_id": row["code"], "status": "open" if open_ else "closed",
        "status_notes": str(Status(row["status"]).label), "service_name": str(service.name),
        "service_code": service.code, "description": "", "agency_responsible": row["unit__name"],
        "service_notice": "", "requested_datetime": row["received_at"], "updated_datetime": row["updated_at"],
        "expected_datetime": expected, "address": area, "address_id": "", "zipcode": "", "lat": None,
        "long": None, "media_url": "",
    }


def _single(params: QueryDict, name: str, problems: list[str]) -> str:
    values = params.getlist(name)
    if len(values) > 1:
        problems.append(_("%(f)s: chỉ được gửi một lần.") % {"f": name})
    return values[0].strip() if values else ""


def _parse_when(name: str, value: str, problems: list[str], end_of_day: bool = False) -> datetime | None:
    if not value:
        return None
    # "2026-11-01T00:00:00+07:00" pasted into a URL unencoded arrives as "...00:00:00 07:00" (a "+" in a query
    # string is a space); the offset is the only place a space can stand in a date-time, so read it back.
    value = _PLUS_AS_SPACE.sub(r"\1+\2", value)
    try:
        parsed = parse_datetime(value)
        if parsed is None:
            day = parse_date(value)
            if day is not None:
                parsed = datetime.combine(day, time.max if end_of_day else time.min)
    except ValueError:
        parsed = None
    # A day at the calendar's edge (0001-01-01, 9999-12-31) cannot take the 90-day window around it.
    if parsed is None or not date_in_range(parsed.date()):
        problems.append(_("%(f)s: không phải ngày giờ hợp lệ (W3C, ví dụ 2026-11-26T09:00:00+07:00).") % {"f": name})
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _requests_get(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.GET
    problems = [_("Tham số không được hỗ trợ: %(f)s.") % {"f": k} for k in params
                if k not in LIST_FIELDS and k != CACHE_BUSTER]
    ids_raw = _single(params, "service_request_id", problems)
    codes = [c.strip().upper() for c in ids_raw.split(",") if c.strip()] if ids_raw else []
    if len(codes) > MAX_IDS:
        problems.append(_("service_request_id: tối đa %(n)s mã.") % {"n": MAX_IDS})
    problems += [_("service_request_id: mã %(c)s không hợp lệ.") % {"c": c} for c in codes if not _CODE_RE.fullmatch(c)]
    services_raw = _single(params, "service_code", problems)
    service_codes = [s.strip() for s in services_raw.split(",") if s.strip()] if services_raw else []
    problems += [_("service_code: không có dịch vụ %(c)s.") % {"c": s} for s in service_codes if s not in SERVICES]
    status_raw = _single(params, "status", problems)
    statuses = [s.strip() for s in status_raw.split(",") if s.strip()] if status_raw else []
    problems += [_("status: chỉ nhận open hoặc closed, không nhận %(s)s.") % {"s": s}
                 for s in statuses if s not in ("open", "closed")]
    start = _parse_when("start_date", _single(params, "start_date", problems), problems)
    end = _parse_when("end_date", _single(params, "end_date", problems), problems, end_of_day=True)
    if problems:
        raise Open311Error(400, problems)
    if not codes:
        # Without dates the spec returns the most recent 90 days; a range may not span more.
        if start is None:
            end = end or timezone.now()
            start = end - MAX_RANGE
        elif end is None:
            end = start + MAX_RANGE
        if end < start:
            raise Open311Error(400, [_("end_date phải sau start_date.")])
        if end - start > MAX_RANGE:
            raise Open311Error(400, [_("Khoảng thời gian không được quá 90 ngày.")])
    rows = selectors.open311_requests_page(
        codes=codes or None, service_codes=service_codes or None, start=start, end=end,
        statuses=statuses or None, limit=MAX_ROWS,
    )
    return render([_public_row(r) for r in rows], fmt, "service_requests")


def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    if request.method not in SAFE_METHODS:
        return _method_not_allowed(fmt, "GET, HEAD")
    code = request_id.strip().upper()
    rows = selectors.open311_requests_page(codes=[code], limit=1) if _CODE_RE.fullmatch(code) else []
    if not rows:
        return _errors(fmt, 404, [_("Không có yêu cầu %(id)s.") % {"id": request_id}])
    return render([_public_row(rows[0])], fmt, "service_requests")


def token_detail(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    if request.method not in SAFE_METHODS:
        return _method_not_allowed(fmt, "GET, HEAD")
    record = Open311Request.objects.filter(token=token).select_related("petition").only(
        "token", "petition__code").first()
    if record is None:
        return _errors(fmt, 404, [_("Không có token %(t)s.") % {"t": token}])
    return render([{"service_request_id": record.petition.code, "token": record.token}], fmt, "service_requests")


# --- requests: create ------------------------------------------------------------------------------


def _post_data(request: HttpRequest) -> QueryDict:
    """The posted fields as a QueryDict: from a form body (the spec) or one flat JSON object, and from the
    query string for a field the body does not carry.

    Why the query string: codeforamerica's Python wrapper `open311` (the port of the Ruby gem) sends
    `api_key` and `jurisdiction_id` in the URL of its POST and the rest in the body; node `open311` sends
    `jurisdiction_id` there too. A field in both places is taken from the body. The strict checks that
    follow see the merged fields, so an unknown or repeated parameter in the URL is refused like one in
    the body.
    """
    cached: QueryDict | None = getattr(request, "_open311_post", None)
    if cached is not None:  # the rate limit read them before the view (posting_client)
        return cached
    data = _post_body(request).copy()
    for key, values in request.GET.lists():
        if key not in data:
            data.setlist(key, values)
    request._open311_post = data  # type: ignore[attr-defined]
    return data


def _post_body(request: HttpRequest) -> QueryDict:
    content_type = (request.content_type or "").lower()
    if content_type in ("", "application/octet-stream", "text/plain") and not request.body:
        # Every field in the query string (a bare `curl -X POST URL?...`): an empty body of any declared type.
        return QueryDict()
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        if request.FILES:
            raise Open311Error(400, [_("Không nhận tệp tải lên; gửi đường dẫn trong media_url.")])
        return request.POST
    if content_type == "application/json":
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            raise Open311Error(400, [_("Nội dung gửi lên không phải JSON hợp lệ.")]) from None
        if not isinstance(data, dict):
            raise Open311Error(400, [_("Nội dung gửi lên phải là một đối tượng JSON.")])
        out = QueryDict(mutable=True)
        for key, value in data.items():
            if key == "attribute" and isinstance(value, dict):
                items = [(f"attribute[{k}]", v) for k, v in value.items()]
            else:
                items = [(key, value)]
            for name, item in items:
                if isinstance(item, bool) or not isinstance(item, str | int | float):
                    raise Open311Error(400, [_("%(f)s: phải là chuỗi hoặc số.") % {"f": name}])
                out.appendlist(name, str(item))
        return out
    raise Open311Error(400, [_(
        "Content-Type phải là application/x-www-form-urlencoded, multipart/form-data hoặc application/json."
    )])


def posting_client(request: HttpRequest) -> Open311Client | None:
    """The active client application whose api_key this POST carries (in the body or the query string), or
    None: no key, a wrong or revoked one, or a body that cannot be read (the view then answers the error).
    For the rate limit, which counts a registered application by its key rather than by its address."""
    try:
        data = _post_data(request)
    except Open311Error:
        return None
    return _client_for(request, _single(data, "api_key", []))


def _client_for(request: HttpRequest, key: str) -> Open311Client | None:
    """The active client with this api_key, looked up once per request (the rate limit asks before the view)."""
    seen: tuple[str, Open311Client | None] | None = getattr(request, "_open311_client", None)
    if seen is None or seen[0] != key:
        seen = (key, selectors.open311_client_by_key(key))
        request._open311_client = seen  # type: ignore[attr-defined]
    return seen[1]


def _check_attribute(attribute: Attribute, value: str, problems: list[str]) -> None:
    label = f"attribute[{attribute.code}]"
    if len(value) > attribute.max_length:
        problems.append(_("%(f)s: dài quá %(n)s ký tự.") % {"f": label, "n": attribute.max_length})
    elif attribute.pattern and not re.fullmatch(attribute.pattern, value):
        problems.append(_("%(f)s: không đúng định dạng (%(d)s).") % {
            "f": label, "d": attribute.datatype_description or attribute.datatype})
    elif attribute.datatype == "singlevaluelist" and value not in {k for k, _n in attribute.values()}:
        problems.append(_("%(f)s: giá trị %(v)s không có trong danh sách.") % {"f": label, "v": value})


def _decimal(name: str, value: str, low: int, high: int, problems: list[str]) -> Decimal | None:
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not (low <= number <= high):
        problems.append(_("%(f)s: phải là số trong khoảng %(lo)s đến %(hi)s.") % {"f": name, "lo": low, "hi": high})
        return None
    return number.quantize(Decimal("0.000001"))


def _phone(value: str) -> str:
    """The phone number in the 10-digit form danvan stores, from what a civic app passes on as its user typed
    it: "0905 123 456", "0905.123.456", "(0905) 123-456", "+84 905 123 456", "0084905123456". Anything else is
    returned unchanged, for the validator to refuse (a bare "84…" too: it could be a mistyped local number)."""
    digits = re.sub(r"[\s.\-()]", "", value)
    international = re.fullmatch(r"(?:\+|00)84(\d{9})", digits)
    if international:
        return "0" + international.group(1)
    return digits if re.fullmatch(r"0\d{9}", digits) else value


def _storable(text: str) -> bool:
    """Whether a database can store the text: no NUL (PostgreSQL refuses it) and no lone surrogate (which
    no UTF-8 encoder accepts; JSON can carry one as an escape)."""
    return "\x00" not in text and not any("\ud800" <= ch <= "\udfff" for ch in text)


def _requests_post(request: HttpRequest, fmt: str) -> HttpResponse:
    data = _post_data(request)
    bad = [key for key, values in data.lists() if not all(_storable(v) for v in [key, *values])]
    if bad:
        raise Open311Error(400, [_("%(f)s: chứa ký tự không hợp lệ (NUL hoặc mã Unicode lẻ).") % {
            "f": key.encode("utf-8", "backslashreplace").decode()} for key in bad])
    problems: list[str] = []
    attributes: dict[str, str] = {}
    for key in data:
        match = _ATTRIBUTE_KEY.fullmatch(key)
        if match:
            attributes[match.group(1)] = _single(data, key, problems)
        elif key not in POST_FIELDS:
            problems.append(_("Tham số không được hỗ trợ: %(f)s.") % {"f": key})
    fields = {name: _single(data, name, problems) for name in POST_FIELDS}
    fields["phone"] = _phone(fields["phone"])

    if not fields["api_key"]:
        # The spec: "403 for errors because of wrong or missing api_key".
        raise Open311Error(403, [_("Thiếu api_key.")])
    client = _client_for(request, fields["api_key"])
    if client is None:
        raise Open311Error(403, [_("api_key không hợp lệ hoặc đã bị thu hồi.")])

    service = SERVICES.get(fields["service_code"])
    if not fields["service_code"]:
        problems.append(_("Thiếu service_code."))
    elif service is None:
        problems.append(_("service_code: không có dịch vụ %(c)s.") % {"c": fields["service_code"]})

    lat = long = None
    if fields["lat"] or fields["long"]:
        if not (fields["lat"] and fields["long"]):
            problems.append(_("lat và long phải gửi cùng nhau."))
        else:
            lat = _decimal("lat", fields["lat"], -90, 90, problems)
            long = _decimal("long", fields["long"], -180, 180, problems)
    if fields["address_id"] and not (fields["address_string"] or fields["lat"]):
        problems.append(_("address_id chưa được hỗ trợ; gửi address_string hoặc lat/long."))
    elif not (fields["address_string"] or fields["lat"] or fields["long"]):
        problems.append(_("Cần vị trí: lat và long, hoặc address_string."))
    for name, limit in (("address_string", 500), ("first_name", 100), ("last_name", 100), ("device_id", 100),
                        ("account_id", 100), ("jurisdiction_id", 100), ("media_url", 1000)):
        if len(fields[name]) > limit:
            problems.append(_("%(f)s: dài quá %(n)s ký tự.") % {"f": name, "n": limit})
    description = fields["description"]
    if len(description) < 20:
        problems.append(_("description: cần trình bày nội dung, ít nhất 20 ký tự."))
    elif len(description) > 50_000:
        problems.append(_("%(f)s: dài quá %(n)s ký tự.") % {"f": "description", "n": 50_000})
    for name, validator in (("email", EmailValidator()), ("phone", phone_validator),
                            ("media_url", URLValidator(schemes=["http", "https"]))):
        if fields[name]:
            try:
                validator(fields[name])
            except DjangoValidationError as error:
                problems.append(f"{name}: {' '.join(str(m) for m in error.messages)}")

    if service is not None:
        for code, value in attributes.items():
            attribute = service.attribute(code)
            if attribute is None:
                problems.append(_("attribute[%(c)s]: dịch vụ %(s)s không có thuộc tính này.") % {
                    "c": code, "s": service.code})
            elif value:
                _check_attribute(attribute, value, problems)
        problems += [_("attribute[%(c)s]: bắt buộc.") % {"c": a.code}
                     for a in service.attributes if a.required and not attributes.get(a.code)]
    province, ward = int_param(attributes.get("province_code")), int_param(attributes.get("ward_code"))
    if ward is not None and province is None:
        problems.append(_("attribute[ward_code]: cần kèm attribute[province_code]."))
    elif ward is not None and province is not None and not places.ward_in_province(ward, province):
        problems.append(_("attribute[ward_code]: %(w)s không phải là xã, phường của tỉnh, thành phố %(p)s.") % {
            "w": ward, "p": province})

    full_name = attributes.get("full_name") or f"{fields['last_name']} {fields['first_name']}".strip()
    identifying = fields["phone"] or fields["email"] or attributes.get("id_number") or attributes.get("contact_address")
    if not full_name and (identifying or (service is not None and service.name_required)):
        problems.append(_("Cần họ tên người gửi (attribute[full_name], hoặc last_name và first_name)."))
    if problems:
        raise Open311Error(400, problems)
    assert service is not None  # every path without one added a problem above

    content = description
    if fields["media_url"]:
        # Stored in the petition, so in Vietnamese whatever the request's language.
        content += f"\n\nTài liệu kèm theo (đường dẫn): {fields['media_url']}"
    place = fields["address_string"]
    if lat is not None:
        place = f"{place} ({lat}, {long})".strip()
    people = [PersonData(
        full_name=full_name, id_number=attributes.get("id_number", ""), phone=fields["phone"], email=fields["email"],
        address=attributes.get("contact_address", ""),
    )] if full_name else []
    key = request.headers.get("Idempotency-Key") or ""

    try:
        receipt = open311_request_create(
            client=client, service_code=service.code, content=content, petitioners=people,
            subject=attributes.get("subject", ""), decision_text=attributes.get("decision_text", ""),
            request_text=attributes.get("request", ""), province_code=province, ward_code=ward, place_text=place,
            lat=lat, long=long,
            idempotency_key=_idempotency_key(client.pk, key),
        )
    except DjangoValidationError as error:
        messages = ([f"{f}: {m}" for f, ms in error.message_dict.items() for m in ms]
                    if hasattr(error, "error_dict") else list(error.messages))
        raise Open311Error(400, messages) from None
    petition = receipt.request.petition
    notice = _("Đơn đã được tiếp nhận; hạn xử lý đơn: %(due)s.") % {
        "due": date_format(petition.processing_due, "d/m/Y") if petition.processing_due else "—"}
    # Every service is "realtime", so the answer carries service_request_id and, as the spec says, no token
    # ("This should not be returned if service_request_id is returned"): a client that sees a token takes the
    # request for a batch one and polls tokens/ for an id it already has. The token stays recorded, and
    # tokens/{token} keeps answering for those handed out before.
    row: dict[str, Any] = {"service_request_id": petition.code, "service_notice": notice, "account_id": None}
    if receipt.secret:
        # An extension to the spec: the secret that unlocks /api/v1/petitions/{code}/status, shown once.
        row["tracking_secret"] = receipt.secret
    return render([row], fmt, "service_requests", status=201 if receipt.created else 200)


def _idempotency_key(client_id: int, key: str) -> str | None:
    # Namespaced by client and hashed: one client's keys cannot reach another's petitions, at any length.
    if not key:
        return None
    return "o311:" + hashlib.sha256(f"{client_id}:{key}".encode()).hexdigest()[:59]


@csrf_exempt
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method in SAFE_METHODS:
        return _handle(fmt, _requests_get, request, fmt)
    if request.method == "POST":
        return _handle(fmt, _requests_post, request, fmt)
    return _method_not_allowed(fmt, "GET, HEAD, POST")
