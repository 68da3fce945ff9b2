"""Full-text search over the folded text: a stored tsvector with a GIN index on PostgreSQL, FTS5 on SQLite.

Measured at one million land-heavy texts (DESIGN.md): a stored column made the phrase query's p95 115 ms
where a GIN index on an expression took 7 s.
"""

from django.db import migrations

PG_FORWARD = [
    "ALTER TABLE petitions_petition ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX petitions_petition_search_gin ON petitions_petition USING GIN (search_vector)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS petitions_petition_search_gin",
    "ALTER TABLE petitions_petition DROP COLUMN IF EXISTS search_vector",
]
# The triggers that keep the FTS table current. A migration that makes SQLite rebuild the petitions table
# drops them and must run SQLITE_TRIGGERS_REMAKE (petitions/0008).
SQLITE_TRIGGERS = [
    "CREATE TRIGGER petitions_petition_fts_ai AFTER INSERT ON petitions_petition BEGIN "
    "INSERT INTO petitions_petition_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER petitions_petition_fts_ad AFTER DELETE ON petitions_petition BEGIN "
    "INSERT INTO petitions_petition_fts(petitions_petition_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER petitions_petition_fts_au AFTER UPDATE OF search_text ON petitions_petition BEGIN "
    "INSERT INTO petitions_petition_fts(petitions_petition_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO petitions_petition_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_TRIGGERS_DROP = [
    "DROP TRIGGER IF EXISTS petitions_petition_fts_ai",
    "DROP TRIGGER IF EXISTS petitions_petition_fts_ad",
    "DROP TRIGGER IF EXISTS petitions_petition_fts_au",
]
SQLITE_REBUILD = "INSERT INTO petitions_petition_fts(petitions_petition_fts) VALUES ('rebuild')"
SQLITE_TRIGGERS_REMAKE = [*SQLITE_TRIGGERS_DROP, *SQLITE_TRIGGERS, SQLITE_REBUILD]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE petitions_petition_fts USING fts5("
    "search_text, content='petitions_petition', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    *SQLITE_TRIGGERS,
    SQLITE_REBUILD,
]
SQLITE_BACKWARD = [*SQLITE_TRIGGERS_DROP, "DROP TABLE IF EXISTS petitions_petition_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
