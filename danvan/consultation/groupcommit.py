"""Group commit for public comments: the requests of one process share one INSERT and one COMMIT.

Near the close of a national consultation thousands of comments arrive each second, and a transaction per
comment spends most of its cost on what every commit costs (a round trip, a statement, a WAL flush). Here
the requests waiting in a process form a batch: the first becomes its leader and writes every comment
waiting with one multi-row INSERT, while the others wait; when the leader is done, the next waiting
request leads the next batch. Nobody waits on a timer: a batch is whatever queued up while the one before
it was being written, so a lone request is written at once.

A request is answered only after the statement holding its comment has committed: nothing acknowledged
is lost. Conflicts are settled per row (`ON CONFLICT DO NOTHING`): a client key seen before answers with the
first receipt, a receipt already taken draws a new one.

Inside a transaction (imports, tests) a comment is written alone on the caller's connection: another
request's comment must never ride in a transaction that may still roll back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from danvan.consultation.models import Comment

_COLUMNS = [f for f in Comment._meta.concrete_fields if not f.primary_key]
_COLUMN_NAMES = [str(f.column) for f in _COLUMNS]
_ATTEMPTS = 3


class ReceiptsExhausted(Exception):
    """Every receipt drawn for a comment was already taken (never seen in practice)."""


@dataclass
class Stored:
    receipt: str
    status: str
    created: bool


@dataclass(eq=False)
class _Pending:
    comment: Comment
    ready: threading.Event = field(default_factory=threading.Event)
    leads: bool = False
    stored: Stored | None = None
    error: BaseException | None = None

    def result(self) -> Stored:
        if self.error is not None:
            raise self.error
        assert self.stored is not None
        return self.stored


class _Queue:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[_Pending] = []
        self._leading = False

    def store(self, comment: Comment, new_receipt: Callable[[], str]) -> Stored:
        me = _Pending(comment)
        with self._lock:
            self._waiting.append(me)
            me.leads = not self._leading
            self._leading = True
        if not me.leads:
            me.ready.wait()
            if not me.leads:
                return me.result()
        # The leader: take what is waiting (itself first), write it, then hand over.
        with self._lock:
            size = _batch_size()
            batch, self._waiting = self._waiting[:size], self._waiting[size:]
        try:
            write(batch, new_receipt)
        finally:
            with self._lock:
                if self._waiting:
                    self._waiting[0].leads = True
                    self._waiting[0].ready.set()
                else:
                    self._leading = False
            for pending in batch:
                if pending is not me:
                    pending.ready.set()
        return me.result()


_queue = _Queue()


def comment_store(comment: Comment, new_receipt: Callable[[], str]) -> Stored:
    """Write `comment`, batched with the other requests of this process; returns once committed.

    `new_receipt()` draws a fresh receipt when the comment's is taken. Raises what the database raised
    (every comment of the failed batch gets the error), or ReceiptsExhausted.
    """
    if transaction.get_connection().in_atomic_block:
        pending = _Pending(comment)
        write([pending], new_receipt)
        return pending.result()
    return _queue.store(comment, new_receipt)


def _batch_size() -> int:
    # SQLite caps the parameters of one statement; PostgreSQL at 65,535.
    return max(1, min(500, connection.ops.bulk_batch_size(_COLUMNS, [None] * 500)))


def write(batch: list[_Pending], new_receipt: Callable[[], str]) -> None:
    """Store every comment of `batch`, setting each one's `stored` or `error` (never raises for one row)."""
    try:
        todo = list(batch)
        for _attempt in range(_ATTEMPTS):
            _unique_receipts(todo, new_receipt)
            with connection.cursor() as cursor:
                inserted = _insert(cursor, [p.comment for p in todo])
                conflicted = [p for p in todo if p.comment.receipt not in inserted]
                for p in todo:
                    if p.comment.receipt in inserted:
                        p.stored = Stored(p.comment.receipt, p.comment.status, True)
                todo = _replay_known_keys(conflicted)
            if not todo:
                return
            for p in todo:
                p.comment.receipt = new_receipt()
        for p in todo:
            p.error = ReceiptsExhausted()
    except Exception as exc:  # the database refused the statement or the connection broke
        for p in batch:
            if p.stored is None:
                p.error = exc


def _unique_receipts(todo: list[_Pending], new_receipt: Callable[[], str]) -> None:
    # Two rows of one statement must not share a receipt: the one skipped could not be told apart.
    seen: set[str] = set()
    for p in todo:
        while p.comment.receipt in seen:
            p.comment.receipt = new_receipt()
        seen.add(p.comment.receipt)


def _insert(cursor: CursorWrapper, comments: list[Comment]) -> set[str]:
    quote = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    # Table and column names come from the model; every value is a parameter.
    sql = (f"INSERT INTO {quote(Comment._meta.db_table)} ({', '.join(map(quote, _COLUMN_NAMES))}) "  # noqa: S608
           f"VALUES {', '.join([row] * len(comments))} ON CONFLICT DO NOTHING RETURNING {quote('receipt')}")
    params = [f.get_db_prep_save(getattr(c, f.attname), connection) for c in comments for f in _COLUMNS]
    cursor.execute(sql, params)
    return {receipt for (receipt,) in cursor.fetchall()}


def _replay_known_keys(conflicted: list[_Pending]) -> list[_Pending]:
    """Answer the comments whose client key was seen before with the first receipt; return the others (their
    receipt was taken)."""
    keyed = [p for p in conflicted if p.comment.dedupe_key]
    known: dict[tuple[int, str | None], tuple[str, str]] = {}
    if keyed:
        for draft_id, key, receipt, status in Comment.objects.filter(
            draft_id__in={p.comment.draft_id for p in keyed}, dedupe_key__in={p.comment.dedupe_key for p in keyed},
        ).values_list("draft_id", "dedupe_key", "receipt", "status"):
            known[(draft_id, key)] = (receipt, status)
    rest = []
    for p in conflicted:
        first = known.get((p.comment.draft_id, p.comment.dedupe_key))
        if first is not None:
            p.stored = Stored(first[0], first[1], False)
        else:
            rest.append(p)
    return rest
