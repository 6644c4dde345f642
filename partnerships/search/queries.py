"""The global search, read side: one query string → hits grouped by record type, ranked, and only
those the user may view.

The database finds candidates (`backends`); this module ranks them: an exact name or acronym first,
then a name the query begins, then records that have every query word, then those matched only
through a near spelling ("Zhongshen" for "Zhongshan"). Every candidate query is limited, in the
database, to the rows `Model.objects.restrict(user, "view")` returns, so neither a hit nor a count
reveals a record the user may not see. The number of queries does not depend on the number of hits:
one for near spellings, then at most two a record type.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, Value, When
from rapidfuzz import fuzz, process

from . import registry
from .analysis import Query, group_matches, parse_query
from .backends import get_backend
from .models import SearchEntry
from .normalise import fold_word

PER_TYPE = 10
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
    search_type: registry.SearchType
    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    more: bool = False  # more candidates than were ranked

    @property
    def key(self) -> str:
        return self.search_type.key

    @property
    def label(self):
        return self.search_type.label


def add_near_spellings(query: Query):
    """Give each Latin query word that no indexed word begins the indexed words that look like it."""
    words = query.latin_words
    if not words:
        return
    vocabulary = get_backend().vocabulary(sorted({*words, *(fold_word(w) for w in words)}))
    for group in query.groups:
        if not group.prefix or len(group.word) < 4:
            continue
        spellings = {group.word, fold_word(group.word)}
        if any(term.startswith(s) for term in vocabulary for s in spellings):
            continue
        near = process.extract(group.word, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO, limit=5)
        group.fuzzy = [term for term, _, _ in near]


def rank(query: Query, names: str, document: str) -> tuple[int, float]:
    """(match kind, closeness to the nearest name) of one candidate."""
    keys = [k for k in names.split("\n") if k]
    if query.key in keys:
        kind = EXACT
    elif any(k.startswith(query.key) for k in keys):
        kind = PREFIX
    elif all(group_matches(g, set(document.split())) for g in query.groups):
        kind = WORDS
    else:
        kind = FUZZY
    closeness = max((fuzz.ratio(query.key, k) for k in keys), default=0.0)
    return kind, closeness


def _candidates(query: Query, condition, search_type, visible):
    content_type = ContentType.objects.get_for_model(search_type.model)
    # Exact and prefix names first, so that they are among the candidates however many there are.
    first = Case(
        When(names__contains=f"\n{query.key}\n", then=Value(0)),
        When(names__contains=f"\n{query.key}", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    rows = (
        SearchEntry.objects.filter(condition, content_type=content_type, object_id__in=visible.values("pk"))
        .annotate(first=first)
        .order_by("first", "pk")
        .values_list("object_id", "names", "document")[:CANDIDATES]
    )
    return list(rows)


def search(user, text: str, *, limit: int = PER_TYPE, types=None) -> list[ResultGroup]:
    """The hits for `text` that `user` may view, grouped by registered type (types with hits only)."""
    query = parse_query(text or "")
    if not query.groups:
        return []
    add_near_spellings(query)
    condition = get_backend().match(query)
    groups = []
    for search_type in registry.registered():
        if types and search_type.key not in types:
            continue
        visible = search_type.model.objects.restrict(user, "view")
        if visible.query.is_empty():
            continue  # no permission on the model: no hits and no count
        rows = _candidates(query, condition, search_type, visible)
        if not rows:
            continue
        scored = sorted(((rank(query, names, doc), pk) for pk, names, doc in rows), key=lambda r: (-r[0][0], -r[0][1]))
        top = scored[:limit]
        records = visible.select_related(*search_type.select).in_bulk([pk for _, pk in top])
        group = ResultGroup(search_type=search_type, count=len(rows), more=len(rows) >= CANDIDATES)
        for (kind, closeness), pk in top:
            obj = records.get(pk)
            if obj is None:
                continue
            name, other = search_type.shown(obj)
            group.hits.append(Hit(obj, name, other, obj.get_absolute_url(), MATCH_KINDS[kind], round(closeness, 1)))
        groups.append(group)
    return groups
