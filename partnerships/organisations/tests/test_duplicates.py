"""Finding likely duplicate organisations and people, each pair with its evidence."""

import pytest

from partnerships.organisations.duplicates import organisation_duplicates, person_duplicates
from tests.conftest import client_for, make_user
from tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def pairs(found) -> dict[frozenset, list[str]]:
    return {frozenset((p.first.pk, p.second.pk)): p.reasons for p in found}


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
