"""All the SQL of the global search, one class a database; the rest of the search is the same code on each.

A backend answers three things: how its full-text index is set up (from a migration), how an entry's
document is written into it, and which entries match a parsed query (as a filter on `SearchEntry`).

- SQLite: an FTS5 table `search_fts` keyed by the entry's id, written beside each entry.
- PostgreSQL: a GIN index over the document's tokens as a `tsvector` (no text-search parser: the
  tokens are the analysed ones), queried with a `tsquery` of prefix terms; `pg_trgm` over the
  vocabulary finds near spellings when the extension can be created.
- Anything else: `LIKE` over the document, correct but unindexed.
"""

from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL

from .analysis import Group, Query

# Near spellings of a query word are looked for among words of about its length that start alike.
LENGTH_SLACK = 2
MAX_VOCABULARY = 5000


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

    def match(self, query: Query) -> Q:
        condition = Q()
        for group in query.groups:
            either = Q(pk__in=[])
            for option in group.options:
                both = Q()
                for token in option:
                    both &= Q(document__contains=f" {token}" if group.prefix else f" {token} ")
                either |= both
            for token in group.fuzzy:
                either |= Q(document__contains=f" {token} ")
            condition &= either
        return condition

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


def _fts5_group(group: Group) -> str:
    star = "*" if group.prefix else ""
    options = ["(" + " AND ".join(f'"{token}"{star}' for token in option) + ")" for option in group.options]
    options += [f'"{token}"' for token in group.fuzzy]
    return "(" + " OR ".join(options) + ")"


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
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s", [expression]))


def _tsquery_group(group: Group) -> str:
    star = ":*" if group.prefix else ""
    options = ["(" + " & ".join(f"'{token}'{star}" for token in option) + ")" for option in group.options]
    options += [f"'{token}'" for token in group.fuzzy]
    return "(" + " | ".join(options) + ")"


class PostgreSQLBackend(Backend):
    # The tokens are already analysed: make the tsvector from them as they are, not through a parser.
    vector = "array_to_tsvector(string_to_array(btrim(document), ' '))"

    def install(self, schema_editor):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_entry_document_fts ON search_searchentry USING gin (({self.vector}))"
        )
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
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_document_fts")
        schema_editor.execute("DROP INDEX IF EXISTS search_term_trgm")

    def match(self, query):
        expression = " & ".join(_tsquery_group(group) for group in query.groups)
        return Q(pk__in=RawSQL(f"SELECT id FROM search_searchentry WHERE {self.vector} @@ %s::tsquery", [expression]))

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
