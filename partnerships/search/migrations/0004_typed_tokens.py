"""The full-text index holds each entry's tokens behind a character standing for its type, and a marker
`=n<key>` for each of its name keys, so that a candidate read takes one type's postings and stops after
its first rows; entries get an index on (content type, id) for reading a type in id order. See
partnerships/search/backends.py.

SQLite: `search_fts` is made again ("=" a token character, prefix indexes for 2, 3 and 4 characters)
and every entry written into it from the table, in SQL (no re-analysis). PostgreSQL: the generated
column `vector` is dropped and added again with the new expression, which computes it for every entry,
and its GIN index rebuilt. Either way about half a minute for 140,000 entries, and
`manage.py rebuild_search_index` is not needed. Going back restores the index 0002/0003 made, written
from the entries again.
"""

from django.db import migrations, models

FORMER_FTS5 = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(document, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')"
)
FORMER_VECTOR = "array_to_tsvector(string_to_array(btrim(document), ' '))"


def forward(apps, schema_editor):
    from partnerships.search.backends import get_backend

    get_backend(schema_editor.connection).refill(schema_editor)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute(FORMER_FTS5)
        schema_editor.execute("INSERT INTO search_fts (rowid, document) SELECT id, document FROM search_searchentry")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")
        schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector")
        schema_editor.execute(
            f"ALTER TABLE search_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS ({FORMER_VECTOR}) STORED"
        )
        schema_editor.execute("CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)")


class Migration(migrations.Migration):
    dependencies = [("contenttypes", "0002_remove_content_type_name"), ("search", "0003_stored_vector")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["content_type", "id"], name="search_entry_type_order"),
        ),
        migrations.RunPython(forward, backward),
    ]
