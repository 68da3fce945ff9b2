"""Word pairs in the search vector (PostgreSQL).

A phrase made of common words can be rare ("Hải Châu": "hai" and "chau" are each in a few percent of
petitions, the phrase in 0.05%). Matching it by its words made the GIN index return every petition with
both words and check each one's positions (3,000 rows read for 537 matches at one million); the phrase's
adjacent word pairs ("hai chau"), stored as lexemes beside the words, find about the matches themselves,
and PostgreSQL's statistics then know how common each pair is, which lets the list choose its plan
(selectors.petitions_page). Pairs are taken from the folded text, whose words are separated by one space.
"""

from django.db import migrations

PAIRS_FUNCTION = """
CREATE OR REPLACE FUNCTION danvan_word_pairs(words text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(p.pair), '{}')
  FROM (SELECT word || ' ' || lead(word) OVER (ORDER BY n) AS pair
        FROM unnest(string_to_array(words, ' ')) WITH ORDINALITY AS w(word, n)
        WHERE word <> '') AS p
  WHERE p.pair IS NOT NULL AND octet_length(p.pair) < 256
$$
"""

PG_FORWARD = [
    PAIRS_FUNCTION,
    "DROP INDEX IF EXISTS petitions_petition_search_gin",
    "ALTER TABLE petitions_petition DROP COLUMN search_vector",
    "ALTER TABLE petitions_petition ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', search_text) || array_to_tsvector(danvan_word_pairs(search_text))) STORED",
    "CREATE INDEX petitions_petition_search_gin ON petitions_petition USING GIN (search_vector)",
    # The list chooses its plan from the column's statistics (selectors.estimated_share): keep the 10,000
    # most common words and pairs rather than 1,000, so that any term missing from them is rare. A new
    # column has none until analyzed.
    "ALTER TABLE petitions_petition ALTER COLUMN search_vector SET STATISTICS 1000",
    "ANALYZE petitions_petition",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS petitions_petition_search_gin",
    "ALTER TABLE petitions_petition DROP COLUMN search_vector",
    "ALTER TABLE petitions_petition ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX petitions_petition_search_gin ON petitions_petition USING GIN (search_vector)",
    "DROP FUNCTION IF EXISTS danvan_word_pairs(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("petitions", "0004_alter_petition_status")]

    operations = [migrations.RunPython(_run(PG_FORWARD), _run(PG_BACKWARD))]
