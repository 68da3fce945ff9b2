"""Group commit with real threads on the real database: every request answered, once, after its commit."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from danvan.consultation import groupcommit, services
from danvan.consultation.models import Comment

pytestmark = pytest.mark.django_db(transaction=True)


def _submit_from_threads(draft_id: int, calls: list[dict], threads: int = 8) -> list[services.SubmitResult]:
    def one(call: dict) -> services.SubmitResult:
        try:
            return services.comment_submit(draft_id=draft_id, **call)
        finally:
            connection.close()

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(one, calls))


def test_concurrent_comments_are_all_stored_once_and_retries_get_the_first_receipt(open_draft):
    calls = [{"text": f"Ý kiến số {i}.", "client_key": f"app-{i % 40}"} for i in range(120)]
    results = _submit_from_threads(open_draft.pk, calls)

    stored = dict(Comment.objects.filter(draft=open_draft).values_list("dedupe_key", "receipt"))
    assert len(stored) == 40  # one row per client key
    for call, result in zip(calls, results, strict=True):
        assert result.receipt == stored[f"c:{call['client_key']}"]
    assert sum(r.created for r in results) == 40


def test_comments_without_a_key_are_each_stored(open_draft):
    results = _submit_from_threads(open_draft.pk, [{"text": "Cùng một câu."} for _ in range(32)])
    assert all(r.created for r in results)
    assert len({r.receipt for r in results}) == 32
    assert Comment.objects.filter(draft=open_draft).count() == 32


def test_requests_share_a_statement_when_they_wait_together(open_draft):
    # Hold the leader inside its INSERT until the others have queued behind it.
    inserts: list[int] = []
    queued = threading.Event()
    real_insert = groupcommit._insert

    def slow_insert(cursor, comments):
        inserts.append(len(comments))
        if len(inserts) == 1:
            queued.wait(timeout=10)
        return real_insert(cursor, comments)

    groupcommit._insert = slow_insert
    try:
        with ThreadPoolExecutor(6) as pool:
            first = pool.submit(lambda: _one(open_draft.pk, "đầu tiên"))
            while not inserts:
                threading.Event().wait(0.01)
            rest = [pool.submit(_one, open_draft.pk, f"theo sau {i}") for i in range(5)]
            while len(groupcommit._queue._waiting) < 5:
                threading.Event().wait(0.01)
            queued.set()
            results = [first.result(), *(f.result() for f in rest)]
    finally:
        groupcommit._insert = real_insert
    assert inserts == [1, 5]
    assert all(r.created for r in results)
    assert Comment.objects.filter(draft=open_draft).count() == 6


def _one(draft_id: int, text: str) -> services.SubmitResult:
    try:
        return services.comment_submit(draft_id=draft_id, text=text)
    finally:
        connection.close()


def test_a_taken_receipt_is_drawn_again(open_draft, monkeypatch):
    taken = services.comment_submit(draft_id=open_draft.pk, text="Ý kiến thứ nhất.").receipt
    draws = iter([taken, taken, "MOI1234567"])
    monkeypatch.setattr(services, "_receipt", lambda: next(draws))
    result = services.comment_submit(draft_id=open_draft.pk, text="Ý kiến thứ hai.")
    assert result.receipt == "MOI1234567" and result.created
    assert Comment.objects.get(receipt=taken).text == "Ý kiến thứ nhất."


def test_a_database_failure_refuses_every_comment_of_the_batch_and_stores_none(open_draft, monkeypatch):
    def broken(cursor, comments):
        cursor.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(groupcommit, "_insert", broken)
    with pytest.raises(services.CommentRefused) as refused:
        services.comment_submit(draft_id=open_draft.pk, text="Ý kiến không lưu được.")
    assert refused.value.status == 503
    assert not Comment.objects.filter(draft=open_draft).exists()
