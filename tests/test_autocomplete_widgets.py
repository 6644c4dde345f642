"""Choice lists over large models render only their chosen records, on every form and filter, and keep them."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils.html import escape

from partnerships.agreements.models import Agreement, AgreementKind
from partnerships.core.models import College
from partnerships.organisations.models import Organisation, Person
from partnerships.relationships.models import Interaction

from .conftest import client_for, make_user
from .factories import InteractionFactory, OrganisationFactory, PersonFactory, StaffFactory

pytestmark = pytest.mark.django_db

FILTER_FORM = '<form class="filters"'
EDIT_FORM = '<form method="post" class="card edit-form"'
# Every page with a filter or edit form choosing organisations, people, interactions or agreements.
FORMS = {
    "/organisations/": FILTER_FORM,
    "/people/": FILTER_FORM,
    "/affiliations/": FILTER_FORM,
    "/relationships/": FILTER_FORM,
    "/interactions/": FILTER_FORM,
    "/agreements/": FILTER_FORM,
    "/agreements/calendar/": FILTER_FORM,
    "/organisations/add/": EDIT_FORM,
    "/people/add/": EDIT_FORM,
    "/affiliations/add/": EDIT_FORM,
    "/relationships/add/": EDIT_FORM,
    "/interactions/add/": EDIT_FORM,
    "/agreements/add/": EDIT_FORM,
    "/agreement-parties/add/": EDIT_FORM,
    "/agreement-obligations/add/": EDIT_FORM,
}


def fill(n: int) -> None:
    """n more of each large model: organisations, contacts, home staff, interactions, agreements."""
    # In bulk: the forms are the subject here, not the change log or the search index.
    college = College.objects.first()
    kind = AgreementKind.objects.get_or_create(code="mou", defaults={"name_en": "MoU"})[0]
    start = Organisation.objects.count()
    numbers = range(start, start + n)
    Organisation.objects.bulk_create(
        Organisation(name_en=f"Filler University {i}", name_zh=f"填充大学{i}") for i in numbers
    )
    Person.objects.bulk_create(Person(family_name=f"Filler{i}", given_name="Contact") for i in numbers)
    Person.objects.bulk_create(
        Person(family_name=f"Filler{i}", given_name="Staff", kind="staff", college=college) for i in numbers
    )
    Interaction.objects.bulk_create(
        Interaction(title=f"Filler visit {i}", date=datetime.date(2026, 5, 1)) for i in numbers
    )
    Agreement.objects.bulk_create(Agreement(title_en=f"Filler agreement {i}", kind=kind) for i in numbers)


def form_of(html: str, start: str) -> str:
    begin = html.index(start)
    return html[begin : html.index("</form>", begin)]


def form_on(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return form_of(response.content.decode(), FORMS.get(urlsplit(url).path, EDIT_FORM))


def options(form_html: str, name: str) -> list[tuple[str, str]]:
    """(value, text) of the <option>s of the <select name=…> in the form."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', form_html, re.S)
    assert select, f"no select {name}"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def selected(form_html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', form_html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


@pytest.mark.parametrize("url", FORMS)
def test_forms_do_not_grow_with_the_register(profile, editor_client, url):
    """A form is as long with 60 of each record as with 3: no <option> per organisation or person."""
    fill(3)
    few = form_on(editor_client, url)
    fill(57)
    many = form_on(editor_client, url)
    assert len(many) == len(few), f"{url}: {len(few)} characters with 3 of each, {len(many)} with 60"
    last = Organisation.objects.latest("pk")
    assert escape(str(last)) not in many


@pytest.mark.parametrize(
    ("url", "name", "model"),
    [
        ("/interactions/", "organisation", "organisations.organisation"),
        ("/interactions/", "person", "organisations.person"),
        ("/interactions/", "follow_up_owner", "organisations.person"),
        ("/agreements/", "partner", "organisations.organisation"),
        ("/agreements/", "parent", "agreements.agreement"),
        ("/agreements/calendar/", "partner", "organisations.organisation"),
        ("/organisations/", "parent", "organisations.organisation"),
        ("/interactions/add/", "organisations", "organisations.organisation"),
        ("/interactions/add/", "people", "organisations.person"),
        ("/agreements/add/", "interactions", "relationships.interaction"),
        ("/agreements/add/", "responsible", "organisations.person"),
        ("/relationships/add/", "organisation", "organisations.organisation"),
        ("/people/add/", "organisation", "organisations.organisation"),
    ],
)
def test_choice_lists_over_large_models_search_the_endpoint(profile, editor_client, url, name, model):
    form = form_on(editor_client, url)
    tag = re.search(rf'<select name="{name}"[^>]*>', form).group(0)
    assert f'data-autocomplete-url="/autocomplete/{model}/' in tag


def test_small_term_lists_stay_as_they_are(profile, editor_client):
    """Strands, colleges, themes and agreement kinds are a handful: all of them are listed."""
    form = form_on(editor_client, "/agreements/add/")
    assert len(options(form, "kind")) >= 2 and "data-autocomplete-url" not in re.search(
        r'<select name="kind"[^>]*>', form
    ).group(0)
    assert 'type="checkbox" name="strands"' in form
    filters = form_on(editor_client, "/interactions/")
    assert len(options(filters, "strands")) >= 3


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/relationships/add/", "manager"),
        ("/interactions/add/", "follow_up_owner"),
        ("/interactions/", "follow_up_owner"),
    ],
)
def test_limit_choices_to_travels_with_the_widget(profile, editor_client, url, name):
    """Only home staff may manage a relationship or own a follow-up: the endpoint is asked for staff only."""
    staff = StaffFactory(family_name="Pemberton")
    PersonFactory(family_name="Pei")
    form = form_on(editor_client, url)
    tag = re.search(rf'<select name="{name}"[^>]*>', form).group(0)
    endpoint = re.search(r'data-autocomplete-url="([^"]+)"', tag).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(endpoint).query) == {"kind": ["staff"]}
    answer = editor_client.get(f"{endpoint}&q=pe").json()  # as the script adds what is typed
    assert [r["value"] for r in answer["results"]] == [staff.pk]


