"""All the SQL of the global search, one class a database; the rest of the search is the same code on each.

A backend answers four things: how its full-text index is set up (from migrations), how an entry's
document is written into it, which entries are the candidates for a parsed query, and which indexed
words may be what a mistyped query word meant.

- SQLite: an FTS5 table `search_fts` keyed by the entry's id, written beside each entry.
- PostgreSQL: a stored, generated `tsvector` column `vector` made from the document's tokens as they
  are (no text-search parser: the tokens are the analysed ones), with a GIN index, queried with a
  `tsquery` of prefix terms; `pg_trgm` over the vocabulary finds near spellings when the extension can
  be created. (The column, not an index over the expression: when the planner prefers a scan to the
  index, as it does for a word most entries contain, rebuilding every entry's `tsvector` cost ten times
  the whole query.)
- Anything else: `LIKE` over the document, correct but unindexed.

The candidates of every registered type come from one statement, the same on each database but for
its match: the engine's matches, joined to their entries, kept when the record is among its type's
`restrict()`ed rows (compiled into the statement, so row-level rules apply in the database and no hit
or count reveals a hidden record), numbered within each type (exact names first, then names the query
begins, then by entry) and cut at `per_type` a type. The engine drives the join, so the cost follows
the number of matches. (The statement this replaced, `pk IN (full-text matches) AND object_id IN
(visible rows)` once a type, let SQLite loop over one list inside the other: seconds at 100× the demo
data.)
"""

from django.db import DatabaseError, connection, transaction
from django.db.models import Q

from .analysis import Group, Query

# Near spellings of a query word are looked for among words of about its length that start alike.
LENGTH_SLACK = 2
MAX_VOCABULARY = 5000
ENTRIES = "search_searchentry"


class Backend:
    """Portable fallback: every query is a LIKE over the document."""

    def install(self, schema_editor):
        pass

    def uninstall(self, schema_editor):
        pass

    def write(self, rows: list[tuple[int, str]]):
        """(Re)write the full-text rows of these (entry id, document) pairs."""

    def remove(self, ids):
        """Drop the full-text rows of these entry ids (the entries themselves are deleted by the caller)."""

    def clear(self):
        pass

    def match(self, query: Query) -> tuple[str, str, list]:
        """(FROM clause giving the entries as `e`, condition, parameters) of the entries matching `query`."""
        conditions, params = [], []
        for group in query.groups:
            options = []
            for option in group.options:
                options.append("(" + " AND ".join(["e.document LIKE %s"] * len(option)) + ")")
                params += [f"% {token}%" if group.prefix else f"% {token} %" for token in option]
            options += ["e.document LIKE %s"] * len(group.fuzzy)
            params += [f"% {token} %" for token in group.fuzzy]
            conditions.append("(" + " OR ".join(options) + ")")
        return f"{ENTRIES} e", " AND ".join(conditions), params

    def candidates(self, query: Query, types, *, per_type: int, documents: bool) -> list[tuple]:
        """Up to `per_type` entries of each type matching `query` among the records its queryset holds.

        `types` are (content type id, queryset of the records the user may view) pairs. Rows are
        (content type id, object id, names, document or "" unless `documents`): within a type, exact
        names first, then names the query begins, then the rest, each by entry id.
        """
        if not types:
            return []
        source, condition, match_params = self.match(query)
        visible, visible_params = [], []
        for content_type_id, queryset in types:
            sql, params = queryset.order_by().values("pk").query.get_compiler(connection=connection).as_sql()
            visible.append(f"(e.content_type_id = %s AND e.object_id IN ({sql}))")
            visible_params += [content_type_id, *params]
        document = f"(SELECT d.document FROM {ENTRIES} d WHERE d.id = numbered.id)" if documents else "''"
        sql = f"""
            WITH matched AS (
                SELECT e.id, e.content_type_id, e.object_id, e.names,
                       CASE WHEN e.names LIKE %s THEN 0 WHEN e.names LIKE %s THEN 1 ELSE 2 END AS first
                FROM {source}
                WHERE {condition} AND ({" OR ".join(visible)})
            ), numbered AS (
                SELECT id, content_type_id, object_id, names, first,
                       ROW_NUMBER() OVER (PARTITION BY content_type_id ORDER BY first, id) AS n
                FROM matched
            )
            SELECT content_type_id, object_id, names, {document}
            FROM numbered WHERE n <= %s ORDER BY content_type_id, n"""
        # Names are stored one a line with a newline before and after each ("\nsysu\nzsdx\n"); the key
        # holds letters and digits only (`analysis`), so it cannot hold a LIKE wildcard.
        params = [f"%\n{query.key}\n%", f"%\n{query.key}%", *match_params, *visible_params, per_type]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def vocabulary(self, words: list[str]) -> list[str]:
        """Indexed words that may be what these query words meant: any word they begin, and words of
        about the same length with the same first letter (for rapidfuzz to judge)."""
        from .models import SearchTerm

        if not words:
            return []
        condition = Q()
        for word in words:
            condition |= Q(term__startswith=word)
            condition |= Q(term__startswith=word[0], length__range=(len(word) - LENGTH_SLACK, len(word) + LENGTH_SLACK))
        return list(SearchTerm.objects.filter(condition).values_list("term", flat=True)[:MAX_VOCABULARY])


