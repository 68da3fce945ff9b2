from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from bench.consultation.generate import generate


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    """5,000 generated comments with their true groups."""
    out: Path = tmp_path_factory.mktemp("synth-corpus")
    generate(n=5000, seed=11, out=out)
    return pl.read_parquet(out / "*.parquet")
