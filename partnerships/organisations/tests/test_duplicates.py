"""Finding likely duplicate organisations and people, each pair with its evidence; keeping the stored pairs
current on every write; and the page that reads them."""

import io
import json
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from partnerships.organisations import duplicates, queries
from partnerships.organisations.duplicates import organisation_duplicates, person_duplicates
from partnerships.organisations.merge import organisation_merge, person_merge
from partnerships.organisations.models import DuplicatePair, Organisation, Person
from tests.conftest import client_for, make_user
from tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def pairs(found) -> dict[frozenset, list[str]]:
    return {frozenset((p.first.pk, p.second.pk)): p.reasons for p in found}


def stored(kind: str) -> dict[tuple[int, int], tuple]:
    """The pairs the page reads: (first, second) → (score, name it is listed by, evidence)."""
    return {
        (p.first_id, p.second_id): (p.score, p.sort_name, [tuple(e) for e in p.evidence])
        for p in DuplicatePair.objects.filter(kind=kind)
    }


def recomputed(kind: str) -> dict[tuple[int, int], tuple]:
    """The same, found again from the whole register by the whole-register algorithm."""
    find = organisation_duplicates if kind == "organisation" else person_duplicates
    with translation.override(settings.LANGUAGE_CODE):
        return {(p.first.pk, p.second.pk): (p.score, str(p.first), p.evidence) for p in find(None)}


def assert_current() -> None:
    for kind in ("organisation", "person"):
        assert stored(kind) == recomputed(kind), kind


@pytest.fixture(autouse=True)
def stays_current(db):
    """Whatever a test here writes, the stored pairs end up as a full recomputation finds them."""
    yield
    assert_current()


def test_same_ror_id_is_a_duplicate(profile, viewer):
    """Two records with one ROR ID (typed in another case) are the same organisation, whatever they are called."""
    a = OrganisationFactory(name_en="Sun Yat-sen University", ror_id="0064kty71")
    b = OrganisationFactory(name_en="Zhongshan Univ.", name_zh="", ror_id="0064KTY71", city="")
    [pair] = organisation_duplicates(viewer)
    assert {pair.first, pair.second} == {a, b}
    assert pair.score == 1.0
    assert any("0064kty71" in reason for reason in pair.reasons)


def test_same_chinese_name_in_traditional_and_simplified(profile, viewer):
    """中山大學 and 中山大学 are one name written in two scripts."""
    a = OrganisationFactory(name_en="Sun Yat-sen University", name_zh="中山大学")
    b = OrganisationFactory(name_en="National Sun Yat-sen Univ (old record)", name_zh="中山大學", city="Hong Kong")
    found = pairs(organisation_duplicates(viewer))
    reasons = found[frozenset((a.pk, b.pk))]
    assert any("traditional" in r for r in reasons)


def test_a_former_name_meets_a_current_name(profile, viewer):
    """An alias or former name on one record that is the other's name is evidence."""
    a = OrganisationFactory(name_en="Guangdong University of Technology", name_zh="广东工业大学")
    b = OrganisationFactory(name_en="GDUT", name_zh="", former_names=["Guangdong Univ. of Technology"])
    reasons = pairs(organisation_duplicates(viewer))[frozenset((a.pk, b.pk))]
    assert any("former" in r for r in reasons)


def test_similar_english_names_in_the_same_city(profile, viewer):
    """A misspelt name in the same city is a likely duplicate; the same misspelling elsewhere is not evidence of place."""
    a = OrganisationFactory(name_en="Jinan University", name_zh="暨南大学")
    b = OrganisationFactory(name_en="Jinan Univeristy", name_zh="")
    c = OrganisationFactory(name_en="Jinan Univeristy", name_zh="", city="Jinan")
    found = pairs(organisation_duplicates(viewer))
    reasons = found[frozenset((a.pk, b.pk))]
    assert any("Similar English names" in r for r in reasons)
    assert any("Guangzhou" in r for r in reasons)
    assert frozenset((a.pk, c.pk)) not in found


