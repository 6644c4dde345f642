"""All the SQL of the global search, one class a database; the rest of the search is the same code on each.

A backend answers four things: how its full-text index is set up (from migrations), how an entry is
written into it, which entries are the candidates for a parsed query, and which indexed words may be
what a mistyped query word meant.

- SQLite: an FTS5 table `search_fts` keyed by the entry's id, written beside each entry.
- PostgreSQL: a stored, generated `tsvector` column `vector` made from the document's tokens as they
  are (no text-search parser: the tokens are the analysed ones), with a GIN index, queried with a
  `tsquery` of prefix terms; `pg_trgm` over the vocabulary finds near spellings when the extension can
  be created. (The column, not an index over the expression: when the planner prefers a scan to the
  index, as it does for a word most entries contain, rebuilding every entry's `tsvector` cost ten times
  the whole query.)
- Anything else: `LIKE` over the document, correct but unindexed.

What the engines index is not the document as stored (which ranking and the vocabulary read) but, made
from the entry in SQL: each document token behind one character that stands for the entry's type
(U+F0000 + content type id: "university" of an interaction is "\\U000F0016university"), then a marker
`=n<key>` for each of its name keys. The analyser makes neither that character nor "=", so a query word
only ever meets the tokens of the type it is asked for, and never a marker.

Candidates: within a type, the first `per_type` matches ordered by (exact name, name the query begins,
other; then entry id) are the first `per_type`, in that order, of three bounded reads — any entry,
entries with a name key the query begins, entries with the query as a name key — each the first
`per_type` by entry id. (At most `per_type` exact names are needed, then prefix names in id order, then
the rest; each read's first `per_type` holds enough of its kind.) A read that is not full holds all of
its kind, so the prefix read runs only when the first is full and the exact read only when the prefix
read is. Each read asks the engine for its type's tokens (and a name marker) and stops after `per_type`
rows: the cost follows neither the number of matches (47,000 entries match "university" in the mature
register, 42,000 of them interactions) nor the other types' (a prefix such as "university"* is expanded
over the postings of one type only). Every read of every type goes into one statement, each kept to its
type's `restrict()`ed rows (compiled into the statement, so row-level rules apply in the database and no
hit or count reveals a hidden record); the rows are merged here. (Before: one statement numbered every
match with `ROW_NUMBER()`, 200 ms for "university" on SQLite, 500 ms on PostgreSQL. Before that,
`pk IN (full-text matches) AND object_id IN (visible rows)` once a type let SQLite loop over one list
inside the other: seconds at 100× the demo data.)
"""

from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.db.models import Q

from .analysis import Group, Query

# Near spellings of a query word are looked for among words of about its length that start alike.
LENGTH_SLACK = 2
MAX_VOCABULARY = 5000
ENTRIES = "search_searchentry"
CHUNK = 500  # ids a statement
# The reads of a type: any entry, entries with a name key the query begins, with the query as a name key.
ANY, PREFIX, EXACT = 2, 1, 0
# The character that stands for a type is TYPE_BASE + its content type id (supplementary private use,
# up to id 65533: a token character to FTS5's unicode61, never made by the analyser, one character
# whatever the id, so the prefix indexes line up).
TYPE_BASE = 0xF0000
NAME_MARKER = "=n"


def first(key: str, names: str) -> int:
    """EXACT, PREFIX or ANY: how an entry's names (one a line: "\\nsysu\\nzsdx\\n") meet the query's key."""
    if f"\n{key}\n" in names:
        return EXACT
    return PREFIX if f"\n{key}" in names else ANY


@dataclass(frozen=True)
class Syntax:
    """How a full-text engine writes a quoted token, a prefix, "and" and "or"."""

    quote: str
    star: str
    both: str
    either: str


FTS5 = Syntax(quote='"', star="*", both=" AND ", either=" OR ")
TSQUERY = Syntax(quote="'", star=":*", both=" & ", either=" | ")


