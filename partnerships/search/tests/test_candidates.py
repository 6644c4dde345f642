"""The bounded candidate reads (backends.py) give what a plain reading of every entry gives: for each
type, the visible entries that match, exact names first, then names the query begins, then the rest,
each by entry id, cut at the cap — however many match, wherever the names sit, whoever may see what."""

import random

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from partnerships.organisations.models import Organisation, Person
from partnerships.search import backends, queries
from partnerships.search.analysis import document_matches, group_matches, parse_query
from partnerships.search.indexing import reindex
from partnerships.search.models import SearchEntry
from partnerships.search.queries import add_near_spellings, search
from tests import conftest

pytestmark = pytest.mark.django_db
profile, viewer = conftest.profile, conftest.viewer
CAP = queries.CANDIDATES + 1
TEXTS = ["Tianhe", "tianhe clinic", "Tia", "天河", "天河诊所", "Tianhee", "Clinic", "zhujiang"]


def reference(query, types, per_type: int, documents: bool) -> list[tuple]:
    """Every entry read and tested in Python, then ordered and cut as the search asks."""
    rows = []
    for content_type_id, queryset in sorted(types, key=lambda t: t[0]):
        visible = set(queryset.values_list("pk", flat=True))
        entries = SearchEntry.objects.filter(content_type_id=content_type_id, object_id__in=visible).order_by("pk")
        matching = [
            e for e in entries if all(group_matches(g, set(e.document.split()), strict=False) for g in query.groups)
        ]

        def first(entry):
            if f"\n{query.key}\n" in entry.names:
                return 0
            return 1 if f"\n{query.key}" in entry.names else 2

        matching.sort(key=lambda e: (first(e), e.pk))
        rows += [(content_type_id, e.object_id, e.names, e.document if documents else "") for e in matching[:per_type]]
    return rows


@pytest.fixture
def register():
    """Many organisations whose names hold "Tianhe" (天河): more than the cap match by their words alone,
    more than the cap begin with it, and the exact names come last; a few people; a fifth of the
    organisations, exact names among them, hidden from the user."""
    rng = random.Random(8)
    specs = (
        [(f"North Tianhe Clinic {n}", f"北天河诊所{n}号", []) for n in range(150)]
        + [(f"Tianhe Clinic {n}", f"天河诊所{n}号", []) for n in range(130)]
        + [(f"Pearl River Lab {n}", f"珠江实验室{n}号", [f"ZJ{n}"]) for n in range(40)]
        + [("Tianhe", "天河", []) for _ in range(6)]
        + [(f"Tianhe Hospital {n}", "", ["TIANHE"] if n % 2 else []) for n in range(8)]
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(name_en=name, name_zh=zh, acronyms=acronyms, pinyin="zhujiang" if "珠江" in zh else "")
        for name, zh, acronyms in specs
    )
    people = Person.objects.bulk_create(
        Person(family_name=f"Tianhe{n}", given_name="Wei", title="Clinic liaison") for n in range(5)
    )
    reindex(Organisation, [o.pk for o in organisations])
    reindex(Person, [p.pk for p in people])
    hidden = {o.pk for o in organisations if rng.random() < 0.2} | {organisations[-10].pk, organisations[-1].pk}
    org_type, person_type = (ContentType.objects.get_for_model(m).pk for m in (Organisation, Person))
    types = [(org_type, Organisation.objects.exclude(pk__in=hidden)), (person_type, Person.objects.all())]
    return {"types": types, "hidden": hidden}


def parsed(text, types):
    """The query as the search runs it: with near spellings when nothing matches as typed."""
    query = parse_query(text)
    if not reference(query, types, 1, False):
        add_near_spellings(query)
    return query


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("per_type", [CAP, 7])
def test_the_bounded_reads_give_what_every_entry_gives(register, text, per_type):
    query = parsed(text, register["types"])
    documents = any(g.fuzzy for g in query.groups)
    expected = reference(query, register["types"], per_type, documents)
    assert expected, "the data should match"
    assert (
        queries.get_backend().candidates(query, register["types"], per_type=per_type, documents=documents) == expected
    )
    assert backends.Backend().candidates(query, register["types"], per_type=per_type, documents=documents) == expected


def test_the_data_exercise_each_read(register):
    """Guard on the fixture: one type has more than the cap of each kind, and a near spelling is used."""
    query = parse_query("Tianhe")
    org_type = register["types"][0][0]
    rows = [r for r in reference(query, register["types"], 10_000, False) if r[0] == org_type]
    kinds = [0 if "\ntianhe\n" in names else 1 if "\ntianhe" in names else 2 for _, _, names, _ in rows]
    assert kinds.count(1) > CAP and kinds.count(2) > CAP and 0 < kinds.count(0) < CAP
    assert "tianhe" in parsed("Tianhee", register["types"]).groups[0].fuzzy


