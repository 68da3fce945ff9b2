"""What a report layout may count: each dataset names its model, the date that places a record in a
period, the dimensions a column may filter on and the measures a cell may show.

Layouts (layouts/*.json) refer to these names only, so a new circular's columns are a data change; a new
dimension is one line here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.matters.models import Finding, Matter, MatterRecord
from danvan.matters.workflow import state_label
from danvan.org import places
from danvan.org.models import Unit, User
from danvan.petitions.models import Channel, Field, Kind, Petition, PetitionLink, Status
from danvan.reception.models import Handling, Refusal, Session, Visit


def local_midnight(day: dt.date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Dataset:
    name: str
    label: str | Promise  # translated when shown
    model: type[models.Model]
    # Filters a queryset to the records of [start, end] (both inclusive, local days).
    in_period: Callable[[QuerySet[Any], dt.date, dt.date], QuerySet[Any]]
    # dimension name -> ORM path (or an annotation name from `annotations`)
    dimensions: dict[str, str]
    # measure name -> a function of a filter (Q) giving the filtered aggregate, so that every column of a
    # form is one FILTER (WHERE ...) aggregate of a single GROUP BY unit query.
    measures: dict[str, Callable[[Q | None], Any]]
    # Computed dimensions, built per query for the period [start, end] (some depend on it or on today).
    annotations: Callable[[dt.date, dt.date], dict[str, Any]] = lambda start, end: {}
    # What the drill-down list shows: (label, attribute path) pairs; never a person's identity.
    columns: tuple[tuple[str | Promise, str], ...] = ()
    detail_url: str = ""  # a URL name taking the record's code, or "" when there is no page
    order_by: tuple[str, ...] = ("id",)
    # Columns that name people; shown only to those who may see identities.
    identity_columns: tuple[str, ...] = ()

    def records(self, start: dt.date, end: dt.date) -> QuerySet[Any]:
        """The records of the period [start, end], with the computed dimensions."""
        qs = self.model._default_manager.all()
        extra = self.annotations(start, end)
        return self.in_period(qs.annotate(**extra) if extra else qs, start, end)

    def records_url(self, start: dt.date, end: dt.date, **dims: Any) -> str:
        """The page listing `records(start, end)` narrowed by `dims` (dimension name -> value; `unit` is the
        page's unit scope), where a figure counted from them opens."""
        return f"{reverse('reports:records')}?{urlencode({'dataset': self.name, 'start': start, 'end': end, **dims})}"

    def dimension_filter(self, records: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        """`records` (from `records()`) narrowed to those whose dimension `name` is `value`; "-" means not set.

        The value is checked as its column would check it (a number, yes or no, one of the column's choices,
        no NUL byte) before it reaches the query: a value no row can hold is refused with ValidationError and
        a message naming the dimension, not left to fail in the database.
        """
        path = self.dimensions[name]
        if value == "-":
            return records.filter(**{f"{path}__isnull": True})
        # The column or computed dimension behind the path, as the query itself resolves it (a clone: resolving
        # a related path adds its join).
        field = records.query.clone().resolve_ref(path, allow_joins=True).output_field
        try:
            if "\x00" in value:
                raise ValidationError(_("Không được có ký tự NUL."))
            field.clean(value, None)
        except ValidationError as error:
            raise ValidationError(_("Giá trị không hợp lệ cho %(name)s: “%(value)s”. %(why)s") % {
                "name": name, "value": value[:40], "why": " ".join(error.messages)}, code="invalid_dimension") from error
        return records.filter(**{path: value})


def _date_range(field_name: str) -> Callable[[QuerySet[Any], dt.date, dt.date], QuerySet[Any]]:
    def apply(qs: QuerySet[Any], start: dt.date, end: dt.date) -> QuerySet[Any]:
        return qs.filter(**{f"{field_name}__gte": start, f"{field_name}__lte": end})
    return apply


def _datetime_range(field_name: str) -> Callable[[QuerySet[Any], dt.date, dt.date], QuerySet[Any]]:
    # A plain range on the stored instant keeps the index usable (no date cast per row).
    def apply(qs: QuerySet[Any], start: dt.date, end: dt.date) -> QuerySet[Any]:
        return qs.filter(**{f"{field_name}__gte": local_midnight(start),
                            f"{field_name}__lt": local_midnight(end + dt.timedelta(days=1))})
    return apply


def _caseload(qs: QuerySet[Any], start: dt.date, end: dt.date) -> QuerySet[Any]:
    """The matters the agency had to resolve in [start, end]: accepted by its end, neither decided nor closed
    before its start. Those accepted before the start are the ones carried over from the previous period."""
    return qs.filter(accepted_on__lte=end).exclude(decided_on__lt=start).exclude(closed_on__lt=start)


def _matter_dimensions(start: dt.date, end: dt.date) -> dict[str, Any]:
    # As they stood at the period's end, so that a past period's report does not change when a matter moves on.
    return {
        "arrival": Case(When(accepted_on__lt=start, then=Value("carried")), default=Value("new"),
                        output_field=models.CharField()),
        "resolved": Case(When(decided_on__lte=end, then=Value(True)), default=Value(False),
                         output_field=models.BooleanField()),
        # Where it stood: decided, withdrawn, suspended or being resolved. The four add up to the caseload.
        "stage": Case(When(decided_on__lte=end, then=Value("resolved")),
                      When(state="withdrawn", closed_on__lte=end, then=Value("withdrawn")),
                      When(_suspended_at(end), then=Value("suspended")),
                      default=Value("open"), output_field=models.CharField()),
    }


def _suspended_at(day: dt.date) -> Exact:
    """Whether the matter's last suspension or resumption recorded by `day` was a suspension: so a matter
    suspended then and resumed since still counts as suspended in that period's report."""
    last = (MatterRecord.objects.filter(matter=OuterRef("pk"), transition__in=("suspend", "resume"), on__lte=day)
            .order_by("-on", "-pk").values("transition")[:1])
    return Exact(Subquery(last), "suspend")


def petition_timeliness(today: dt.date | None = None) -> Case:
    """"on_time" or "late" once decided (against the processing time limit), "overdue" while open past it,
    else "open". Decided on the due day is on time: the period ends at 24:00 of its last day."""
    today = today or timezone.localdate()
    decided_day = TruncDate("decided_at", tzinfo=timezone.get_current_timezone())
    return Case(
        When(decided_at__isnull=False, processing_due__isnull=False,
             then=Case(When(Q(processing_due__lt=decided_day), then=Value("late")), default=Value("on_time"))),
        When(decided_at__isnull=False, then=Value("on_time")),
        When(processing_due__lt=today, then=Value("overdue")),
        default=Value("open"), output_field=models.CharField(),
    )


def _petition_signals() -> dict[str, Any]:
    """What the hot-issue finder and the scorecards (danvan.insights) count by, so that their figures open to
    their records: the topic (the id of the handler's field, else of the one suggested at intake: ids, not
    codes, so that the statutory reports' queries on this dataset take no join for it); whether the petition
    repeats one already received (the same person again, or the same letter through another agency); and the
    official it is counted for (the one assigned to it, else the one who decided it)."""
    repeats = PetitionLink.objects.filter(petition=OuterRef("pk"),
                                          kind__in=(PetitionLink.Kind.DUPLICATE, PetitionLink.Kind.COPY))
    return {"topic": Coalesce("field_id", "suggested_field_id"), "repeat": Exists(repeats),
            "official": Coalesce("assigned_to_id", "decided_by_id")}


def _choice(choices: Any) -> Callable[[str], str]:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value))