def _group(group: Group, mark: str, syntax: Syntax) -> str:
    """One query group for one type: any option (all its tokens, as prefixes if the group is one), or any
    near spelling (whole words)."""
    q, star = syntax.quote, syntax.star if group.prefix else ""
    options = [
        "(" + syntax.both.join(f"{q}{mark}{token}{q}{star}" for token in option) + ")" for option in group.options
    ]
    options += [f"{q}{mark}{token}{q}" for token in group.fuzzy]
    return "(" + syntax.either.join(options) + ")"


def query_terms(query: Query, content_type_id: int, syntax: Syntax) -> str:
    """Every query word among the tokens of one type, in a full-text engine's syntax."""
    mark = chr(TYPE_BASE + content_type_id)
    return syntax.both.join(_group(group, mark, syntax) for group in query.groups)


def name_term(query: Query, read: int, syntax: Syntax) -> str:
    """The marker of the query's key: exactly for EXACT, as a prefix for PREFIX."""
    return f"{syntax.quote}{NAME_MARKER}{query.key}{syntax.quote}{syntax.star if read == PREFIX else ''}"


def _successor(prefix: str) -> str:
    """The least string above every string `prefix` begins."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class Backend:
    """Portable fallback: every query is a LIKE over the document (and over the names for the name reads)."""

    source = f"{ENTRIES} e"  # FROM clause giving the entries as `e`
    order = "e.id"

    def install(self, schema_editor):
        pass

    def uninstall(self, schema_editor):
        pass

    def refill(self, schema_editor):
        """Set the full-text index up again in its current form and write every entry into it."""

    def write(self, ids):
        """(Re)write the full-text rows of these entries from what is stored in them."""

    def remove(self, ids):
        """Drop the full-text rows of these entry ids (the entries themselves are deleted by the caller)."""

    def clear(self):
        pass

    def of_type(self, content_type_id: int) -> tuple[str, list]:
        """(condition on `e`, parameters): the entries of one type."""
        return "e.content_type_id = %s", [content_type_id]

    def match(self, query: Query, content_type_id: int, read: int, guard: str = "") -> tuple[str, list]:
        """(condition on `e`, parameters): the entries of this type matching `query`, for one read; none
        unless `guard` (SQL, no parameters) holds."""
        conditions, params = [guard] if guard else [], []
        for group in query.groups:
            options = []
            for option in group.options:
                options.append("(" + " AND ".join(["e.document LIKE %s"] * len(option)) + ")")
                params += [f"% {token}%" if group.prefix else f"% {token} %" for token in option]
            options += ["e.document LIKE %s"] * len(group.fuzzy)
            params += [f"% {token} %" for token in group.fuzzy]
            conditions.append("(" + " OR ".join(options) + ")")
        # The key holds letters and digits only (`analysis`), so it cannot hold a LIKE wildcard.
        if read != ANY:
            conditions.append("e.names LIKE %s")
            params.append(f"%\n{query.key}\n%" if read == EXACT else f"%\n{query.key}%")
        return " AND ".join(conditions), params

    def candidates(self, query: Query, types, *, per_type: int, documents: bool) -> list[tuple]:
        """Up to `per_type` entries of each type matching `query` among the records its queryset holds.

        `types` are (content type id, queryset of the records the user may view) pairs. Rows are
        (content type id, object id, names, document or "" unless `documents`): within a type, exact
        names first, then names the query begins, then the rest, each by entry id.
        """
        if not types:
            return []
        document = "e.document" if documents else "''"
        ctes, cte_params, reads, read_params = [], [], [], []
        for n, (content_type_id, queryset) in enumerate(types):
            # A user who may view every record of the type needs no check of each match against the
            # table (a join per match: 4,000 agreements match "university"); the records shown are
            # read through the same queryset, so an entry left by a deleted record shows nothing.
            visible = ("", [])
            if queryset.query.where:
                sql, params = queryset.order_by().values("pk").query.get_compiler(connection=connection).as_sql()
                visible = (f" AND e.object_id IN ({sql})", list(params))

            def read(kind, guard="", content_type_id=content_type_id, visible=visible):
                condition, params = self.match(query, content_type_id, kind, guard)
                type_condition, type_params = self.of_type(content_type_id)
                sql = (
                    f"SELECT e.id, e.content_type_id, e.object_id, e.names, {document} FROM {self.source}"
                    f" WHERE {condition} AND {type_condition}{visible[0]}"
                    f" ORDER BY {self.order} LIMIT {per_type:d}"
                )
                return sql, [*params, *type_params, *visible[1]]

            # Only when a read is full can the next find a better candidate (see the module's docstring).
            any_sql, any_params = read(ANY)
            prefix_sql, prefix_params = read(PREFIX, f"(SELECT COUNT(*) FROM any{n}) = {per_type:d}")
            exact_sql, exact_params = read(EXACT, f"(SELECT COUNT(*) FROM prefix{n}) = {per_type:d}")
            # Each is used twice, so SQLite and PostgreSQL compute it once.
            ctes += [f"any{n} AS ({any_sql})", f"prefix{n} AS ({prefix_sql})"]
            cte_params += [*any_params, *prefix_params]
            # A member of a compound SELECT may not have its own LIMIT in SQLite: hence the subquery.
            reads += [f"SELECT * FROM any{n}", f"SELECT * FROM prefix{n}", f"SELECT * FROM ({exact_sql}) AS exact{n}"]
            read_params += exact_params
        with connection.cursor() as cursor:
            cursor.execute(f"WITH {', '.join(ctes)} {' UNION ALL '.join(reads)}", [*cte_params, *read_params])
            rows = cursor.fetchall()
        # An entry found by more than one read comes once; then each type in order, cut at `per_type`.
        found = {pk: (ct, first(query.key, names), pk, object_id, names, doc) for pk, ct, object_id, names, doc in rows}
        out, taken = [], {}
        for content_type_id, _, _, object_id, names, doc in sorted(found.values()):
            taken[content_type_id] = taken.get(content_type_id, 0) + 1
            if taken[content_type_id] <= per_type:
                out.append((content_type_id, object_id, names, doc))
        return out

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

    def wider_vocabulary(self, words: list[str]) -> list[str]:
        """Indexed words like these whatever their first letter, where the database can find them
        without reading every word (none here)."""
        return []


class SQLiteBackend(Backend):
    table = "search_fts"
    # "=" is a token character, so a name marker stays one token ("=nsysu", not "nsysu"). The prefix
    # indexes serve query words of one to three characters (with the type's character before them).
    options = "tokenize = \"unicode61 remove_diacritics 0 tokenchars '='\", prefix = '2 3 4'"
    # An entry's full-text row: its document's tokens behind the type's character, then its name markers
    # (names "\nsysu\nzsdx\n" become " =nsysu =nzsdx"). The document has a space before each token.
    text = (
        f"replace(rtrim(document), ' ', ' ' || char({TYPE_BASE} + content_type_id))"
        f" || replace(rtrim(names, char(10)), char(10), ' {NAME_MARKER}')"
    )
    # CROSS JOIN keeps the full-text table outermost: SQLite never reorders it, and FTS5 hands out its
    # matches in rowid order, so a read stops after its LIMIT.
    source = f"{table} CROSS JOIN {ENTRIES} e ON e.id = {table}.rowid"
    order = f"{table}.rowid"

    def install(self, schema_editor):
        schema_editor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table} USING fts5(document, {self.options})")

    def uninstall(self, schema_editor):
        schema_editor.execute(f"DROP TABLE IF EXISTS {self.table}")

    def refill(self, schema_editor):
        self.uninstall(schema_editor)
        self.install(schema_editor)
        schema_editor.execute(f"INSERT INTO {self.table} (rowid, document) SELECT id, {self.text} FROM {ENTRIES}")
        # One b-tree instead of the segments a bulk insert leaves.
        schema_editor.execute(f"INSERT INTO {self.table} ({self.table}) VALUES ('optimize')")

    def write(self, ids):
        ids = list(ids)
        self.remove(ids)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                cursor.execute(
                    f"INSERT INTO {self.table} (rowid, document) SELECT id, {self.text} FROM {ENTRIES}"
                    f" WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )

    def remove(self, ids):
        ids = list(ids)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                cursor.execute(f"DELETE FROM {self.table} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})", chunk)

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    def vocabulary(self, words):
        if not words:
            return []
        # Ranges over the unique index on `term` (SQLite compares text by code point; the terms are in
        # lower case) instead of LIKE, which SQLite cannot take to an index: a scan of 120,000 terms took
        # 25 ms. "+length" keeps the planner off the index on length. By id, the order of the scan LIKE
        # made, so that the first MAX_VOCABULARY are the same words.
        conditions, params = [], []
        for word in words:
            conditions.append("(term >= %s AND term < %s)")
            params += [word, _successor(word)]
            conditions.append("(term >= %s AND term < %s AND +length BETWEEN %s AND %s)")
            params += [word[0], _successor(word[0]), len(word) - LENGTH_SLACK, len(word) + LENGTH_SLACK]
        where = " OR ".join(conditions)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term FROM search_searchterm WHERE {where} ORDER BY id LIMIT {MAX_VOCABULARY}", params
            )
            return [row[0] for row in cursor.fetchall()]

    def match(self, query, content_type_id, read, guard=""):
        expression = query_terms(query, content_type_id, FTS5)
        if read != ANY:
            expression += f" AND {name_term(query, read, FTS5)}"
        if not guard:
            return f"{self.table} MATCH %s", [expression]
        # SQLite would test a guard with a subquery on each row, after FTS5 has read its matches (and
        # expanded its prefixes); in the MATCH argument it is computed once, before, and when false the
        # argument is a query nothing matches ("=" alone is never a token).
        return f"{self.table} MATCH (CASE WHEN {guard} THEN %s ELSE '\"=\"' END)", [expression]


class PostgreSQLBackend(Backend):
    # The tokens are already analysed: make the tsvector from them as they are, not through a parser, each
    # behind its type's character, then the name markers (as `SQLiteBackend.text`). Immutable functions
    # only, as a generated column needs; `array_remove` drops the empty strings `array_to_tsvector` refuses.
    vector = (
        "array_to_tsvector(array_remove(string_to_array("
        f"replace(rtrim(document), ' ', ' ' || chr({TYPE_BASE} + content_type_id))"
        f" || replace(rtrim(names, E'\\n'), E'\\n', ' {NAME_MARKER}'), ' '), ''))"
    )
    # A type's entries in id order come from the index on (content_type_id, id). With `content_type_id =`
    # the planner may walk the primary key instead, past every entry of the types before (36,000 for
    # interactions): a range on the type leaves it no other index for the order.
    order = "e.content_type_id, e.id"

    def of_type(self, content_type_id):
        return "e.content_type_id BETWEEN %s AND %s", [content_type_id, content_type_id]

    def install(self, schema_editor):
        # Generated and stored: the ORM never writes it, PostgreSQL keeps it in step with the entry.
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

    def refill(self, schema_editor):
        # A generated column's expression cannot be altered (before PostgreSQL 17): drop it and add it
        # again, which computes it for every entry.
        self.uninstall(schema_editor)
        self.install(schema_editor)

    def match(self, query, content_type_id, read, guard=""):
        # A guard on subqueries only is tested once, before the scan, which it skips when false.
        conditions = [guard] if guard else []
        if read == ANY:
            conditions.append("e.vector @@ %s::tsquery")
            return " AND ".join(conditions), [query_terms(query, content_type_id, TSQUERY)]
        # The name reads find their few entries by the marker, and test the words on each of them
        # (`ts_match_vq` is `@@` as a function, which the planner does not take to the index): in the
        # index query a prefix word would make GIN collect every entry of the type it begins a token of.
        conditions.append("e.vector @@ %s::tsquery AND ts_match_vq(e.vector, %s::tsquery)")
        return " AND ".join(conditions), [name_term(query, read, TSQUERY), query_terms(query, content_type_id, TSQUERY)]

    def _has_trigrams(self) -> bool:
        if not hasattr(self, "_trigrams"):
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
                self._trigrams = cursor.fetchone() is not None
        return self._trigrams

    def wider_vocabulary(self, words):
        if not words or not self._has_trigrams():
            return []
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