def test_different_organisations_are_not_duplicates(profile, viewer):
    """Numbered hospitals, an added word, different ROR IDs and unrelated names are told apart."""
    OrganisationFactory(name_en="First Affiliated Hospital of Sun Yat-sen University", name_zh="中山大学附属第一医院")
    OrganisationFactory(name_en="Second Affiliated Hospital of Sun Yat-sen University", name_zh="中山大学附属第二医院")
    OrganisationFactory(name_en="Birmingham University", name_zh="", city="Birmingham", country="GB")
    OrganisationFactory(name_en="Birmingham City University", name_zh="", city="Birmingham", country="GB")
    OrganisationFactory(name_en="Test University", name_zh="", ror_id="000000001")
    OrganisationFactory(name_en="Test University", name_zh="", ror_id="000000002")
    OrganisationFactory.create_batch(5)  # "Guangzhou Test University 1", "… 2": numbered, not misspelt
    assert organisation_duplicates(viewer) == []


def test_only_records_the_user_may_view(profile, nobody):
    """A user who may not view organisations is shown no pairs."""
    OrganisationFactory(name_en="Sun Yat-sen University")
    OrganisationFactory(name_en="Sun Yat-sen University")
    assert organisation_duplicates(nobody) == []


def test_people_with_the_same_email(profile, viewer):
    """One e-mail address, two records: one person."""
    a = PersonFactory(email="Li.Wei@sysu.edu.cn")
    b = PersonFactory(email="li.wei@sysu.edu.cn", family_name="Lee", name_zh="")
    reasons = pairs(person_duplicates(viewer))[frozenset((a.pk, b.pk))]
    assert any("e-mail" in r for r in reasons)


def test_people_with_one_chinese_name_at_one_organisation(profile, viewer):
    """The same Chinese name counts only at a shared organisation (many people share a name)."""
    sysu, scut = OrganisationFactory(), OrganisationFactory()
    a = AffiliationFactory(
        organisation=sysu, person=PersonFactory(name_zh="王芳", family_name="Wang", given_name="Fang")
    ).person
    b = AffiliationFactory(
        organisation=sysu, person=PersonFactory(name_zh="王芳", family_name="Wong", given_name="Fong")
    ).person
    c = AffiliationFactory(
        organisation=scut, person=PersonFactory(name_zh="王芳", family_name="Wang", given_name="Fang")
    ).person
    found = pairs(person_duplicates(viewer))
    assert any("王芳" in r for r in found[frozenset((a.pk, b.pk))])
    assert frozenset((a.pk, c.pk)) not in found


def test_people_with_similar_latin_names_at_one_organisation(profile, viewer):
    """ "Wei LI" and "Li Wei", or a misspelt given name, at the same organisation."""
    sysu = OrganisationFactory()
    a = AffiliationFactory(
        organisation=sysu, person=PersonFactory(family_name="Zhang", given_name="Xiaoming", name_zh="")
    ).person
    b = AffiliationFactory(
        organisation=sysu, person=PersonFactory(family_name="Zhang", given_name="Xiao Ming", name_zh="")
    ).person
    c = AffiliationFactory(
        organisation=sysu, person=PersonFactory(family_name="Zhang", given_name="Xiaomin", name_zh="")
    ).person
    d = AffiliationFactory(
        organisation=sysu, person=PersonFactory(family_name="Chen", given_name="Jing", name_zh="")
    ).person
    found = pairs(person_duplicates(viewer))
    assert frozenset((a.pk, b.pk)) in found
    assert frozenset((a.pk, c.pk)) in found
    assert not any(d.pk in pair for pair in found)


def test_duplicates_page_shows_evidence_and_merge_buttons_only_to_editors(profile, viewer_client, editor_client):
    """Viewers see the pairs and the evidence; only those who may change and delete see "Merge"."""
    OrganisationFactory(name_en="Sun Yat-sen University", ror_id="0064kty71")
    OrganisationFactory(name_en="Zhongshan Univ.", ror_id="0064KTY71")
    seen = viewer_client.get("/duplicates/")
    assert seen.status_code == 200
    assert "0064kty71" in seen.content.decode()
    assert "/merge/?into=" not in seen.content.decode()
    assert "/merge/?into=" in editor_client.get("/duplicates/").content.decode()


