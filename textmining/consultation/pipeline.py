"""Group millions of consultation comments: exact copies, near copies, form-letter campaigns, with
opposite stances kept apart. Plain Python on Polars/NumPy; no Django.

Two stages, each made of independent tasks that write their output under `workdir` and a marker when
done, so a restarted run skips what is finished and the tasks can run in any process, worker or node:

1. map (one task per input chunk): normalise each distinct text once, compute its stance key and its
   exact key hash(article, stance key, unmarked text), and hash-partition rows by the blocking key
   (article, stance key). Comments of different articles or different stances are never grouped, so
   partitions are independent.
2. reduce (one task per partition): collapse exact copies, MinHash + LSH the distinct texts, verify
   candidates, take connected components, then write assignments, groups, themes and tallies.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import polars as pl

from textmining.consultation import similarity
from textmining.consultation.text import PROPOSE, analyse, fold_unmarked, stance_label_expr, strip_texts
from textmining.consultation.themes import group_terms

PARTITIONS = 32
CHUNK_ROWS = 500_000
COLUMNS = ["id", "article", "commenter_type", "text"]
_GROUP_SHIFT = 40  # group id = partition << 40 | representative's index within the partition


@dataclass
class Result:
    """What the drafting team reads.

    assignments: id, group_id — every input comment exactly once.
    groups: group_id, article, stance, count, variants (distinct normalised texts), representative_id,
        representative_text.
    themes: article, group_id, count, stance, terms (key terms of the group against its partition).
    tallies: article, commenter_type, stance, comments, groups.
    """

    assignments: pl.DataFrame
    groups: pl.DataFrame
    themes: pl.DataFrame
    tallies: pl.DataFrame


def _done(path: Path) -> bool:
    return (path / "_DONE").exists()


def _finish(tmp: Path, final: Path) -> None:
    (tmp / "_DONE").touch()
    if final.exists():
        shutil.rmtree(final)
    tmp.rename(final)


def map_chunk(df: pl.DataFrame, *, out: Path, partitions: int = PARTITIONS) -> None:
    """Normalise one chunk of comments and write it hash-partitioned under `out`."""
    if _done(out):
        return
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    df = df.select(
        pl.col("id").cast(pl.Int64), pl.col("article").cast(pl.String), pl.col("commenter_type").cast(pl.String),
        pl.col("text").cast(pl.String).fill_null(""),
    ).with_columns(raw=pl.col("text").hash(seed=3))
    # Normalisation runs once per distinct text: first per raw text, then, after the greeting and
    # sign-off are gone, once per distinct body.
    distinct = df.unique("raw", keep="first", maintain_order=True).select("raw", "text")
    distinct = distinct.with_columns(strip_texts(distinct["text"])).with_columns(body=pl.col("stripped").hash(seed=4))
    bodies = distinct.unique("body", keep="first", maintain_order=True)
    bodies = pl.concat([bodies.select("body"), analyse(bodies["stripped"])], how="horizontal")
    norm = distinct.select("raw", "body").join(bodies, on="body", how="left")
    rows = df.join(norm.select("raw", "unmarked", "stance_key", "has_marks"), on="raw", how="left").with_columns(
        block=pl.struct("article", "stance_key").hash(seed=5)
    ).with_columns(
        key=pl.struct("block", "unmarked").hash(seed=7),
        part=(pl.col("block") % partitions).cast(pl.Int32),
    )
    # Texts are kept once per exact key; the rows carry only the key.
    texts = (
        rows.group_by("key", maintain_order=True)
        .agg(
            pl.len().alias("n"), pl.col("id").min().alias("first_id"), pl.col("part").first(),
            pl.col("article").first(), pl.col("stance_key").first(), pl.col("block").first(),
            pl.col("unmarked").first(), pl.col("has_marks").first(), pl.col("text").first(),
        )
    )
    for (p,), sub in rows.select("id", "article", "commenter_type", "key", "part").partition_by(
        "part", as_dict=True
    ).items():
        sub.drop("part").write_parquet(tmp / f"rows-{p:04d}.parquet", compression="lz4")
    for (p,), sub in texts.partition_by("part", as_dict=True).items():
        sub.drop("part").write_parquet(tmp / f"texts-{p:04d}.parquet", compression="lz4")
    _finish(tmp, out)


def reduce_partition(*, mapdir: Path, part: int, out: Path) -> None:
    """Group one partition; write assignments, groups, themes and tallies under `out`."""
    if _done(out):
        return
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    row_files = sorted(mapdir.glob(f"*/rows-{part:04d}.parquet"))
    text_files = sorted(mapdir.glob(f"*/texts-{part:04d}.parquet"))
    if not row_files:
        _finish(tmp, out)
        return
    rows = pl.read_parquet(row_files)
    texts = (
        pl.read_parquet(text_files)
        .sort("first_id")
        .group_by("key", maintain_order=True)
        .agg(
            pl.col("n").sum(), pl.col("first_id").min(), pl.col("article").first(),
            pl.col("stance_key").first(), pl.col("block").first(), pl.col("unmarked").first(),
            pl.col("has_marks").first(), pl.col("text").first(),
        )
        # The most copied text gets the lowest index, so it heads LSH buckets and components.
        .sort(["n", "first_id"], descending=[True, False])
    )
    sig = similarity.minhash(fold_unmarked(texts["unmarked"]))
    a, b = similarity.candidate_edges(sig, texts["block"].to_numpy())
    label = similarity.components(texts.height, a, b)
    base = part << _GROUP_SHIFT
    texts = texts.with_columns(group_id=pl.Series(label, dtype=pl.Int64) + base)

    # The representative: the most copied text that carries its diacritics, if any does. The order is
    # found on the small columns only and the texts are gathered once, for the representatives.
    head = (
        texts.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("i"), "group_id", "has_marks", "n")
        .sort(["group_id", "has_marks", "n", "i"], descending=[False, True, True, False])
        .group_by("group_id", maintain_order=True)
        .agg(pl.col("i").first(), pl.col("n").sum().alias("count"), pl.len().alias("variants"))
    )
    at = head["i"]
    reps = head.select("group_id", "count", "variants").with_columns(
        texts.select(
            pl.col("first_id").gather(at).alias("representative_id"),
            pl.col("text").gather(at).alias("representative_text"),
            pl.col("article").gather(at), pl.col("stance_key").gather(at),
        )
    )
    # "đề nghị" only decides the stance of a text with no cue at all, so only those are lower-cased.
    bare = (reps["stance_key"] == 0).arg_true()
    proposes = pl.repeat(False, reps.height, dtype=pl.Boolean, eager=True).scatter(
        bare, reps["representative_text"].gather(bare).str.to_lowercase().str.contains(PROPOSE)
    )
    reps = reps.with_columns(stance=stance_label_expr(pl.col("stance_key"), pl.lit(proposes)))
    groups = reps.select(
        "group_id", "article", "stance", "count", "variants", "representative_id", "representative_text"
    )
    assign = rows.join(texts.select("key", "group_id"), on="key", how="left")
    assign.select("id", "group_id").write_parquet(tmp / "assignments.parquet", compression="lz4")
    groups.write_parquet(tmp / "groups.parquet", compression="lz4")
    tallies = (
        assign.join(groups.select("group_id", "stance"), on="group_id")
        .group_by("article", "commenter_type", "stance")
        .agg(pl.len().alias("comments"), pl.col("group_id").n_unique().alias("groups"))
    )
    tallies.write_parquet(tmp / "tallies.parquet")
    group_terms(groups).write_parquet(tmp / "themes.parquet")
    _finish(tmp, out)


Source = pl.DataFrame | pl.LazyFrame


def _chunks(table: Any, chunk_rows: int) -> Iterator[tuple[int, Source]]:
    """The input's chunks. A LazyFrame's chunks stay lazy: the plan pickles in a few hundred bytes,
    and the worker reads its own rows (a Parquet scan reads only the row groups of its slice), so
    the driver neither decodes nor pickles the comments."""
    if isinstance(table, pl.LazyFrame):
        total = table.select(pl.len()).collect().item()
        lf = table.select(COLUMNS)
        for i, off in enumerate(range(0, total, chunk_rows)):
            yield i, lf.slice(off, chunk_rows)
        return
    df = table if isinstance(table, pl.DataFrame) else pl.from_arrow(table)
    assert isinstance(df, pl.DataFrame)
    df = df.select(COLUMNS)
    for i, off in enumerate(range(0, df.height, chunk_rows)):
        yield i, df.slice(off, chunk_rows)


def _map_source(source: Source, *, out: Path, partitions: int) -> None:
    if _done(out):
        return
    map_chunk(source.collect() if isinstance(source, pl.LazyFrame) else source, out=out, partitions=partitions)


def _fingerprint(table: Any) -> dict[str, int]:
    lf = table if isinstance(table, pl.LazyFrame) else (
        table.lazy() if isinstance(table, pl.DataFrame) else pl.from_arrow(table).lazy()  # type: ignore[union-attr]
    )
    row = lf.select(pl.len().alias("rows"), pl.col("id").cast(pl.Int64).sum().alias("id_sum")).collect().row(0)
    return {"rows": int(row[0]), "id_sum": int(row[1] or 0)}


def _pool(workers: int) -> ProcessPoolExecutor:
    # Spawned workers: no copy of the parent's memory, and one Polars thread each so N workers use N
    # cores. The variable is read when Polars is imported in the child.
    os.environ["POLARS_MAX_THREADS"] = "1"
    try:
        return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
    finally:
        os.environ.pop("POLARS_MAX_THREADS", None)


def group_comments(
    table: Any,
    *,
    workers: int = 2,
    progress: Callable[[float], None] | None = None,
    workdir: str | Path | None = None,
    partitions: int = PARTITIONS,
    chunk_rows: int = CHUNK_ROWS,
) -> Result:
    """Group every comment of `table` (a pyarrow.Table, polars DataFrame or LazyFrame with columns
    id, article, commenter_type, text).

    Every comment lands in exactly one group; a comment like no other is a group of one. With
    `workdir`, finished chunks and partitions are kept there and a rerun on the same input skips them
    (the input is recognised by its row count and id sum); without it a temporary folder is used and
    removed. `workers` processes run the tasks; `workers=1` runs them in this process.
    """
    import tempfile

    own_tmp = workdir is None
    root = Path(tempfile.mkdtemp(prefix="consultation-")) if workdir is None else Path(workdir)
    root.mkdir(parents=True, exist_ok=True)
    try:
        fp = {**_fingerprint(table), "partitions": partitions, "chunk_rows": chunk_rows}
        manifest = root / "input.json"
        if manifest.exists() and json.loads(manifest.read_text()) != fp:
            for sub in ("map", "reduce"):
                shutil.rmtree(root / sub, ignore_errors=True)
        manifest.write_text(json.dumps(fp))
        mapdir, reddir = root / "map", root / "reduce"
        mapdir.mkdir(exist_ok=True)
        reddir.mkdir(exist_ok=True)
        n_chunks = max(1, -(-fp["rows"] // chunk_rows))
        total_steps = n_chunks + partitions
        finished = 0

        def tick() -> None:
            nonlocal finished
            finished += 1
            if progress is not None:
                progress(finished / total_steps)

        pool = _pool(workers) if workers > 1 else None
        try:
            pending: list[Future[None]] = []
            for i, source in _chunks(table, chunk_rows):
                out = mapdir / f"c{i:05d}"
                if _done(out):
                    tick()
                    continue
                if pool is None:
                    _map_source(source, out=out, partitions=partitions)
                    tick()
                    continue
                # At most one chunk waits per worker, which bounds memory (an eager input's slices
                # are pickled to the workers).
                while len(pending) >= workers * 2:
                    pending.pop(0).result()
                    tick()
                pending.append(pool.submit(_map_source, source, out=out, partitions=partitions))
            for f in pending:
                f.result()
                tick()
            pending = []
            sizes = {p: sum(f.stat().st_size for f in mapdir.glob(f"*/rows-{p:04d}.parquet")) for p in range(partitions)}
            for p in sorted(range(partitions), key=lambda p: -sizes[p]):  # biggest first: better packing
                out = reddir / f"p{p:04d}"
                if _done(out):
                    tick()
                elif pool is None:
                    reduce_partition(mapdir=mapdir, part=p, out=out)
                    tick()
                else:
                    pending.append(pool.submit(reduce_partition, mapdir=mapdir, part=p, out=out))
            for f in pending:
                f.result()
                tick()
        finally:
            if pool is not None:
                pool.shutdown()
        return _collect(reddir)
    finally:
        if own_tmp:
            shutil.rmtree(root, ignore_errors=True)


def _read(reddir: Path, name: str, schema: dict[str, Any]) -> pl.DataFrame:
    files = sorted(reddir.glob(f"p*/{name}.parquet"))
    return pl.read_parquet(files) if files else pl.DataFrame(schema=schema)


def _collect(reddir: Path) -> Result:
    assignments = _read(reddir, "assignments", {"id": pl.Int64, "group_id": pl.Int64})
    groups = _read(reddir, "groups", {
        "group_id": pl.Int64, "article": pl.String, "stance": pl.String, "count": pl.UInt32,
        "variants": pl.UInt32, "representative_id": pl.Int64, "representative_text": pl.String,
    }).sort("count", descending=True)
    tallies = (
        _read(reddir, "tallies", {"article": pl.String, "commenter_type": pl.String, "stance": pl.String,
                                  "comments": pl.UInt32, "groups": pl.UInt32})
        .group_by("article", "commenter_type", "stance")
        .agg(pl.col("comments").sum(), pl.col("groups").sum())
        .sort("article", "commenter_type", "stance")
    )
    themes = _read(reddir, "themes", {"group_id": pl.Int64, "terms": pl.List(pl.String)})
    themes = (
        groups.filter(pl.col("count") > 1)
        .join(themes, on="group_id", how="left")
        .sort(["article", "count"], descending=[False, True])
        .select("article", "group_id", "count", "stance", "terms")
    )
    return Result(assignments=assignments, groups=groups, themes=themes, tallies=tallies)
