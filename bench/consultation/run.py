"""Benchmark the consultation grouping engine against the generator's truth, and optionally against a
datasketch MinHashLSH baseline on the same data in the same run.

    .venv/bin/python -m bench.consultation.run --data bench/out/consultation/n1m --baseline --baseline-n 100000

Reports comments/second, peak RSS of the whole process tree (sampled from /proc every 0.25 s: a sample walks all of /proc, about 4 ms of CPU that counts in the CPU figure) and the
pairwise precision and recall over same-group pairs.
"""

from __future__ import annotations

import argparse
import os
import resource
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from textmining.consultation import group_comments, pairwise_scores


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                parts = f.read().rsplit(")", 1)[1].split()
            ppid = int(parts[1])
            rss[int(d)] = int(parts[21]) * os.sysconf("SC_PAGE_SIZE")
            children.setdefault(ppid, []).append(int(d))
        except (OSError, ValueError, IndexError):
            continue
    total, stack = 0, [root]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


class PeakRSS:
    """Samples the process tree's RSS in a daemon thread while a step runs."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(me))
            self._stop.wait(0.25)

    def __enter__(self) -> PeakRSS:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, _tree_rss(os.getpid()))


def measure(name: str, n: int, fn: Callable[[], pl.DataFrame], truth: pl.DataFrame) -> dict[str, Any]:
    def cpu() -> float:
        a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime

    with PeakRSS() as mem:
        t, c = time.perf_counter(), cpu()
        assignments = fn()
        elapsed, cpu_s = time.perf_counter() - t, cpu() - c
    joined = truth.join(assignments, on="id", how="left")
    assert joined["group_id"].null_count() == 0, "a comment was left out"
    assert assignments.height == truth.height, "a comment was assigned twice"
    scores = pairwise_scores(joined["group_id"], joined["truth_group"])
    row = {
        "engine": name, "n": n, "seconds": round(elapsed, 1), "cpu_seconds": round(cpu_s, 1),
        "comments_per_s": round(n / elapsed), "comments_per_cpu_s": round(n / cpu_s),
        "peak_rss_gb": round(mem.peak / 2**30, 2), "precision": round(scores["precision"], 4),
        "recall": round(scores["recall"], 4), "groups": assignments["group_id"].n_unique(),
    }
    print(row, flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="folder written by bench.consultation.generate")
    ap.add_argument("--n", type=int, default=None, help="use the first n comments (default: all)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--baseline", action="store_true", help="also run the datasketch MinHashLSH baseline")
    ap.add_argument("--baseline-n", type=int, default=None,
                    help="comments for the baseline (and a like-for-like engine run), default: same as --n")
    a = ap.parse_args()

    lf = pl.scan_parquet(str(a.data / "*.parquet"))
    if a.n is not None:
        lf = lf.head(a.n)
    n = lf.select(pl.len()).collect().item()
    truth = lf.select("id", "truth_group").collect()
    rows = []

    def engine(data: Any) -> Callable[[], pl.DataFrame]:
        return lambda: group_comments(data, workers=a.workers, workdir=a.workdir).assignments

    rows.append(measure("engine", n, engine(lf), truth))
    if a.baseline:
        from bench.consultation.baseline import baseline_group

        bn = min(a.baseline_n or n, n)
        sub = lf.head(bn).select("id", "article", "commenter_type", "text").collect()
        sub_truth = truth.head(bn)
        if bn < n:
            rows.append(measure("engine", bn, engine(sub), sub_truth))
        rows.append(measure("datasketch", bn, lambda: baseline_group(sub), sub_truth))
        e = next(r for r in rows if r["engine"] == "engine" and r["n"] == bn)
        b = rows[-1]
        print(f"speed-up at n={bn}: {e['comments_per_s'] / b['comments_per_s']:.1f}x wall, "
              f"{e['comments_per_cpu_s'] / b['comments_per_cpu_s']:.1f}x per CPU second", flush=True)
    print(f"load average after the run: {os.getloadavg()}")
    with pl.Config(tbl_cols=20, tbl_width_chars=200):
        print(pl.DataFrame(rows))


if __name__ == "__main__":
    main()
