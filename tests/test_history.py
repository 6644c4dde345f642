"""A record's history: the latest changes on its page, older ones a page at a time, at a flat cost."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.core.models import ObjectChange
from partnerships.core.queries import HISTORY_PAGE, history_for
from partnerships.organisations.models import Organisation
from partnerships.relationships.models import Interaction

from .conftest import client_for, join_business_team, make_user
from .factories import (
    AccreditationFactory,
    AffiliationFactory,
    CohortFactory,
    DealFactory,
    InteractionFactory,
    NeedFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
)


def history_url(obj, before=None) -> str:
    url = reverse("history", args=[obj._meta.label_lower, obj.pk])
    return f"{url}?before={before}" if before else url


def change_ids(html: str) -> list[int]:
    """The changes a history fragment shows, by the ids the rows carry."""
    return [int(pk) for pk in re.findall(r'<tr data-change="(\d+)"', html)]


def older_link(html: str) -> str | None:
    found = re.search(r'<tr class="more">.*?href="([^"]+)"', html, re.S)
    return found.group(1).replace("&amp;", "&") if found else None


def walk(client, obj, *, htmx: bool = True) -> list[int]:
    """Every change of the record's history, as the page and then "Older changes", page by page, show them."""
    page = client.get(obj.get_absolute_url()).content.decode()
    section = page[page.index('id="history"') :]
    seen, link = change_ids(section), older_link(section)
    while link:
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = client.get(link, **headers)
        assert response.status_code == 200
        html = response.content.decode()
        assert ("<html" in html) is not htmx
        seen += change_ids(html)
        link = older_link(html)
    return seen


def expected_history(obj, user) -> list[int]:
    """The history as the log defines it (own changes, and tied changes of readable types), newest first."""
    from partnerships.core.queries import _readable_types

    ct = ContentType.objects.get_for_model(obj)
    own = Q(content_type=ct, object_id=str(obj.pk))
    tied = Q(relations__content_type=ct, relations__object_id=str(obj.pk), content_type__in=_readable_types(user))
    return sorted(set(ObjectChange.objects.filter(own | tied).values_list("pk", flat=True)), reverse=True)


def busy_organisation(edits: int = 12) -> Organisation:
    """An organisation with its own edits, affiliations, interactions, and unrelated changes in between."""
    org = OrganisationFactory()
    for n in range(edits):
        org.description = f"Edit {n}"
        org.save()
        AffiliationFactory(organisation=org)
        OrganisationFactory()  # someone else's change, between this record's
        InteractionFactory(organisations=[org], title=f"Visit {n}")
    return org


@pytest.mark.django_db
def test_pages_join_up_with_nothing_missing_or_repeated(profile, viewer, viewer_client):
    """Following "Older changes" from the page to the end shows every change once, newest first."""
    org = busy_organisation()
    expected = expected_history(org, viewer)
    assert len(expected) > 3 * HISTORY_PAGE

    shown = walk(viewer_client, org)

    assert shown == expected
    # The same without JavaScript: the link opens a page of its own with the next rows and link.
    assert walk(viewer_client, org, htmx=False) == expected


@pytest.mark.django_db
def test_the_page_shows_the_latest_changes_and_a_link_to_older_ones(profile, viewer, viewer_client):
    org = busy_organisation()
    html = viewer_client.get(org.get_absolute_url()).content.decode()
    section = html[html.index('id="history"') :]
    newest = expected_history(org, viewer)[:HISTORY_PAGE]
    assert change_ids(section) == newest
    link = older_link(section)
    assert link == history_url(org, before=newest[-1])
    assert f'hx-get="{history_url(org, before=newest[-1])}"' in section.replace("&amp;", "&")


@pytest.mark.django_db
def test_no_link_when_the_history_fits_on_the_page(profile, viewer_client):
    org = OrganisationFactory()
    html = viewer_client.get(org.get_absolute_url()).content.decode()
    section = html[html.index('id="history"') :]
    assert len(change_ids(section)) == 1 and older_link(section) is None


@pytest.mark.django_db
def test_changes_of_types_the_reader_may_not_view_stay_out_of_every_page(profile):
    """Someone who may view organisations but not interactions never sees an interaction's change."""
    org = busy_organisation()
    reader = make_user("org-reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    interaction_changes = set(
        ObjectChange.objects.filter(content_type__model="interaction").values_list("pk", flat=True)
    )

    shown = walk(client_for(reader), org)

    assert shown == expected_history(org, reader)
    assert not interaction_changes & set(shown)
    own = ObjectChange.objects.filter(content_type__model="organisation", object_id=str(org.pk))
    assert set(own.values_list("pk", flat=True)) <= set(shown)


@pytest.mark.django_db
def test_row_restricted_types_stay_out_of_other_records_histories(profile, viewer, viewer_client, monkeypatch):
    """A type with row-level restriction (confidential records) is left out of other records' histories."""
    org = busy_organisation()
    monkeypatch.setattr(Interaction, "restrict_rows", staticmethod(lambda qs, user, action: qs), raising=False)

    shown = walk(viewer_client, org)

    assert shown == expected_history(org, viewer)
    interactions = ObjectChange.objects.filter(content_type__model="interaction").values_list("pk", flat=True)
    assert not set(interactions) & set(shown)
    affiliations = ObjectChange.objects.filter(content_type__model="affiliation").values_list("pk", flat=True)
    assert set(affiliations) <= set(shown)


