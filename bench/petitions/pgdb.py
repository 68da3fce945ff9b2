"""Create a benchmark's PostgreSQL database when it is missing (no Django: runs before settings load)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import psycopg


def ensure_database(url: str) -> None:
    """Create the database named by `url` on its server unless it exists."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, parts.fragment))
    with psycopg.connect(server, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}", flush=True)
