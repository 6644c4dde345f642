"""The global search, read side: one query string → hits grouped by record type, ranked, and only
those the user may view.

The database finds candidates (`backends`), for every type in one statement, each type's limited in
that statement to the rows `Model.objects.restrict(user, "view")` returns, so neither a hit nor a
count reveals a record the user may not see. This module ranks them: an exact name or acronym first,
then a name the query begins, then records that have every query word, then those matched only
through a near spelling ("Zhongshen" for "Zhongshan").

Near spellings are looked up only when the words as typed find nothing: if anything matches, every
query word begins some indexed word, and a word that begins one gets no near spellings anyway. The
number of queries does not depend on the number of hits: one for the candidates (three when nothing
matches as typed: the vocabulary, then the candidates again with its near spellings; on PostgreSQL
four when a word has no near spelling with its first letter), then one for the records shown of each
type with hits.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from rapidfuzz import fuzz, process

from partnerships.core import search_types
from partnerships.core.normalise import fold_word

from .analysis import Query, parse_query
from .backends import ANY, get_backend

PER_TYPE = 10
# Candidates ranked a type; one more is fetched to tell "100" from "100+".
CANDIDATES = 100
# How close a word of the index must be to a mistyped query word (rapidfuzz ratio, 0–100).
FUZZY_RATIO = 80
EXACT, PREFIX, WORDS, FUZZY = 3, 2, 1, 0
MATCH_KINDS = {EXACT: "exact", PREFIX: "prefix", WORDS: "words", FUZZY: "fuzzy"}


@dataclass
class Hit:
    obj: object
    name: str
    other_name: str
    url: str
    match: str
    score: float


@dataclass
class ResultGroup:
    search_type: search_types.SearchType
    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    more: bool = False  # more matching records than `count`

    @property
    def key(self) -> str:
        return self.search_type.key

    @property
    def label(self):
        return self.search_type.label


def add_near_spellings(query: Query) -> bool:
    """Give each Latin query word that no indexed word begins the indexed words that look like it;
    whether any word got some.

    The words with the same first letter and about the same length come first (an index range, cheap
    on any database); only a word left without a near spelling is looked for among all the words
    (pg_trgm on PostgreSQL, 8–10 ms over a mature register's 120,000 words), for a typo in the
    first letter."""
    words = query.latin_words
    if not words:
        return False
    backend = get_backend()
    eligible = [group for group in query.groups if group.prefix and len(group.word) >= 4]
    for read in (backend.vocabulary, backend.wider_vocabulary):
        left = [group for group in eligible if not group.fuzzy]
        if not left:
            break
        vocabulary = read(sorted({*(g.word for g in left), *(fold_word(g.word) for g in left)}))
        if not vocabulary:
            continue
        for group in left:
            spellings = {group.word, fold_word(group.word)}
            if any(term.startswith(s) for term in vocabulary for s in spellings):
                eligible.remove(group)  # begun by an indexed word: not a typo
                continue
            near = process.extract(group.word, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO, limit=5)
            group.fuzzy = [term for term, _, _ in near]
    return any(group.fuzzy for group in query.groups)


def rank(query: Query, names: str) -> tuple[int, float]:
    """(match kind, closeness to the nearest name) of one candidate.

    A query has near spellings only when no record it may find has every word as typed
    (`add_near_spellings` runs only then), so each of its candidates that no name matches was found
    through a near spelling: neither the candidate's document nor a test of it is needed."""
    keys = [k for k in names.split("\n") if k]
    if query.key in keys:
        kind = EXACT
    elif any(k.startswith(query.key) for k in keys):
        kind = PREFIX
    elif any(group.fuzzy for group in query.groups):
        kind = FUZZY
    else:
        kind = WORDS
    closeness = max((fuzz.ratio(query.key, k) for k in keys), default=0.0)
    return kind, closeness


def _searchable(user, types) -> list[tuple[search_types.SearchType, int, object]]:
    """(type, content type id, the records the user may view) of each type to search."""
    chosen = []
    for search_type in search_types.registered():
        if types and search_type.key not in types:
            continue
        visible = search_type.model.objects.restrict(user, "view")
        if visible.query.is_empty():
            continue  # no permission on the model: no hits and no count
        chosen.append((search_type, visible))
    content_types = ContentType.objects.get_for_models(*(t.model for t, _ in chosen))
    return [(t, content_types[t.model].pk, visible) for t, visible in chosen]


def _candidates(query: Query, searchable) -> dict[int, list[tuple]]:
    """Content type id → its candidates (object id, names), best first."""
    rows = get_backend().candidates(
        query, [(ct, visible) for _, ct, visible in searchable], per_type=CANDIDATES + 1, documents=False
    )
    out = {}
    for content_type_id, object_id, names, _document in rows:
        out.setdefault(content_type_id, []).append((object_id, names))
    return out


def search(user, text: str, *, limit: int = PER_TYPE, types=None) -> list[ResultGroup]:
    """The hits for `text` that `user` may view, grouped by registered type (types with hits only)."""
    query = parse_query(text or "")
    if not query.groups:
        return []
    searchable = _searchable(user, types)
    if not searchable:
        return []
    candidates = _candidates(query, searchable)
    if not candidates and add_near_spellings(query):
        candidates = _candidates(query, searchable)
    groups = []
    for search_type, content_type_id, visible in searchable:
        rows = candidates.get(content_type_id)
        if not rows:
            continue
        ranked = rows[:CANDIDATES]
        scored = sorted(((rank(query, names), pk) for pk, names in ranked), key=lambda r: (-r[0][0], -r[0][1]))
        top = scored[:limit]
        records = visible.select_related(*search_type.select).in_bulk([pk for _, pk in top])
        group = ResultGroup(search_type=search_type, count=len(ranked), more=len(rows) > CANDIDATES)
        for (kind, closeness), pk in top:
            obj = records.get(pk)
            if obj is None:
                continue
            name, other = search_type.shown(obj)
            group.hits.append(Hit(obj, name, other, obj.get_absolute_url(), MATCH_KINDS[kind], round(closeness, 1)))
        groups.append(group)
    return groups


def matching_ids(model, text: str) -> tuple[str, list] | None:
    """(SQL selecting the ids of `model`'s records that every word of `text` begins an indexed word of,
    its parameters): the list pages' and the choice lists' `q`, from the index instead of a scan of the
    table (core.filters.TEXT_SEARCH). None when the text holds no word to look up."""
    query = parse_query(text)
    if not query.groups:
        return None
    backend = get_backend()
    content_type_id = ContentType.objects.get_for_model(model).pk
    condition, params = backend.match(query, content_type_id, ANY)
    type_condition, type_params = backend.of_type(content_type_id)
    sql = f"SELECT e.object_id FROM {backend.source} WHERE {condition} AND {type_condition}"
    return sql, [*params, *type_params]