def test_duplicates_page_needs_view_permission(profile):
    """Someone without any role may not see the page."""
    assert client_for(make_user("stranger")).get("/duplicates/").status_code == 403


# ---------------------------------------------------------------- kept current on every write


def test_stored_pairs_follow_edits_affiliations_deletes_and_merges(profile, editor_client):
    """Through the API, the pages or the ORM, after each write the stored pairs are what a full recomputation finds:
    a name edited into another's makes a pair and edited back unmakes it; a moved or deleted affiliation makes
    and unmakes a pair of people; merges and deletions leave no pair pointing at a record that is gone."""
    sysu = OrganisationFactory(name_en="Sun Yat-sen University", name_zh="中山大学")
    other = OrganisationFactory(name_en="Zhongshan Medical College", name_zh="")
    assert stored("organisation") == {}

    response = editor_client.patch(
        f"/api/organisations/{other.pk}/",
        json.dumps({"name_en": "Sun Yat-sen Univ."}),
        content_type="application/json",
        HTTP_IF_MATCH=f'"{other.version}"',
    )
    assert response.status_code == 200, response.content
    assert list(stored("organisation")) == [(sysu.pk, other.pk)]
    assert_current()
    other.refresh_from_db()
    other.name_en = "Zhongshan Medical College"
    other.save()
    assert stored("organisation") == {}

    wang = AffiliationFactory(
        organisation=sysu, person=PersonFactory(name_zh="王芳", family_name="Wang", given_name="Fang")
    ).person
    moving = AffiliationFactory(
        organisation=other, person=PersonFactory(name_zh="王芳", family_name="Wong", given_name="Fong")
    )
    wong = moving.person
    assert stored("person") == {}  # one name at two organisations: two people
    moving.organisation = sysu
    moving.save()
    assert list(stored("person")) == [(wang.pk, wong.pk)]
    assert_current()
    moving.delete()
    assert stored("person") == {}
    assert_current()
    AffiliationFactory(organisation=sysu, person=wong)
    third = AffiliationFactory(organisation=sysu, person=PersonFactory(name_zh="王芳", family_name="Wang")).person
    assert len(stored("person")) == 3
    response = editor_client.post(f"/people/{third.pk}/delete/", {"version": third.version})
    assert response.status_code == 302
    assert list(stored("person")) == [(wang.pk, wong.pk)]
    assert_current()

    twin = OrganisationFactory(name_en="Sun Yat-sen University", name_zh="中山大學", city="")
    AffiliationFactory(organisation=twin, person=PersonFactory(name_zh="王芳", family_name="Wang", given_name="Fang"))
    assert (sysu.pk, twin.pk) in stored("organisation")
    assert_current()
    organisation_merge(survivor=sysu, loser=twin)
    assert_current()
    person_merge(survivor=wang, loser=wong)
    gone = [twin.pk, wong.pk, third.pk]
    assert not DuplicatePair.objects.filter(Q(first_id__in=gone) | Q(second_id__in=gone)).exists()
    assert len(stored("person")) == 1  # the person who came with the merged organisation