def _yes_no(value: str) -> str:
    return str(_("có") if value in ("True", "true", "1") else _("không"))


def _named(model: type[models.Model], key: str = "pk", shown: str = "") -> Callable[[str], str]:
    """The record a (checked) value names, as it reads (or its attribute `shown`)."""
    def name(value: str) -> str:
        found = model._default_manager.filter(**{key: value}).first()
        if found is None:
            return value
        return str(getattr(found, shown) if shown else found)
    return name


def _province(value: str) -> str:
    return places.province_name(int(value)) or value


# What each dimension is called on a page, and how its values read. The same name means the same thing in
# every dataset, so one table serves them all.
DIMENSION_LABELS: dict[str, tuple[str | Promise, Callable[[str], str]]] = {
    "kind": (gettext_lazy("Loại"), _choice([*Kind.choices, *Matter.Kind.choices])),
    "field": (gettext_lazy("Lĩnh vực"), _named(Field, "code")),
    "topic": (gettext_lazy("Lĩnh vực"), _named(Field)),
    "province": (gettext_lazy("Tỉnh, thành phố"), _province),
    "channel": (gettext_lazy("Nguồn đơn"), _choice(Channel.choices)),
    "status": (gettext_lazy("Trạng thái"), _choice(Status.choices)),
    "timeliness": (gettext_lazy("Thời hạn xử lý"), _choice([
        ("on_time", gettext_lazy("Đúng hạn")), ("late", gettext_lazy("Trễ hạn")),
        ("overdue", gettext_lazy("Quá hạn chưa xử lý")), ("open", gettext_lazy("Đang trong hạn"))])),
    "repeat": (gettext_lazy("Đơn gửi lại, gửi nhiều nơi"), _yes_no),
    "official": (gettext_lazy("Cán bộ"), _named(User)),
    "own_unit": (gettext_lazy("Đơn vị"), _named(Unit)),
    "handling": (gettext_lazy("Hướng xử lý"), _choice(Handling.choices)),
    "is_group": (gettext_lazy("Đoàn đông người"), _yes_no),
    "session_kind": (gettext_lazy("Loại buổi tiếp"), _choice(Session.Kind.choices)),
    "mode": (gettext_lazy("Hình thức"), _choice(Session.Mode.choices)),
    "petition": (gettext_lazy("Đơn"), _named(Petition, shown="code")),
    "ground": (gettext_lazy("Căn cứ từ chối"), str),
    "state": (gettext_lazy("Trạng thái"), state_label),
    "tier": (gettext_lazy("Lần giải quyết"), str),
    "arrival": (gettext_lazy("Thụ lý"), _choice([
        ("carried", gettext_lazy("Kỳ trước chuyển sang")), ("new", gettext_lazy("Thụ lý mới"))])),
    "resolved": (gettext_lazy("Đã giải quyết"), _yes_no),
    "stage": (gettext_lazy("Tình trạng"), _choice([
        ("resolved", gettext_lazy("Đã giải quyết")), ("withdrawn", gettext_lazy("Đã rút")),
        ("suspended", gettext_lazy("Tạm đình chỉ")), ("open", gettext_lazy("Đang giải quyết"))])),
    "finding": (gettext_lazy("Kết quả giải quyết"), _choice(Finding.choices)),
}