def test_an_initial_value_from_the_address_is_shown(profile, editor_client):
    """`Log an interaction` on an organisation's page opens the form with that organisation chosen."""
    fill(2)
    chosen = OrganisationFactory(name_en="Jinan University")
    form = form_on(editor_client, f"/interactions/add/?organisations={chosen.pk}")
    assert options(form, "organisations") == [(str(chosen.pk), "Jinan University")]
    assert selected(form, "organisations") == [str(chosen.pk)]
    person_form = form_on(editor_client, f"/people/add/?organisation={chosen.pk}")
    assert options(person_form, "organisation") == [("", "---------"), (str(chosen.pk), "Jinan University")]
    assert selected(person_form, "organisation") == [str(chosen.pk)]


def test_an_edit_form_shows_the_records_values(profile, editor_client):
    fill(2)
    a, b = OrganisationFactory(name_en="Jinan University"), OrganisationFactory(name_en="Shenzhen University")
    interaction = InteractionFactory(organisations=[a, b])
    person = PersonFactory(family_name="Wang", given_name="Xiaoming")
    interaction.people.add(person)
    form = form_on(editor_client, f"/interactions/{interaction.pk}/edit/")
    assert sorted(options(form, "organisations")) == sorted([(str(a.pk), str(a)), (str(b.pk), str(b))])
    assert sorted(selected(form, "organisations")) == sorted([str(a.pk), str(b.pk)])
    assert options(form, "people") == [(str(person.pk), "WANG Xiaoming")]
    # An optional single choice keeps its empty value, so it can be cleared.
    assert options(form, "follow_up_owner") == [("", "---------")]


def test_chosen_values_are_kept_when_the_form_is_refused(profile, editor_client):
    fill(2)
    a, b = OrganisationFactory(name_en="Jinan University"), OrganisationFactory(name_en="Shenzhen University")
    person, owner = PersonFactory(family_name="Wang"), StaffFactory(family_name="Pemberton")
    data = {"kind": "meeting", "title": "", "date": "2026-05-01", "organisations": [a.pk, b.pk], "people": [person.pk]}
    response = editor_client.post("/interactions/add/", {**data, "follow_up_owner": owner.pk})
    assert response.status_code == 400
    form = form_of(response.content.decode(), EDIT_FORM)
    assert "This field is required." in form
    assert sorted(selected(form, "organisations")) == sorted([str(a.pk), str(b.pk)])
    assert len(options(form, "organisations")) == 2
    assert selected(form, "people") == [str(person.pk)]
    assert selected(form, "follow_up_owner") == [str(owner.pk)]
    assert not Interaction.objects.filter(organisations=a).exists()