def test_a_key_shared_by_too_many_stops_counting_until_it_is_shared_by_fewer(profile, monkeypatch):
    """When one record takes a key over its limit, the pairs of every record sharing it go; when it leaves, they come back."""
    monkeypatch.setattr(duplicates, "MAX_BLOCK", 3)
    monkeypatch.setattr(duplicates, "MAX_PEOPLE_BLOCK", 2)
    name = "Institute of Tropical Medicine"
    for city in ("Guangzhou", "Foshan", "Shenzhen"):
        OrganisationFactory(name_en=name, name_zh="", city=city)
    assert len(stored("organisation")) == 3
    fourth = OrganisationFactory(name_en=name, name_zh="", city="Zhuhai")
    assert stored("organisation") == {}
    assert_current()
    fourth.name_en = "Zhuhai Institute of Technology"
    fourth.save()
    assert len(stored("organisation")) == 3
    assert_current()
    fourth.name_en = name
    fourth.save()
    assert stored("organisation") == {}
    fourth.delete()
    assert len(stored("organisation")) == 3
    assert_current()

    hospital = OrganisationFactory()
    affiliations = [
        AffiliationFactory(
            organisation=hospital, person=PersonFactory(family_name="Wang", given_name="Fang", name_zh="")
        )
        for _ in range(3)
    ]
    assert stored("person") == {}  # three at one organisation share each name word: past the limit of 2
    affiliations[2].delete()
    assert list(stored("person")) == [(affiliations[0].person_id, affiliations[1].person_id)]
    assert_current()


def test_a_very_long_name_is_still_a_key(profile):
    """An other name far longer than a database index entry allows is kept as a shortened key, and still matches."""
    long_name = "广州" * 1500
    a = OrganisationFactory(aliases=[long_name])
    b = OrganisationFactory(aliases=[long_name])
    assert [code for code, _params in stored("organisation")[(a.pk, b.pk)][2]] == ["other-name", "place"]


def test_rebuild_finds_what_bulk_writes_left_out(profile):
    """Bulk inserts pass by the signals; `rebuild_duplicates` finds their pairs with the whole-register algorithm."""
    Organisation.objects.bulk_create([Organisation(name_en="Jinan University"), Organisation(name_en="Jinan Univ.")])
    Person.objects.bulk_create(
        [Person(family_name="Li", email="li@jnu.edu.cn"), Person(family_name="Lee", email="LI@jnu.edu.cn")]
    )
    assert stored("organisation") == {} and stored("person") == {}
    out = io.StringIO()
    call_command("rebuild_duplicates", stdout=out)
    assert "1 organisation pairs, 1 person pairs" in out.getvalue()
    assert len(stored("organisation")) == 1 and len(stored("person")) == 1


# ---------------------------------------------------------------- the page


def shown(page) -> list[str]:
    return [str(pair.first) for pair in page.pairs]


def test_the_page_lists_pairs_best_first_a_page_at_a_time(profile, viewer_client, monkeypatch):
    """Pairs come best first, equal scores by the kept record's name; next and previous walk the pages."""
    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    OrganisationFactory(name_en="Zeta Institute", ror_id="0abcdef12")
    OrganisationFactory(name_en="Zeta Inst. (old)", ror_id="0ABCDEF12")
    for word in ("Gamma", "Alpha", "Delta", "Beta"):
        OrganisationFactory(name_en=f"{word} College", name_zh="")
    for word in ("Gamma", "Alpha", "Delta", "Beta"):
        OrganisationFactory(name_en=f"{word} College", name_zh="")

    def get(**params):
        response = viewer_client.get("/duplicates/?" + urlencode(params))
        assert response.status_code == 200
        return response.context["organisation_page"], response.content.decode()

    first, html = get()
    assert shown(first) == ["Zeta Institute", "Alpha College"]
    assert first.previous is None and "organisations_after=" in html
    second, html = get(organisations_after=first.next)
    assert shown(second) == ["Beta College", "Delta College"]
    assert "organisations_before=" in html and "organisations_after=" in html
    third, _html = get(organisations_after=second.next)
    assert shown(third) == ["Gamma College"] and third.next is None
    back, _html = get(organisations_before=third.previous)
    assert shown(back) == shown(second)
    start, _html = get(organisations_before=back.previous)
    assert shown(start) == shown(first) and start.previous is None
    assert shown(get(organisations_after="not a position")[0]) == shown(first)


