""" "Did you mean…?" on the person form: suggestions while typing, and a stop on saving a likely duplicate."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.organisations.duplicates import person_duplicates
from partnerships.organisations.models import Affiliation, Person
from tests.conftest import client_for, make_user
from tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

SUGGEST = "/people/suggest/"
ADD = "/people/add/"


@pytest.fixture
def sysu(db):
    return OrganisationFactory(name_en="Sun Yat-sen University", name_zh="中山大学")


@pytest.fixture
def wang(sysu):
    """王小明, written family name first, at Sun Yat-sen University."""
    person = PersonFactory(
        family_name="Wang", given_name="Xiaoming", name_zh="王小明", email="Wang.Xiaoming@sysu.edu.cn"
    )
    AffiliationFactory(person=person, organisation=sysu)
    return person


def suggest(client, **params) -> str:
    response = client.get(SUGGEST, params, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def link(person) -> str:
    return f'href="/people/{person.pk}/"'


@pytest.mark.parametrize(
    "typed",
    [
        {"family_name": "Wang", "given_name": "Xiaoming"},
        {"family_name": "Xiaoming", "given_name": "Wang"},  # the names in each other's fields
        {"family_name": "wang xiao ming"},  # everything in one field, syllables apart
        {"given_name": "Xiao-Ming", "family_name": "WANG"},
    ],
)
def test_the_same_latin_name_in_any_order_or_spacing_is_offered(wang, viewer_client, typed):
    html = suggest(viewer_client, **typed)
    assert "<html" not in html  # a partial, for the box under the fields
    assert link(wang) in html and "Same name (WANG Xiaoming)" in html
    assert "Sun Yat-sen University" in html  # where they are, to recognise them by


def test_the_same_chinese_name_is_offered_in_either_script(wang, viewer_client):
    zhang = PersonFactory(family_name="Zhang", given_name="Wei", name_zh="张伟")
    assert link(wang) in suggest(viewer_client, name_zh="王小明")
    html = suggest(viewer_client, name_zh="張偉")  # typed in traditional characters
    assert link(zhang) in html and "Same Chinese name (张伟)" in html


def test_a_chinese_name_meets_its_pinyin(sysu, viewer_client):
    """王小明 typed finds "Wang Xiaoming" recorded without characters; a family name is read every way it can be."""
    latin_only = PersonFactory(family_name="Wang", given_name="Xiaoming", name_zh="")
    zeng = PersonFactory(family_name="Zeng", given_name="Fanzhi", name_zh="", family_name_first=False)
    html = suggest(viewer_client, name_zh="王小明")
    assert link(latin_only) in html and "Same name in Chinese characters and in pinyin" in html
    assert link(zeng) in suggest(viewer_client, name_zh="曾梵志")  # 曾 reads "ceng" too


def test_two_different_chinese_names_are_two_people(wang, viewer_client):
    """王晓明 romanises as "Wang Xiaoming" too, but is not 王小明."""
    assert suggest(viewer_client, family_name="Wang", given_name="Xiaoming", name_zh="王晓明").strip() == ""


def test_the_same_email_in_another_case_is_offered(wang, viewer_client):
    html = suggest(viewer_client, family_name="Wong", email="WANG.XIAOMING@SYSU.EDU.CN")
    assert link(wang) in html and "Same e-mail address (wang.xiaoming@sysu.edu.cn)" in html


def test_a_similar_name_counts_only_at_the_chosen_organisation(wang, sysu, viewer_client):
    typed = {"family_name": "Wang", "given_name": "Xiaomin"}
    assert suggest(viewer_client, **typed).strip() == ""
    html = suggest(viewer_client, **typed, organisation=sysu.pk)
    assert link(wang) in html and "Similar names" in html and "at the same organisation" in html


def test_nothing_typed_or_nothing_alike_shows_an_empty_box(wang, viewer_client):
    for typed in ({}, {"family_name": "Wang"}, {"family_name": "Chen", "given_name": "Jing"}, {"email": "w@x"}):
        assert suggest(viewer_client, **typed).strip() == ""
    assert suggest(viewer_client, family_name="x" * 300, email="y" * 300 + "@example.org").strip() == ""


def test_a_hidden_person_is_never_offered(wang, viewer_client, monkeypatch):
    """Row-level restriction (restrict_rows) hides a person from the suggestions as from every list."""
    monkeypatch.setattr(
        Person, "restrict_rows", staticmethod(lambda qs, user, action: qs.exclude(pk=wang.pk)), raising=False
    )
    assert suggest(viewer_client, family_name="Wang", given_name="Xiaoming", email=wang.email).strip() == ""


def test_a_user_who_may_not_view_people_gets_403_and_a_visitor_the_login_page(wang, nobody):
    organisations_only = make_user("organisation-reader")
    organisations_only.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    for user in (nobody, organisations_only):
        assert client_for(user).get(SUGGEST, {"family_name": "Wang"}).status_code == 403
    response = client_for(None).get(SUGGEST, {"family_name": "Wang"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_query_count_does_not_grow_with_the_suggestions(sysu, viewer_client):
    """One query for the candidates and one for their affiliations, however many match (plus session, user, permissions)."""

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            suggest(viewer_client, family_name="Li", given_name="Na", organisation=sysu.pk)
        return len(ctx)

    AffiliationFactory(organisation=sysu, person=PersonFactory(family_name="Li", given_name="Na", name_zh=""))
    one = queries()
    for _ in range(6):
        person = PersonFactory(family_name="Li", given_name="Na", name_zh="")
        AffiliationFactory(organisation=sysu, person=person)
        AffiliationFactory(person=person)
    assert queries() == one <= 7


# ---------------------------------------------------------------- the form


def test_the_create_form_asks_as_the_names_change_and_the_edit_form_does_not(profile, wang, editor_client):
    html = editor_client.get(ADD).content.decode()
    for field in ("family_name", "given_name", "name_zh", "email", "organisation"):
        assert f'name="{field}"' in html
    assert html.count(f'hx-get="{SUGGEST}"') == 5 and html.count('hx-target="#person-suggestions"') == 5
    assert 'id="person-suggestions"' in html
    assert 'type="checkbox" name="confirm_new"' not in html  # no warning, no checkbox
    assert "hx-get" not in editor_client.get(f"/people/{wang.pk}/edit/").content.decode()


def test_saving_a_likely_duplicate_writes_nothing_until_confirmed(profile, wang, sysu, editor_client):
    """The form comes back (400) naming the existing person; ticking the box saves the new one."""
    data = {"family_name": "Xiaoming", "given_name": "Wang", "kind": "contact", "organisation": sysu.pk}
    response = editor_client.post(ADD, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This person may already be recorded" in html
    assert f'<a href="/people/{wang.pk}/">WANG Xiaoming</a>' in html
    assert 'type="checkbox" name="confirm_new"' in html
    assert Person.objects.count() == 1 and Affiliation.objects.count() == 1

    response = editor_client.post(ADD, {**data, "confirm_new": "on"})
    assert response.status_code == 302
    assert Person.objects.count() == 2 and Affiliation.objects.count() == 2


def test_the_same_email_stops_a_save_whatever_the_name(profile, wang, editor_client):
    response = editor_client.post(ADD, {"family_name": "Wong", "email": "wang.xiaoming@SYSU.edu.cn", "kind": "contact"})
    assert response.status_code == 400 and Person.objects.count() == 1


def test_the_same_name_at_another_organisation_is_offered_but_saves(profile, wang, editor_client):
    """With an organisation chosen, an equal name elsewhere is a suggestion, not a reason to stop."""
    elsewhere = OrganisationFactory()
    data = {"family_name": "Wang", "given_name": "Xiaoming", "kind": "contact", "organisation": elsewhere.pk}
    assert link(wang) in suggest(editor_client, **data)
    assert editor_client.post(ADD, data).status_code == 302
    assert Person.objects.filter(family_name="Wang").count() == 2


def test_editing_a_person_does_not_flag_them_themself(profile, wang, editor_client):
    """Saving a person unchanged, or with a new e-mail, is no duplicate of themself."""
    edit = f"/people/{wang.pk}/edit/"
    data = {"family_name": "Wang", "given_name": "Xiaoming", "name_zh": "王小明", "kind": "contact"}
    response = editor_client.post(edit, {**data, "email": wang.email, "version": wang.version})
    assert response.status_code == 302
    wang.refresh_from_db()
    response = editor_client.post(edit, {**data, "email": "xm.wang@sysu.edu.cn", "version": wang.version})
    assert response.status_code == 302


def test_editing_into_another_persons_email_asks_first(profile, wang, editor_client):
    other = PersonFactory(family_name="Chen", given_name="Jing", name_zh="陈静")
    data = {"family_name": "Chen", "given_name": "Jing", "kind": "contact", "version": other.version}
    response = editor_client.post(f"/people/{other.pk}/edit/", {**data, "email": "WANG.xiaoming@sysu.edu.cn"})
    assert response.status_code == 400 and link(wang) in response.content.decode()
    assert other.email != "WANG.xiaoming@sysu.edu.cn"


# ---------------------------------------------------------------- the duplicates page shares the comparison


def test_the_duplicates_page_meets_a_chinese_name_and_its_pinyin_at_one_organisation(sysu, viewer):
    chinese_only = AffiliationFactory(
        organisation=sysu, person=PersonFactory(family_name="王", given_name="", name_zh="王小明")
    ).person
    latin_only = AffiliationFactory(
        organisation=sysu, person=PersonFactory(family_name="Wang", given_name="Xiaoming", name_zh="")
    ).person
    (pair,) = person_duplicates(viewer)
    assert {pair.first, pair.second} == {chinese_only, latin_only}
    assert pair.reasons == [
        "Same name in Chinese characters and in pinyin (王小明, WANG Xiaoming) at the same organisation (Sun Yat-sen University)"
    ]