@pytest.mark.django_db
def test_confidential_changes_stay_out_of_a_companys_history(profile, viewer, viewer_client):
    """A company's needs and deals are tied to it in the log, but, confidential, never shown in its history."""
    company = OrganisationFactory(kind="company")
    for n in range(HISTORY_PAGE):
        company.description = f"Edit {n}"
        company.save()
        NeedFactory(company=company)
        DealFactory(company=company)
    business = set(ObjectChange.objects.filter(content_type__app_label="business").values_list("pk", flat=True))
    tied = ObjectChange.objects.filter(relations__object_id=str(company.pk), content_type__app_label="business")
    assert tied.exists()  # the log ties them to the company (changelog_related)

    for reader in (viewer, join_business_team(make_user("team-reader", "viewer"))):
        shown = walk(client_for(reader), company)
        assert shown == expected_history(company, reader)
        assert not business & set(shown), reader.username
        own = ObjectChange.objects.filter(content_type__model="organisation", object_id=str(company.pk))
        assert set(own.values_list("pk", flat=True)) <= set(shown)


@pytest.mark.django_db
def test_a_deals_history_is_its_teams_to_page_through(profile):
    """The business-engagement team pages through a deal's whole history; anyone else finds no such record."""
    deal = DealFactory()
    for n in range(2 * HISTORY_PAGE):
        deal.notes = f"Call {n}"
        deal.save()
    member = join_business_team(make_user("team-member", "viewer"))
    shown = walk(client_for(member), deal)
    assert shown == expected_history(deal, member) and len(shown) == 2 * HISTORY_PAGE + 1
    outsider = client_for(make_user("outsider", "editor"))
    assert outsider.get(history_url(deal)).status_code == 404
    assert outsider.get(history_url(deal, before=10**9)).status_code == 404


@pytest.mark.django_db
def test_a_programmes_history_holds_its_cohorts_and_accreditations_and_its_partners_holds_it(
    profile, viewer, viewer_client
):
    """A programme's page pages through its own edits and its cohorts' and accreditations' changes; its
    partner's history holds the programme's changes (both tied in the log by changelog_related)."""
    programme = ProgrammeFactory()
    for n in range(HISTORY_PAGE):
        programme.school = f"School {n}"
        programme.save()
        CohortFactory(programme=programme)
        AccreditationFactory(programme=programme)
    kinds = ("programme", "cohort", "accreditation")
    logged = ObjectChange.objects.filter(content_type__app_label="programmes", content_type__model__in=kinds)

    shown = walk(viewer_client, programme)

    assert shown == expected_history(programme, viewer) and len(shown) == 3 * HISTORY_PAGE + 1
    assert set(shown) == set(logged.values_list("pk", flat=True))
    partners = walk(viewer_client, programme.partner)
    assert partners == expected_history(programme.partner, viewer)
    assert set(logged.filter(content_type__model="programme").values_list("pk", flat=True)) <= set(partners)


@pytest.mark.django_db
def test_the_endpoint_finds_the_record_as_its_page_does(profile, viewer_client, monkeypatch):
    """Hidden record: 404; unknown or unlogged type: 404; no permission on the type: 403."""
    org = OrganisationFactory()
    assert viewer_client.get(history_url(org)).status_code == 200
    assert client_for(make_user("nobody-at-all")).get(history_url(org)).status_code == 403
    assert viewer_client.get(reverse("history", args=["organisations.nothing", org.pk])).status_code == 404
    assert viewer_client.get(reverse("history", args=["registry.registryentry", 1])).status_code == 404
    assert viewer_client.get(reverse("history", args=["organisations.organisation", org.pk + 1000])).status_code == 404

    monkeypatch.setattr(Organisation, "restrict_rows", staticmethod(lambda qs, user, action: qs.none()), raising=False)
    assert viewer_client.get(history_url(org)).status_code == 404
    assert viewer_client.get(org.get_absolute_url()).status_code == 404


def count_queries(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **headers).status_code == 200
    return len(ctx)


@pytest.mark.django_db
def test_a_fixed_number_of_queries_however_long_the_history_and_the_log(profile, viewer, viewer_client):
    """3 changes or 300, a quiet log or a busy one: the page and each older page cost the same queries."""
    quiet = OrganisationFactory()
    AffiliationFactory(organisation=quiet, person=PersonFactory())
    InteractionFactory(organisations=[quiet])
    viewer_client.get(quiet.get_absolute_url())  # warm per-process caches (content types)
    page_few = count_queries(viewer_client, quiet.get_absolute_url())
    older_few = count_queries(viewer_client, history_url(quiet, before=10**9), HTTP_HX_REQUEST="true")

    busy = OrganisationFactory()
    AffiliationFactory(organisation=busy, person=PersonFactory())
    for n in range(150):
        busy.description = f"Edit {n}"
        busy.save()
        InteractionFactory(organisations=[busy])
    for _ in range(100):
        OrganisationFactory()  # the rest of the log grows too
    assert len(expected_history(busy, viewer)) >= 300
    page_many = count_queries(viewer_client, busy.get_absolute_url())
    middle = expected_history(busy, viewer)[150]
    older_many = count_queries(viewer_client, history_url(busy, before=middle), HTTP_HX_REQUEST="true")

    assert (page_many, older_many) == (page_few, older_few)


@pytest.mark.django_db
def test_history_for_reads_a_page_with_three_queries(profile, viewer):
    """Own changes, tied changes, then the rows: whatever the record."""
    org = busy_organisation()
    history_for(org, viewer)  # permissions and content types are cached per user and process
    with CaptureQueriesContext(connection) as ctx:
        page = history_for(org, viewer)
        list(page)
        for change in page:
            change.labelled_diff()
    assert len(ctx) == 3