def test_the_page_shows_only_pairs_whose_records_the_reader_may_view(profile, viewer_client, monkeypatch):
    """A pair with a hidden record is neither shown nor counted; evidence naming a hidden organisation does not name it."""
    monkeypatch.setattr(queries, "PAGE_SIZE", 1)
    OrganisationFactory(name_en="Jinan University", name_zh="暨南大学")
    OrganisationFactory(name_en="Jinan Univ.", name_zh="")
    hidden = OrganisationFactory(name_en="Secret Laboratory", name_zh="")
    OrganisationFactory(name_en="Secret Lab", name_zh="")
    for family_name in ("Wang", "Wong"):
        AffiliationFactory(organisation=hidden, person=PersonFactory(name_zh="王芳", family_name=family_name))
    assert len(stored("organisation")) == 2 and len(stored("person")) == 1
    monkeypatch.setattr(
        Organisation, "restrict_rows", staticmethod(lambda qs, user, action: qs.exclude(pk=hidden.pk)), raising=False
    )

    response = viewer_client.get("/duplicates/")
    page, html = response.context["organisation_page"], response.content.decode()
    assert shown(page) == ["Jinan University"] and page.next is None
    assert "Secret" not in html
    [pair] = response.context["person_page"].pairs
    assert pair.reasons == ["Same Chinese name (王芳) at the same organisation (an organisation you may not view)"]


def page_queries(client, url="/duplicates/") -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_page_makes_the_same_queries_for_few_pairs_and_many(profile, editor_client, monkeypatch):
    """The page reads a page of stored pairs, their records and the organisations their evidence names: a fixed
    number of queries, whatever the number of pairs or records, on the first page and the next."""
    monkeypatch.setattr(queries, "PAGE_SIZE", 5)

    def make_pairs(words):
        for word in words:
            for _ in range(2):
                OrganisationFactory(name_en=f"{word} Academy", name_zh="")
            place = OrganisationFactory(name_en=f"{word} Hospital")
            for family_name in ("Wang", "Wong"):
                AffiliationFactory(
                    organisation=place, person=PersonFactory(name_zh=f"王{word}", family_name=family_name)
                )

    make_pairs(["Alpha"])
    few = page_queries(editor_client)
    make_pairs(["Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda"])
    assert len(stored("organisation")) > 11 and len(stored("person")) == 11  # "Beta Academy" is "Zeta Academy" misspelt
    many = page_queries(editor_client)
    context = editor_client.get("/duplicates/").context
    after = urlencode(
        {"organisations_after": context["organisation_page"].next, "people_after": context["person_page"].next}
    )
    next_page = page_queries(editor_client, f"/duplicates/?{after}")
    assert many == few == next_page, f"{few} queries for 2 pairs, {many} for {DuplicatePair.objects.count()}"
    assert many <= 15


@pytest.fixture
def back_in_english():
    """A request in Chinese leaves this thread in Chinese; the next test starts in the default language."""
    yield
    translation.deactivate()


def test_evidence_is_shown_in_the_readers_language(profile, viewer_client, back_in_english):
    """Evidence is stored as codes and put into words when shown: in Chinese for a reader who chose Chinese,
    naming organisations in Chinese."""
    OrganisationFactory(name_en="Sun Yat-sen University", name_zh="中山大学", ror_id="0064kty71")
    OrganisationFactory(name_en="Zhongshan Univ.", name_zh="", ror_id="0064KTY71", city="")
    sysu = Organisation.objects.get(name_zh="中山大学")
    for family_name in ("Wang", "Wong"):
        AffiliationFactory(organisation=sysu, person=PersonFactory(name_zh="王芳", family_name=family_name))

    english = viewer_client.get("/duplicates/").content.decode()
    assert "Same ROR ID (0064kty71)" in english
    assert "Same Chinese name (王芳) at the same organisation (Sun Yat-sen University)" in english
    viewer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese = viewer_client.get("/duplicates/").content.decode()
    assert "ROR ID 相同（0064kty71）" in chinese
    assert "同一机构（中山大学）中的中文姓名相同（王芳）" in chinese
    assert "Same ROR ID" not in chinese
