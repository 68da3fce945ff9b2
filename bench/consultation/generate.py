"""Synthesize public comments on a draft Land Law, with the true grouping recorded.

    .venv/bin/python -m bench.consultation.generate --n 1000000 --seed 7 --out bench/out/consultation/n1m

Writes a folder of Parquet chunks (one per --chunk rows) with the columns
id, article, commenter_type, province, text, truth_group, truth_stance, kind.

What a comment can be:
- a copy of a campaign's form letter: exact; with a greeting and/or a signature added; with its
  diacritics stripped (typed on a phone); with words swapped for synonyms; with a phrase slot filled
  differently; with typos; with a personal sentence appended. All copies of one campaign are one true
  group; campaign sizes are heavy-tailed.
- a campaign's opposite: some campaigns have a counter-campaign that shares every word but the demand
  ("đề nghị cho phép ..." / "không nên cho phép ..."), a separate true group.
- an individual opinion, its own true group, and pairs of individual opinions that differ only in stance.
"""

from __future__ import annotations

import argparse
import random
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from bench.consultation import draft

CAMPAIGN_SHARE = 0.82
OPPOSITE_PAIR_SHARE = 0.03  # rows in individual opposite-stance pairs
COMMENTS_PER_CAMPAIGN = 2500
OPPOSED_CAMPAIGN_SHARE = 0.3
VARIANTS_PER_COPIES = 20  # one distinct variant body per this many expected copies
MAX_VARIANTS = 1500

STRIP = str.maketrans({"đ": "d", "Đ": "D"})


def strip_marks(text: str) -> str:
    """What a phone without a Vietnamese keyboard sends: the letters, no tone or vowel marks."""
    decomposed = unicodedata.normalize("NFD", text.translate(STRIP))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


@dataclass
class Spec:
    article: str
    topic: str
    kind: str
    obj: str
    stance: int  # 0 supporting form, 1 opposing form
    place: str
    intro_group: int
    slots: list[int]  # intro, connector 0..2, ending
    reasons: list[str]