def test_a_filter_keeps_its_value_and_filters(profile, viewer_client):
    fill(2)
    jinan = OrganisationFactory(name_en="Jinan University")
    InteractionFactory(title="Visit to Jinan", organisations=[jinan])
    InteractionFactory(title="Elsewhere")
    html = viewer_client.get(f"/interactions/?organisation={jinan.pk}").content.decode()
    form = form_of(html, FILTER_FORM)
    assert options(form, "organisation") == [("", "---------"), (str(jinan.pk), "Jinan University")]
    assert selected(form, "organisation") == [str(jinan.pk)]
    assert "Visit to Jinan" in html and "Elsewhere" not in html


@pytest.mark.parametrize("value", ["abc", "999999", "1.5"])
def test_a_malformed_or_unknown_choice_is_an_error_not_a_crash(profile, viewer_client, value):
    fill(2)
    response = viewer_client.get("/interactions/", {"organisation": value})
    assert response.status_code == 200
    form = form_of(response.content.decode(), FILTER_FORM)
    assert options(form, "organisation") == [("", "---------")]
    assert "Select a valid choice" in form


def test_a_hidden_record_is_neither_shown_nor_accepted(profile, editor_client, monkeypatch):
    """Choosing a record the user may not see (by forging the form) is refused, as before."""
    visible, hidden = OrganisationFactory(name_en="Jinan University"), OrganisationFactory(name_en="Secret Institute")
    monkeypatch.setattr(
        Organisation, "restrict_rows", staticmethod(lambda qs, user, action: qs.exclude(pk=hidden.pk)), raising=False
    )
    data = {"kind": "meeting", "title": "Talks", "date": "2026-05-01", "organisations": [visible.pk, hidden.pk]}
    response = editor_client.post("/interactions/add/", data)
    assert response.status_code == 400
    form = form_of(response.content.decode(), EDIT_FORM)
    assert "Secret Institute" not in form
    assert options(form, "organisations") == [(str(visible.pk), "Jinan University")]
    assert not Interaction.objects.exists()
    assert "Secret Institute" not in form_on(editor_client, f"/interactions/add/?organisations={hidden.pk}")


def test_choosing_through_the_widget_saves(profile, editor_client):
    """What the browser sends after picking in the autocomplete is an ordinary form post."""
    a, owner = OrganisationFactory(), StaffFactory()
    data = {
        "kind": "meeting",
        "title": "Talks",
        "date": "2026-05-01",
        "organisations": [a.pk],
        "follow_up_date": "2026-06-01",
        "follow_up_owner": owner.pk,
    }
    response = editor_client.post("/interactions/add/", data)
    assert response.status_code == 302, response.content.decode()
    interaction = Interaction.objects.get(title="Talks")
    assert list(interaction.organisations.all()) == [a] and interaction.follow_up_owner == owner


def test_a_contact_is_refused_as_follow_up_owner(profile, editor_client):
    """limit_choices_to still validates: the endpoint offers staff only, and the form accepts staff only."""
    contact = PersonFactory()
    data = {"kind": "meeting", "title": "Talks", "date": "2026-05-01", "organisations": [OrganisationFactory().pk]}
    response = editor_client.post(
        "/interactions/add/", {**data, "follow_up_date": "2026-06-01", "follow_up_owner": contact.pk}
    )
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()


def test_the_browsable_api_filter_form_does_not_grow(profile):
    client = client_for(make_user("api-viewer", "viewer"))

    def filter_form():
        html = client.get("/api/interactions/", HTTP_ACCEPT="text/html").content.decode()
        return form_of(html, '<form class="form" action="" method="get">')

    fill(3)
    few = filter_form()
    fill(30)
    assert len(filter_form()) == len(few)
    assert 'data-autocomplete-url="/autocomplete/organisations.organisation/"' in few


def test_pages_load_the_widget_locally(profile, viewer_client):
    """Tom Select and our script come from the app's own static files: no CDN (the centre works from China)."""
    html = viewer_client.get("/interactions/").content.decode()
    for asset in (
        "/static/vendor/tom-select.complete.min.js",
        "/static/vendor/tom-select.min.css",
        "/static/js/autocomplete.js",
    ):
        assert asset in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
