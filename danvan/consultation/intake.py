"""The light path a public comment takes: what it may read (a per-process cache of the draft's period and
provisions), the spam signals that hold a comment for moderation, and the rate limit.

Nothing here drops a comment: a spam signal holds it for a person to look at; a rate limit refuses the
request with 429 before anything is stored, and the client is told when to retry.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from dataclasses import dataclass

from django.utils.translation import gettext as _

from danvan.consultation import conf
from danvan.consultation.models import Draft, DraftVersion, Provision
from danvan.security import ratelimit

_CACHE_SECONDS = 10.0
_lock = threading.Lock()
_drafts: dict[int, tuple[float, DraftInfo | None]] = {}


@dataclass(frozen=True)
class DraftInfo:
    """What a comment needs to know about its draft; cached per process for a few seconds."""

    id: int
    opens_on: dt.date | None
    closes_on: dt.date | None
    # provision id -> (anchor, article anchor), for every version: a reader may still have an old one open.
    provisions: dict[int, tuple[str, str]]


def draft_info(draft_id: int) -> DraftInfo | None:
    now = time.monotonic()
    hit = _drafts.get(draft_id)
    if hit is not None and hit[0] > now:
        return hit[1]
    draft = Draft.objects.filter(pk=draft_id).values("id", "opens_on", "closes_on").first()
    info = None
    if draft is not None:
        provisions = {pk: (anchor, article) for pk, anchor, article in Provision.objects.filter(
            version__draft_id=draft_id).values_list("id", "anchor", "article_anchor")}
        info = DraftInfo(draft["id"], draft["opens_on"], draft["closes_on"], provisions)
    with _lock:
        _drafts[draft_id] = (now + _CACHE_SECONDS, info)
    return info


def draft_info_forget(draft_id: int) -> None:
    """Called by the services that change a draft's period or versions (other processes catch up within
    _CACHE_SECONDS)."""
    with _lock:
        _drafts.pop(draft_id, None)


def latest_version(draft: Draft) -> DraftVersion | None:
    return draft.versions.order_by("-number").first()


_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_REPEAT = re.compile(r"(.)\1{19,}")


def spam_signals(text: str, *, honeypot: str = "", seconds_on_page: float | None = None) -> list[str]:
    """Reasons to hold a comment for moderation, in words its author will read, in the language of the
    request (empty: none). They are stored with the comment as its moderation reason."""
    reasons: list[str] = []
    if honeypot.strip():
        reasons.append(_("biểu mẫu có trường ẩn được điền (dấu hiệu gửi tự động)"))
    if seconds_on_page is not None and seconds_on_page < conf.min_seconds_on_page():
        reasons.append(_("gửi quá nhanh sau khi mở trang (dấu hiệu gửi tự động)"))
    if len(_URL.findall(text)) > 2:
        reasons.append(_("chứa nhiều đường dẫn đến trang web khác"))
    if _REPEAT.search(text):
        reasons.append(_("có chuỗi ký tự lặp lại nhiều lần"))
    return reasons


def rate_limit_hit(client: str) -> tuple[bool, int]:
    """Count one comment from `client` (its network address): (allowed, seconds until the window ends).

    The window and the number allowed are a setting (DANVAN_CONSULTATION_RATE: "<count>/<seconds>"; "0/…"
    turns it off). Counted by danvan.security.ratelimit in the cache every server process shares, so that
    several processes count one address together.
    """
    count, window = conf.rate()
    if count <= 0:
        return True, 0
    return ratelimit.hit("comment", client, ratelimit.Limit(count, window))