def _boolean_group(group: Group, *, quote: str, star: str, both: str, either: str) -> str:
    """One query group in a full-text engine's syntax: any option (all its tokens, as prefixes if the
    group is one), or any near spelling (whole words)."""
    star = star if group.prefix else ""
    options = ["(" + both.join(f"{quote}{token}{quote}{star}" for token in option) + ")" for option in group.options]
    options += [f"{quote}{token}{quote}" for token in group.fuzzy]
    return "(" + either.join(options) + ")"


def _fts5_group(group: Group) -> str:
    return _boolean_group(group, quote='"', star="*", both=" AND ", either=" OR ")


class SQLiteBackend(Backend):
    table = "search_fts"

    def install(self, schema_editor):
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table} USING fts5("
            "document, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')"
        )

    def uninstall(self, schema_editor):
        schema_editor.execute(f"DROP TABLE IF EXISTS {self.table}")

    def write(self, rows):
        if not rows:
            return
        self.remove([pk for pk, _ in rows])
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {self.table} (rowid, document) VALUES (%s, %s)", rows)

    def remove(self, ids):
        ids = list(ids)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                cursor.execute(f"DELETE FROM {self.table} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})", chunk)

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    def match(self, query):
        expression = " AND ".join(_fts5_group(group) for group in query.groups)
        # CROSS JOIN keeps the full-text table outermost: SQLite never reorders it.
        source = f"{self.table} CROSS JOIN {ENTRIES} e ON e.id = {self.table}.rowid"
        return source, f"{self.table} MATCH %s", [expression]


def _tsquery_group(group: Group) -> str:
    return _boolean_group(group, quote="'", star=":*", both=" & ", either=" | ")


class PostgreSQLBackend(Backend):
    # The tokens are already analysed: make the tsvector from them as they are, not through a parser.
    vector = "array_to_tsvector(string_to_array(btrim(document), ' '))"

    def install(self, schema_editor):
        # Generated and stored: the ORM never writes it, PostgreSQL keeps it in step with `document`.
        schema_editor.execute(
            f"ALTER TABLE {ENTRIES} ADD COLUMN IF NOT EXISTS vector tsvector GENERATED ALWAYS AS ({self.vector}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS search_entry_vector ON {ENTRIES} USING gin (vector)")
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_document_fts")  # the expression index it replaces
        try:
            # Creating an extension may need a superuser; without it near spellings come from rapidfuzz alone.
            with transaction.atomic():
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            return
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_term_trgm ON search_searchterm USING gin (term gin_trgm_ops)"
        )

    def uninstall(self, schema_editor):
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")
        schema_editor.execute(f"ALTER TABLE {ENTRIES} DROP COLUMN IF EXISTS vector")
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_document_fts")
        schema_editor.execute("DROP INDEX IF EXISTS search_term_trgm")

    def match(self, query):
        expression = " & ".join(_tsquery_group(group) for group in query.groups)
        return f"{ENTRIES} e", "e.vector @@ %s::tsquery", [expression]

    def _has_trigrams(self) -> bool:
        if not hasattr(self, "_trigrams"):
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
                self._trigrams = cursor.fetchone() is not None
        return self._trigrams

    def vocabulary(self, words):
        if not words or not self._has_trigrams():
            return super().vocabulary(words)
        # `%` is pg_trgm's similarity operator (doubled for the driver's parameter syntax).
        where = " OR ".join(["term LIKE %s OR term %% %s"] * len(words))
        params = [p for word in words for p in (word + "%", word)]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT term FROM search_searchterm WHERE {where} LIMIT {MAX_VOCABULARY}", params)
            return [row[0] for row in cursor.fetchall()]


_BACKENDS = {"sqlite": SQLiteBackend, "postgresql": PostgreSQLBackend}
_instances: dict[str, Backend] = {}


def get_backend(conn=None) -> Backend:
    """The backend for the database in use (one instance each, so the pg_trgm check is made once)."""
    vendor = (conn or connection).vendor
    if vendor not in _instances:
        _instances[vendor] = _BACKENDS.get(vendor, Backend)()
    return _instances[vendor]