@pytest.mark.parametrize("text", TEXTS)
def test_search_counts_and_ranks_as_the_reference_does(register, viewer, monkeypatch, text):
    """Counts, "more" and the hits shown come out the same as from the plain reading."""
    hidden = register["hidden"]
    monkeypatch.setattr(
        Organisation, "restrict_rows", staticmethod(lambda qs, user, action: qs.exclude(pk__in=hidden)), raising=False
    )

    def summary():
        return [
            (g.key, g.count, g.more, [(h.obj.pk, h.match, h.score) for h in g.hits])
            for g in search(viewer, text, limit=50)
        ]

    found = summary()
    monkeypatch.setattr(queries, "get_backend", lambda: Reference())
    assert found == summary()
    shown = [pk for key, _, _, group_hits in found if key == "organisations-organisation" for pk, _, _ in group_hits]
    assert shown and not hidden.intersection(shown)


class Reference(backends.Backend):
    def candidates(self, query, types, *, per_type, documents):
        return reference(query, types, per_type, documents)


def test_refill_writes_every_entry_again(register):
    """What migration search.0004 runs: the full-text index made again and written from the entries."""
    query = parse_query("Tianhe")
    before = queries.get_backend().candidates(query, register["types"], per_type=CAP, documents=False)
    backend = queries.get_backend()
    backend.clear()  # SQLite's full-text rows gone (PostgreSQL's generated column cannot be emptied)
    if connection.vendor == "postgresql":  # a migration starts with no deferred foreign-key checks pending
        _Executor().execute("SET CONSTRAINTS ALL IMMEDIATE")
    backend.refill(_Executor())
    assert backend.candidates(query, register["types"], per_type=CAP, documents=False) == before


class _Executor:
    """The part of a schema editor the backends use (a real one refuses to open inside a test's transaction
    on SQLite)."""

    def execute(self, sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


@pytest.mark.parametrize("text", TEXTS)
def test_matching_a_stored_document_by_substring_is_matching_its_tokens(register, text):
    """How a candidate is told `words` from `fuzzy`: the document searched as text, as a set of tokens."""
    query = parse_query(text)
    for document in SearchEntry.objects.values_list("document", flat=True):
        tokens = set(document.split())
        assert [document_matches(g, document) for g in query.groups] == [group_matches(g, tokens) for g in query.groups]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL reads the portable vocabulary itself")
def test_sqlites_vocabulary_is_the_portable_one(register, monkeypatch):
    """SQLite reads the vocabulary by ranges over its index; the words are those LIKE finds, cap included."""
    for words in (["tianhee"], ["tia"], ["clinik", "clinic"], ["zhujang"], ["pearl"], ["x"]):
        assert queries.get_backend().vocabulary(words) == backends.Backend().vocabulary(words)
    monkeypatch.setattr(backends, "MAX_VOCABULARY", 7)
    assert queries.get_backend().vocabulary(["tianhe"]) == backends.Backend().vocabulary(["tianhe"])


def test_a_type_the_user_sees_whole_is_read_without_checking_each_match_against_its_table(
    register, viewer, monkeypatch
):
    """The people (all visible) are not joined to their table, the organisations (some hidden) are; an
    entry whose record is gone (deleted behind the index's back) shows nothing."""
    from django.test.utils import CaptureQueriesContext

    hidden = register["hidden"]
    monkeypatch.setattr(
        Organisation, "restrict_rows", staticmethod(lambda qs, user, action: qs.exclude(pk__in=hidden)), raising=False
    )
    gone = Person.objects.filter(family_name="Tianhe0").values_list("pk", flat=True).get()
    Person.objects.filter(pk=gone)._raw_delete(connection.alias)  # no signal: the index is not told
    assert SearchEntry.objects.filter(object_id=gone, content_type=ContentType.objects.get_for_model(Person)).exists()
    with CaptureQueriesContext(connection) as captured:
        # The two types alone: other types' own row rules (confidential deals) join people too.
        groups = search(viewer, "Tianhe", limit=50, types={"organisations-organisation", "organisations-person"})
    statement = next(q["sql"] for q in captured if "search_searchentry" in q["sql"])
    assert '"organisations_organisation"' in statement and '"organisations_person"' not in statement
    people = next(g for g in groups if g.key == "organisations-person")
    assert len(people.hits) == 4 and gone not in [h.obj.pk for h in people.hits]


@pytest.mark.parametrize("text", ["Tianhee", "Clinik", "zhujang pearl"])
def test_no_candidate_of_a_near_spelling_has_every_word_as_typed(register, text):
    """What `rank` relies on to call every such candidate a near match without reading its document:
    near spellings are added only when nothing has every word as typed."""
    query = parse_query(text)
    backend = queries.get_backend()
    assert backend.candidates(query, register["types"], per_type=CAP, documents=False) == []
    assert add_near_spellings(query)
    rows = backend.candidates(query, register["types"], per_type=CAP, documents=True)
    assert rows
    assert not [names for _, _, names, document in rows if all(document_matches(g, document) for g in query.groups)]
    assert {queries.rank(query, names)[0] for _, _, names, _ in rows} <= {queries.FUZZY, queries.EXACT, queries.PREFIX}
