"""The global search's cost does not follow the data: a fixed number of queries however many records
match and however many types are registered, counts capped, and the same hits from every backend."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.core import search_types
from partnerships.core.models import Theme
from partnerships.organisations.models import Organisation
from partnerships.search import backends, queries
from partnerships.search.indexing import reindex
from partnerships.search.queries import search
from tests import conftest
from tests.conftest import make_user
from tests.factories import AgreementFactory, InteractionFactory, OrganisationFactory, PartyFactory

pytestmark = pytest.mark.django_db
profile, viewer = conftest.profile, conftest.viewer


def budget_partner(n: int):
    """An organisation named "Budget …", with an agreement and an interaction that mention it."""
    org = OrganisationFactory(name_en=f"Budget University {n}", name_zh=f"预算大学{n}号", acronyms=[f"BU{n}"])
    PartyFactory(organisation=org, agreement=AgreementFactory(title_en=f"Budget agreement {n}"))
    InteractionFactory(title=f"Budget visit {n}", organisations=[org])
    return org


def queries_of_search(user, text) -> tuple[int, list]:
    search(user, text)  # the first call fills per-process caches (content types, pg_trgm check)
    with CaptureQueriesContext(connection) as ctx:
        groups = search(user, text)
    return len(ctx), groups


@pytest.mark.parametrize("text", ["Budget", "预算大学", "budget univ"])
def test_one_candidate_query_then_one_a_type_with_hits(viewer, text):
    """Candidates of every type come from one query; then one query fetches the hits shown of each type."""
    budget_partner(0)
    few, groups = queries_of_search(viewer, text)
    assert few == 1 + len(groups)
    for n in range(1, 13):
        budget_partner(n)
    many, groups = queries_of_search(viewer, text)
    assert many == few, f"{few} queries for 1 match a type, {many} for 13"


def test_near_spellings_cost_two_queries_more_and_only_when_nothing_matches(viewer):
    """A typo that finds nothing as typed costs the vocabulary and a second candidate query."""
    budget_partner(0)
    exact, _ = queries_of_search(viewer, "Budget")
    typo, groups = queries_of_search(viewer, "Budgte")
    assert groups and groups[0].hits[0].match == "fuzzy"
    assert typo == exact + 2
    # candidates, vocabulary (and, where the database can, all the words): nothing near
    assert queries_of_search(viewer, "Qwertyuiop") == (2 + trigrams(), [])


def trigrams() -> bool:
    return connection.vendor == "postgresql" and queries.get_backend()._has_trigrams()


def test_a_typo_in_the_first_letter_is_looked_for_among_all_the_words_where_the_database_can(viewer):
    """The near words with the same first letter are read first; only a word left without one is
    looked for among all the words (pg_trgm on PostgreSQL), at one query more."""
    budget_partner(0)
    exact, _ = queries_of_search(viewer, "Budget")
    count, groups = queries_of_search(viewer, "Vudget")
    if trigrams():
        assert groups and groups[0].hits[0].match == "fuzzy" and "Budget" in groups[0].hits[0].name
        assert count == exact + 3  # the vocabulary twice, the candidates again
    else:
        assert (count, groups) == (2, [])


def test_more_registered_types_do_not_mean_more_queries(viewer):
    budget_partner(0)
    before, _ = queries_of_search(viewer, "Budget University")
    search_types.register(Theme, names=["name_en", "name_zh"])
    try:
        Theme.objects.create(code="budget", name_en="Budget studies", name_zh="预算研究")
        reindex(Theme, Theme.objects.values_list("pk", flat=True))
        assert [g.key for g in search(viewer, "Budget studies")] == ["core-theme"]
        # One candidate query for every type, the new one included; nothing more when nothing matches.
        assert queries_of_search(viewer, "牛津") == (1, [])
        assert queries_of_search(viewer, "Budget University")[0] == before
    finally:
        search_types.unregister(Theme)


def test_counts_stop_at_the_candidate_cap(viewer, monkeypatch):
    """Exactly as many as the cap: that number; one more: the cap and "more"."""
    monkeypatch.setattr(queries, "CANDIDATES", 4)
    for n in range(4):
        OrganisationFactory(name_en=f"Capped Institute {n}")
    (group,) = search(viewer, "Capped")
    assert (group.count, group.more, len(group.hits)) == (4, False, 4)
    OrganisationFactory(name_en="Capped Institute 4")
    (group,) = search(viewer, "Capped")
    assert (group.count, group.more, len(group.hits)) == (4, True, 4)


def test_exact_names_are_among_the_candidates_however_many_others_match(viewer, monkeypatch):
    monkeypatch.setattr(queries, "CANDIDATES", 3)
    for n in range(6):
        OrganisationFactory(name_en=f"Tianhe Clinic {n}")
    exact = OrganisationFactory(name_en="Tianhe")
    (group,) = search(viewer, "Tianhe")
    assert group.hits[0].obj == exact and group.hits[0].match == "exact" and group.more


def test_hidden_rows_are_not_counted_beyond_the_cap_either(viewer, monkeypatch):
    """Row-level restriction is applied before the cap: hidden records never fill the candidate list."""
    monkeypatch.setattr(queries, "CANDIDATES", 3)
    hidden = [OrganisationFactory(name_en=f"Hidden Lab {n}") for n in range(5)]
    shown = OrganisationFactory(name_en="Hidden Lab Open")

    def hide(queryset, user, action):
        return queryset.exclude(pk__in=[o.pk for o in hidden])

    monkeypatch.setattr(Organisation, "restrict_rows", staticmethod(hide), raising=False)
    (group,) = search(viewer, "Hidden Lab")
    assert [h.obj for h in group.hits] == [shown] and (group.count, group.more) == (1, False)


def test_a_type_the_user_may_not_view_is_not_in_the_query(profile, db):
    budget_partner(0)
    user = make_user("orgs-only")
    user.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    search(user, "Budget")
    with CaptureQueriesContext(connection) as ctx:
        groups = search(user, "Budget")
    assert [g.key for g in groups] == ["organisations-organisation"]
    assert "agreements_agreement" not in ctx.captured_queries[0]["sql"]


@pytest.mark.parametrize("text", ["Budget", "预算大学", "budget univ", "BU3", "Budgte", "yusuan"])
def test_the_portable_backend_finds_the_same(viewer, monkeypatch, text):
    """The LIKE fallback (databases without a full-text engine here) answers as the engine does."""
    for n in range(4):
        budget_partner(n)
    engine = [(g.key, g.count, [(h.obj.pk, h.match) for h in g.hits]) for g in search(viewer, text)]
    monkeypatch.setattr(queries, "get_backend", lambda: backends.Backend())
    portable = [(g.key, g.count, [(h.obj.pk, h.match) for h in g.hits]) for g in search(viewer, text)]
    assert engine and portable == engine
