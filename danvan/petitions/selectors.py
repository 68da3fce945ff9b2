"""Reads on petitions shared by pages, the API and reports."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import OperationalError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.selectors import events_for
from danvan.org.models import User
from danvan.org.predicates import is_official, is_supervisor, sees_every_unit, user_unit_ids
from danvan.petitions.models import DUE_SOON_DAYS, OPEN_STATUSES, Petition
from textmining.normalize import fold

# Counting every match of a common word is slow at millions of rows; lists say "more than" past this.
COUNT_CAP = 1000


def petitions_visible_to(user: User) -> QuerySet[Petition]:
    qs = Petition.objects.all()
    if sees_every_unit(user):
        return qs
    if is_supervisor(user) and not is_official(user):
        from danvan.security.selectors import published_petitions_q

        return qs.filter(published_petitions_q(user))
    return qs.filter(Q(unit_id__in=user_unit_ids(user)) | Q(assigned_to=user))


def without_recused(user: User, rows: list[Petition]) -> list[Petition]:
    """The rows of a list page `user` may see: a denunciation naming them, or an official of their unit, is
    left out (danvan.people.recusal; the count above the list still includes it)."""
    from danvan.people.recusal import denounced_prime, recused

    denounced_prime(rows)
    return [p for p in rows if not recused(user, p)]


def search_phrases(query: str) -> list[str]:
    """Split a query on commas into phrases, each folded: "Đất đai, Hà Nội" -> ["dat dai", "ha noi"]."""
    return [p for p in (fold(part) for part in query.split(",")) if p]


def phrase_terms(phrase: str) -> list[str]:
    """What the index holds for a folded phrase: its adjacent word pairs, or its one word."""
    words = phrase.split()
    return [f"{a} {b}" for a, b in itertools.pairwise(words)] or words


def petitions_search(qs: QuerySet[Petition], query: str) -> QuerySet[Petition]:
    """Petitions whose folded subject and content contain every comma-separated phrase of `query`.

    PostgreSQL matches a stored tsvector column (words and adjacent word pairs, migration 0005) through its
    GIN index: the pairs find the candidates, the phrase query checks word order; SQLite an FTS5 table.
    Both index the folded text, so marks, case and đ do not matter.
    """
    phrases = search_phrases(query)
    if not phrases:
        return qs
    if connection.vendor == "postgresql":
        parts, params = [], []
        for phrase in phrases:
            terms = phrase_terms(phrase)
            if len(phrase.split()) > 1:
                parts += ["quote_literal(%s)::tsquery"] * len(terms)
                params += terms
            parts.append("phraseto_tsquery('simple', %s)")
            params.append(phrase)
        # The stored tsvector column is not a model field, so the match is written in SQL; every value is a
        # bound parameter.
        return qs.extra(where=[f"petitions_petition.search_vector @@ ({' && '.join(parts)})"],  # noqa: S610
                        params=params)
    match = " AND ".join(f'"{p}"' for p in phrases)
    return qs.extra(
        where=["petitions_petition.id IN (SELECT rowid FROM petitions_petition_fts WHERE petitions_petition_fts MATCH %s)"],
        params=[match],
    )


@dataclass
class PetitionFilters:
    q: str = ""
    kind: str = ""
    field: str = ""
    unit: int | None = None
    status: str = ""
    province: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    due: str = ""  # "soon" | "overdue"


def petitions_list(*, user: User, filters: PetitionFilters) -> QuerySet[Petition]:
    qs = petitions_visible_to(user)
    if filters.q:
        qs = petitions_search(qs, filters.q)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.field:
        qs = qs.filter(field__code=filters.field)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.province:
        qs = qs.filter(province_code=filters.province)
    if filters.received_from:
        qs = qs.filter(received_at__date__gte=filters.received_from)
    if filters.received_to:
        qs = qs.filter(received_at__date__lte=filters.received_to)
    today = timezone.localdate()
    if filters.due == "overdue":
        qs = qs.filter(status__in=OPEN_STATUSES, processing_due__lt=today)
    elif filters.due == "soon":
        qs = qs.filter(status__in=OPEN_STATUSES, processing_due__gte=today,
                       processing_due__lte=today + timedelta(days=DUE_SOON_DAYS))
    return qs.select_related("unit", "field").order_by("-received_at", "-id")


def capped_count(qs: QuerySet[Petition]) -> tuple[int, bool]:
    """(count, exact): exact up to COUNT_CAP, else (COUNT_CAP, False)."""
    n = qs.order_by()[: COUNT_CAP + 1].count()
    return (n, True) if n <= COUNT_CAP else (COUNT_CAP, False)


@dataclass
class Page:
    rows: list[Petition]
    has_next: bool
    count: int
    count_exact: bool


# The newest matches of a query in at least this share of petitions are found soonest by walking the
# received_at index (about 25 / share rows read); below it, by the GIN index (share x petitions rows read).
# The two meet near sqrt(25 / petitions): 0.5% at one million.
NEWEST_FIRST_SHARE = 0.005
# How long the newest-first walk may take before the GIN index is asked instead.
NEWEST_FIRST_BUDGET_MS = 150
QUERY_CANCELED = "57014"
_STATS_TTL = 600.0
_stats_cache: dict[str, tuple[float, dict[str, float]]] = {}


def _term_shares() -> dict[str, float]:
    """The share of petitions holding each common word or word pair, from PostgreSQL's statistics (ANALYZE
    keeps the most common elements of the tsvector column); cached per process for ten minutes."""
    cached = _stats_cache.get(connection.alias)
    if cached and time.monotonic() - cached[0] < _STATS_TTL:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'petitions_petition' AND attname = 'search_vector'"
        )
        row = cursor.fetchone()
    shares = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _stats_cache[connection.alias] = (time.monotonic(), shares)
    return shares


def estimated_share(query: str) -> float:
    """The share of petitions a query matches, as far as the statistics tell: a phrase is no more common
    than its rarest term, phrases are taken as independent; a term not among the common ones counts as 0."""
    shares = _term_shares()
    estimate = 1.0
    for phrase in search_phrases(query):
        estimate *= min(shares.get(term, 0.0) for term in phrase_terms(phrase))
    return estimate


def petitions_page(qs: QuerySet[Petition], *, query: str, offset: int, limit: int) -> Page:
    """One page of a list (newest first) and its capped count, read with the plan that suits the query.

    On PostgreSQL a query that matches many petitions (estimated_share) is read newest-first through the
    received_at index, which stops as soon as the page is full; a rarer one through the GIN index. The
    planner cannot choose by itself: it estimates a phrase by multiplying its words' shares, which is wrong
    both ways. The estimate can be wrong too (two common phrases rarely together), so the walk has a time
    budget; past it, the GIN index answers. The count gets what is left of the budget; past it, the list
    says "more than" the rows it has.
    """
    if connection.vendor != "postgresql" or not search_phrases(query) or estimated_share(query) < NEWEST_FIRST_SHARE:
        return _page_read(qs, offset, limit)
    started = time.monotonic()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # Only the received_at index walk, streamed (an incremental sort breaks ties on id): the
            # planner, which multiplies the shares of the query's words and pairs, would expect a handful of
            # matches and scan or sort all of them instead; and no JIT compilation, which that estimate
            # triggers and which alone costs ~100 ms.
            for setting in ("enable_bitmapscan", "enable_seqscan", "enable_sort", "jit"):
                cursor.execute(f"SET LOCAL {setting} = off")
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            cursor.execute(f"SET LOCAL statement_timeout = {int(NEWEST_FIRST_BUDGET_MS)}")
            rows = list(qs[offset: offset + limit + 1])
            if rows and len(rows) <= limit:
                return Page(rows, False, offset + len(rows), True)
            left = NEWEST_FIRST_BUDGET_MS - (time.monotonic() - started) * 1000
            try:
                with transaction.atomic():  # a savepoint: a count past the budget leaves the page standing
                    cursor.execute(f"SET LOCAL statement_timeout = {max(1, int(left))}")
                    count, exact = capped_count(qs)
            except OperationalError as error:
                if not _canceled(error):
                    raise
                count, exact = offset + min(len(rows), limit), False
            return Page(rows[:limit], len(rows) > limit, count, exact)
    except OperationalError as error:
        if not _canceled(error):
            raise
    return _page_read(qs, offset, limit)


def _page_read(qs: QuerySet[Petition], offset: int, limit: int) -> Page:
    rows = list(qs[offset: offset + limit + 1])
    if rows and len(rows) <= limit:  # the last page: the count is known without counting
        return Page(rows, False, offset + len(rows), True)
    count, exact = capped_count(qs)
    return Page(rows[:limit], len(rows) > limit, count, exact)


def _canceled(error: OperationalError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == QUERY_CANCELED


@dataclass(frozen=True)
class Step:
    at: datetime
    label: str
    detail: str = ""
    actor: str = ""


def _labels() -> dict[str, tuple[str, str]]:
    """action -> (what staff read, what the citizen reads; "" keeps the step from the citizen)."""
    return {
        "petition.receive": (_("Tiếp nhận đơn"), _("Đã tiếp nhận đơn")),
        "petition.find_duplicates": (_("Tìm đơn trùng"), ""),
        "petition.classify": (_("Phân loại đơn"), _("Đang xem xét, xử lý đơn")),
        "petition.assign": (_("Giao cán bộ xử lý"), ""),
        "petition.link": (_("Liên kết đơn"), ""),
        "petition.accept": (_("Đề xuất thụ lý, mở vụ việc"), _("Đơn được chuyển giải quyết theo thẩm quyền")),
        "petition.answer": (_("Trả lời công dân"), _("Đã trả lời")),
        "petition.guide": (_("Hướng dẫn công dân"), _("Đã hướng dẫn gửi đơn đến cơ quan có thẩm quyền")),
        "petition.forward": (_("Chuyển đơn"), _("Đã chuyển đơn đến cơ quan có thẩm quyền")),
        "petition.archive": (_("Lưu đơn"), _("Đơn được lưu, không xử lý tiếp")),
        "petition.supplement": (_("Người gửi bổ sung đơn"), _("Bạn đã gửi bổ sung")),
        "petition.withdrawal_request": (_("Người gửi đề nghị rút đơn"),
                                        _("Bạn đã đề nghị rút đơn; cơ quan sẽ xem xét và thông báo")),
    }


def petition_step_label(action: str, *, public: bool) -> str:
    staff_label, public_label = _labels().get(action, (action, ""))
    return public_label if public else staff_label


def petition_history(petition: Petition, *, public: bool) -> list[Step]:
    """The petition's steps, oldest first. `public` gives the citizen's view: outcomes and their reasons,
    never who handled it, and nothing of the desk's internal work."""
    labels = _labels()
    steps = []
    for event in events_for(petition).exclude(action="identity.view"):
        staff_label, public_label = labels.get(event.action, (event.action, ""))
        if public and not public_label:
            continue
        detail = event.data.get("target") or event.data.get("reason") or ""
        if not public and event.action == "petition.classify":
            detail = event.data.get("note", "")
        actor = "" if public else event.actor_display
        steps.append(Step(event.at, public_label if public else staff_label, detail, actor))
    return steps