class Writer:
    """Renders comments; all randomness flows from one seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def reason(self) -> str:
        r = self.rng
        spec = r.choice(draft.SPECIFICS).format(
            place=r.choice(draft.PROVINCES), n=r.randint(2, 900), p=r.randint(2, 95), y=r.randint(2, 30))
        return f"{r.choice(draft.SUBJECTS)} {r.choice(draft.PREDICATES)} {r.choice(draft.COMPLEMENTS)}{spec}"

    def spec(self, article: str, topic: str, reasons: int | None = None) -> Spec:
        r = self.rng
        intro_group = r.randrange(len(draft.INTRO_SLOTS))
        return Spec(
            article=article,
            topic=topic,
            kind=r.choice(list(draft.DEMANDS)),
            obj=r.choice(draft.OBJECTS[topic]),
            stance=r.randrange(2),
            place=f"{r.choice(draft.COMMUNES)}, {r.choice(draft.PROVINCES)}",
            intro_group=intro_group,
            slots=[r.randrange(len(draft.INTRO_SLOTS[intro_group]))]
            + [r.randrange(len(c)) for c in draft.CONNECTORS]
            + [r.randrange(len(draft.ENDINGS))],
            reasons=[self.reason() for _ in range(reasons or r.randint(1, 2))],
        )

    def render(self, s: Spec, slots: list[int] | None = None) -> str:
        slots = s.slots if slots is None else slots
        ref = f"{s.article} của Dự thảo Luật Đất đai (sửa đổi)"
        intro = draft.INTRO_SLOTS[s.intro_group][slots[0]].format(ref=ref, place=s.place)
        demand = draft.DEMANDS[s.kind][s.stance].format(obj=s.obj)
        parts = [f"{intro} {demand}."]
        for i, reason in enumerate(s.reasons):
            parts.append(f"{draft.CONNECTORS[i][slots[1 + i]]} {reason}.")
        parts.append(draft.ENDINGS[slots[4]])
        return " ".join(parts)

    def personal(self) -> str:
        r = self.rng
        return r.choice(draft.PERSONAL).format(
            n=r.randint(2, 900), kind=r.choice(draft.LAND_KINDS), place=r.choice(draft.PROVINCES),
            year=r.randint(1995, 2022), job=r.choice(draft.JOBS),
        )

    def word_swap(self, text: str) -> str:
        r = self.rng
        keys = [k for k in draft.SYNONYMS if f" {k} " in f" {text} "]
        for k in r.sample(keys, min(len(keys), r.randint(1, 3))):
            text = f" {text} ".replace(f" {k} ", f" {draft.SYNONYMS[k]} ", 1).strip()
        return text

    def typo(self, text: str) -> str:
        r = self.rng
        words = text.split(" ")
        for _ in range(r.randint(1, 2)):
            i = r.randrange(len(words))
            w = words[i]
            core = w.strip(".,!?():")
            if len(core) < 4 or core.lower() in draft.CUE_WORDS:
                continue
            j = r.randrange(1, len(core) - 1)
            op = r.randrange(4)
            if op == 0:
                core2 = core[:j] + core[j + 1 :]
            elif op == 1:
                core2 = core[:j] + core[j] + core[j:]
            elif op == 2:
                core2 = core[: j - 1] + core[j] + core[j - 1] + core[j + 1 :]
            else:
                core2 = strip_marks(core[:j]) + core[j:]  # one mark lost
            words[i] = w.replace(core, core2, 1)
        return " ".join(words)

    def variant(self, s: Spec) -> tuple[str, bool]:
        r = self.rng
        ops = {r.choice(["word", "phrase", "typo", "personal"])}
        if r.random() < 0.3:
            ops.add(r.choice(["word", "phrase", "typo", "personal"]))
        slots = list(s.slots)
        if "phrase" in ops:
            for k in r.sample(range(5), r.randint(1, 2)):
                options = len(draft.INTRO_SLOTS[s.intro_group]) if k == 0 else (
                    len(draft.ENDINGS) if k == 4 else len(draft.CONNECTORS[k - 1]))
                slots[k] = (slots[k] + r.randrange(1, options)) % options
        text = self.render(s, slots)
        if "word" in ops:
            text = self.word_swap(text)
        if "personal" in ops:
            text = f"{text} {self.personal()}"
        if "typo" in ops:
            text = self.typo(text)
        stripped = r.random() < 0.25
        return (strip_marks(text) if stripped else text), stripped

    def name(self) -> str:
        r = self.rng
        return f"{r.choice(draft.FAMILY)} {r.choice(draft.MIDDLE)} {r.choice(draft.GIVEN)}"

    def signature(self) -> str:
        r = self.rng
        sig = r.choice(draft.SIGNATURE_FORMS).format(
            name=self.name(), place=r.choice(draft.PROVINCES), phone="0" + "".join(r.choices("0123456789", k=9)))
        closing = r.choice(draft.CLOSINGS)
        return r.choice([f"\n{closing}\n{sig}", f"\n{sig}", f" {closing}", f"\n{closing}"])

    def individual(self, s: Spec) -> str:
        r = self.rng
        text = self.render(s)
        if r.random() < 0.6:
            text = f"{text} {self.personal()}"
        if r.random() < 0.4:
            text = f"{r.choice(draft.GREETINGS)}\n{text}"
        if r.random() < 0.5:
            text += self.signature()
        if r.random() < 0.08:
            text = strip_marks(text)
        return text


TYPES = np.array(["person", "organization", "agency", "expert"])
STANCE_LABEL = {("allow", 0): "support", ("allow", 1): "oppose", ("agree", 0): "support", ("agree", 1): "oppose",
                ("addremove", 0): "add", ("addremove", 1): "remove"}


class Corpus:
    """The campaigns and their variant pools, fixed for a given n and seed."""

    def __init__(self, n: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.w = Writer(self.rng)
        arts = draft.articles()
        heat = np.array([draft.TOPIC_HEAT[t] for _, _, t in arts]) * self.np.lognormal(0.0, 0.8, len(arts))
        self.articles = arts
        self.article_p = heat / heat.sum()

        n_campaign_rows = int(n * CAMPAIGN_SHARE)
        base = max(2, round(n_campaign_rows / COMMENTS_PER_CAMPAIGN))
        weights = self.np.pareto(1.1, base) + 1.0
        weights = np.minimum(weights / weights.sum(), 0.04)
        specs: list[Spec] = []
        w_all: list[float] = []
        for i in range(base):
            a = arts[self.np.choice(len(arts), p=self.article_p)]
            s = self.w.spec(a[1], a[2], reasons=3)
            specs.append(s)
            w_all.append(float(weights[i]))
            if self.rng.random() < OPPOSED_CAMPAIGN_SHARE:
                opp = Spec(**{**s.__dict__, "stance": 1 - s.stance})
                specs.append(opp)
                w_all.append(float(weights[i]) * self.rng.uniform(0.2, 1.5))
        p = np.array(w_all)
        self.campaign_p = p / p.sum()
        self.specs = specs
        self.n_campaigns = len(specs)

        bodies: list[str] = []
        stripped: list[bool] = []
        self.pool_start = np.zeros(len(specs), dtype=np.int64)
        self.pool_size = np.zeros(len(specs), dtype=np.int64)
        for c, s in enumerate(specs):
            expected = self.campaign_p[c] * n_campaign_rows
            k = int(min(MAX_VARIANTS, max(2, expected // VARIANTS_PER_COPIES)))
            self.pool_start[c] = len(bodies)
            canonical = self.w.render(s)
            bodies += [canonical, strip_marks(canonical)]
            stripped += [False, True]
            for _ in range(k):
                body, st = self.w.variant(s)
                bodies.append(body)
                stripped.append(st)
            self.pool_size[c] = k + 2
        self.bodies = pl.Series(bodies, dtype=pl.String)
        self.body_stripped = np.array(stripped)
        greetings = [""] + [g + "\n" for g in draft.GREETINGS]
        self.greet = pl.Series(greetings)
        self.greet_stripped = pl.Series([strip_marks(g) for g in greetings])
        sigs = [""] + [self.w.signature() for _ in range(3000)]
        self.sig = pl.Series(sigs)
        self.sig_stripped = pl.Series([strip_marks(x) for x in sigs])

    def chunk(self, start_id: int, rows: int, next_individual_group: int) -> tuple[pl.DataFrame, int]:
        g = self.np
        n_opp = int(rows * OPPOSITE_PAIR_SHARE) // 2 * 2
        n_camp = int(rows * CAMPAIGN_SHARE)
        n_ind = rows - n_camp - n_opp

        c = g.choice(self.n_campaigns, size=n_camp, p=self.campaign_p)
        u = g.random(n_camp)
        offset = np.where(u < 0.55, 0, np.where(u < 0.67, 1, 2 + (g.random(n_camp) * (self.pool_size[c] - 2)).astype(np.int64)))
        body_idx = self.pool_start[c] + offset
        is_stripped = self.body_stripped[body_idx]
        greet_idx = np.where(g.random(n_camp) < 0.3, g.integers(1, len(self.greet), n_camp), 0)
        sig_idx = np.where(g.random(n_camp) < 0.35, g.integers(1, len(self.sig), n_camp), 0)
        gs = pl.Series("s", is_stripped)
        camp = pl.DataFrame({
            "b": self.bodies.gather(body_idx),
            "g": pl.select(pl.when(gs).then(self.greet_stripped.gather(greet_idx)).otherwise(self.greet.gather(greet_idx))).to_series(),
            "z": pl.select(pl.when(gs).then(self.sig_stripped.gather(sig_idx)).otherwise(self.sig.gather(sig_idx))).to_series(),
        }).select(pl.concat_str("g", "b", "z").alias("text"))
        types = TYPES[np.searchsorted(np.cumsum([0.93, 0.05, 0.01, 0.01]), g.random(n_camp))]
        camp = camp.with_columns(
            article=pl.Series([s.article for s in self.specs]).gather(c),
            commenter_type=pl.Series(types),
            truth_group=pl.Series(c.astype(np.int64)),
            truth_stance=pl.Series([STANCE_LABEL[(s.kind, s.stance)] for s in self.specs]).gather(c),
            kind=pl.lit("campaign"),
        )

        texts: list[str] = []
        arts: list[str] = []
        stances: list[str] = []
        kinds: list[str] = []
        groups: list[int] = []
        art_idx = g.choice(len(self.articles), size=n_ind + n_opp // 2, p=self.article_p)
        gid = next_individual_group
        for j in range(n_ind):
            a = self.articles[art_idx[j]]
            s = self.w.spec(a[1], a[2])
            texts.append(self.w.individual(s))
            arts.append(a[1])
            stances.append(STANCE_LABEL[(s.kind, s.stance)])
            kinds.append("individual")
            groups.append(gid)
            gid += 1
        for j in range(n_opp // 2):
            a = self.articles[art_idx[n_ind + j]]
            s = self.w.spec(a[1], a[2])
            s.reasons = s.reasons[:2]
            for st in (0, 1):
                s.stance = st
                texts.append(self.w.render(s))
                arts.append(a[1])
                stances.append(STANCE_LABEL[(s.kind, st)])
                kinds.append("opposite_pair")
                groups.append(gid)
                gid += 1
        m = len(texts)
        types_i = TYPES[np.searchsorted(np.cumsum([0.80, 0.10, 0.05, 0.05]), g.random(m))]
        ind = pl.DataFrame({
            "text": texts, "article": arts, "commenter_type": types_i, "truth_group": groups,
            "truth_stance": stances, "kind": kinds,
        }, schema_overrides={"truth_group": pl.Int64})
        df = pl.concat([camp, ind], how="diagonal_relaxed")
        perm = g.permutation(rows)
        df = df[perm]
        provinces = pl.Series(draft.PROVINCES).gather(g.integers(0, len(draft.PROVINCES), rows))
        df = df.with_columns(
            id=pl.int_range(start_id, start_id + rows, dtype=pl.Int64), province=provinces,
        ).select("id", "article", "commenter_type", "province", "text", "truth_group", "truth_stance", "kind")
        return df, gid


def generate(*, n: int, seed: int, out: Path, chunk: int = 1_000_000) -> Path:
    """Write n comments as Parquet chunks under `out`; return `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.parquet"):
        old.unlink()
    corpus = Corpus(n, seed)
    # Individual groups are numbered after the campaigns so group ids never collide.
    next_group = corpus.n_campaigns
    done = 0
    i = 0
    while done < n:
        rows = min(chunk, n - done)
        df, next_group = corpus.chunk(done, rows, next_group)
        df.write_parquet(out / f"part-{i:05d}.parquet", compression="zstd", compression_level=1)
        done += rows
        i += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--chunk", type=int, default=1_000_000)
    a = ap.parse_args()
    t = time.perf_counter()
    generate(n=a.n, seed=a.seed, out=a.out, chunk=a.chunk)
    print(f"wrote {a.n} comments to {a.out} in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