def dimension_described(name: str, value: str) -> str:
    """A dimension's filter as a reader says it: "Lĩnh vực: Đất đai", "Đơn: không có"."""
    label, read = DIMENSION_LABELS[name]
    shown = _("không có") if value == "-" else read(value)
    return f"{label}: {shown}"


DATASETS: dict[str, Dataset] = {
    "visits": Dataset(
        name="visits", label=gettext_lazy("Lượt tiếp công dân"), model=Visit, in_period=_date_range("visited_on"),
        dimensions={"kind": "kind", "field": "field__code", "handling": "handling", "is_group": "is_group",
                    "session_kind": "session__kind", "mode": "session__mode", "province": "province_code",
                    # For the hot-issue finder (danvan.insights): the field by id, and the petition that records
                    # the visit ("-": none, the visit alone tells of it).
                    "topic": "field_id", "petition": "petition_id"},
        measures={"count": lambda q: Count("id", filter=q), "people": lambda q: Sum("people_count", filter=q)},
        columns=((gettext_lazy("Số"), "number"), (gettext_lazy("Ngày tiếp"), "visited_on"),
                 (gettext_lazy("Họ và tên"), "full_name"), (gettext_lazy("Nội dung"), "content"),
                 (gettext_lazy("Số người"), "people_count"), (gettext_lazy("Hướng xử lý"), "get_handling_display"),
                 (gettext_lazy("Đơn vị"), "unit")),
        order_by=("visited_on", "number"), identity_columns=("full_name",),
    ),
    "refusals": Dataset(
        name="refusals", label=gettext_lazy("Trường hợp từ chối tiếp"), model=Refusal, in_period=_date_range("on"),
        dimensions={"ground": "ground"}, measures={"count": lambda q: Count("id", filter=q)},
        columns=((gettext_lazy("Ngày"), "on"), (gettext_lazy("Họ và tên"), "full_name"),
                 (gettext_lazy("Căn cứ"), "ground_text"), (gettext_lazy("Đơn vị"), "unit")),
        order_by=("on", "id"), identity_columns=("full_name",),
    ),
    "petitions": Dataset(
        name="petitions", label=gettext_lazy("Đơn"), model=Petition, in_period=_datetime_range("received_at"),
        dimensions={"kind": "kind", "field": "field__code", "channel": "channel", "status": "status",
                    "province": "province_code", "timeliness": "timeliness", "topic": "topic", "repeat": "repeat",
                    "official": "official", "own_unit": "unit_id"},
        measures={"count": lambda q: Count("id", filter=q)},
        annotations=lambda start, end: {"timeliness": petition_timeliness(), **_petition_signals()},
        columns=((gettext_lazy("Mã"), "code"), (gettext_lazy("Ngày nhận"), "received_at"),
                 (gettext_lazy("Trích yếu"), "subject"), (gettext_lazy("Loại"), "get_kind_display"),
                 (gettext_lazy("Trạng thái"), "get_status_display"), (gettext_lazy("Đơn vị"), "unit")),
        detail_url="petitions:detail", order_by=("received_at", "id"),
    ),
    "matters": Dataset(
        name="matters", label=gettext_lazy("Vụ việc"), model=Matter, in_period=_caseload,
        dimensions={"kind": "kind", "state": "state", "tier": "tier", "arrival": "arrival", "resolved": "resolved",
                    "stage": "stage", "finding": "finding"},
        measures={"count": lambda q: Count("id", filter=q)},
        annotations=_matter_dimensions,
        columns=((gettext_lazy("Mã"), "code"), (gettext_lazy("Ngày thụ lý"), "accepted_on"),
                 (gettext_lazy("Loại"), "get_kind_display"), (gettext_lazy("Trạng thái"), "state"),
                 (gettext_lazy("Đơn vị"), "unit")),
        order_by=("accepted_on", "id"),
    ),
}
