"""Dormant agreements: active for over a year with nothing happening under them in the last 12 months."""

import datetime

import pytest
from django.utils import timezone

from partnerships.agreements import queries, services
from partnerships.agreements.choices import Status
from partnerships.agreements.models import Agreement, Document, Obligation, Party
from partnerships.core.models import College, Strand, Theme
from partnerships.relationships.models import Interaction
from tests.factories import AgreementFactory, InteractionFactory, ObligationFactory, PartyFactory

from .conftest import put_in


def ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def quiet(title="Quiet MoU", **fields) -> Agreement:
    """Active, signed two years ago, nothing under it."""
    return put_in(AgreementFactory(title_en=title), Status.ACTIVE, signed_date=ago(730), **fields)


def is_dormant(agreement) -> bool:
    return queries.dormant(Agreement.objects.all()).filter(pk=agreement.pk).exists()


@pytest.mark.django_db
def test_an_old_agreement_with_nothing_under_it_is_dormant():
    assert is_dormant(quiet())


@pytest.mark.django_db
def test_a_recent_interaction_wakes_it():
    agreement = quiet()
    agreement.interactions.add(InteractionFactory(date=ago(30)))
    assert not is_dormant(agreement)


@pytest.mark.django_db
def test_an_old_interaction_does_not():
    """An interaction counts by the day it happened, not by when it was typed in."""
    agreement = quiet()
    agreement.interactions.add(InteractionFactory(date=ago(400)))
    assert is_dormant(agreement)


@pytest.mark.django_db
def test_a_recent_child_agreement_wakes_it():
    agreement = quiet()
    AgreementFactory(parent=agreement, title_en="Specific research agreement")
    assert not is_dormant(agreement)


@pytest.mark.django_db
def test_an_old_child_agreement_does_not():
    agreement = quiet()
    child = AgreementFactory(parent=agreement)
    Agreement.objects.filter(pk=child.pk).update(updated_at=timezone.now() - datetime.timedelta(days=400))
    assert is_dormant(agreement)


@pytest.mark.django_db
def test_a_renewal_being_drafted_wakes_it():
    agreement = quiet()
    services.agreement_renew(agreement=agreement)
    assert not is_dormant(agreement)


@pytest.mark.django_db
def test_records_under_it_count_by_their_last_update():
    """An obligation touched in the last year is something happening; a party edit is not."""
    agreement = quiet()
    party = PartyFactory(agreement=agreement)
    assert is_dormant(agreement)  # adding or correcting a party is not activity under the agreement
    obligation = ObligationFactory(agreement=agreement)
    assert not is_dormant(agreement)

    long_ago = timezone.now() - datetime.timedelta(days=400)
    Obligation.objects.filter(pk=obligation.pk).update(updated_at=long_ago)
    assert is_dormant(agreement)
    party.role = "funder"
    party.save()
    assert is_dormant(agreement)

    obligation.done = True
    obligation.save()  # the annual report was delivered
    assert not is_dormant(agreement)


@pytest.mark.django_db
def test_a_recently_started_agreement_is_not_dormant():
    assert not is_dormant(quiet(start_date=ago(30)))
    assert not is_dormant(put_in(AgreementFactory(), Status.ACTIVE, signed_date=ago(30)))


@pytest.mark.django_db
def test_a_start_date_long_ago_is_enough_without_a_signed_date():
    assert is_dormant(put_in(AgreementFactory(), Status.ACTIVE, start_date=ago(500)))


@pytest.mark.django_db
@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.ACTIVE])
def test_only_active_agreements_can_be_dormant(status):
    agreement = put_in(AgreementFactory(), status, signed_date=ago(730))
    assert not is_dormant(agreement)


def test_activity_is_found_from_the_relations_so_new_links_count_without_code_changes():
    """Any record that points at an agreement counts, by its date; tags are not activity."""
    sources = {(model, link): date_field for model, link, date_field in queries.activity_sources(Agreement)}

    assert sources[(Interaction, "agreements")] == "date"
    assert sources[(Document, "agreement")] == "created_at"  # an upload, not a retitling
    assert sources[(Obligation, "agreement")] == "updated_at"
    assert (Party, "agreement") not in sources  # parties are part of the agreement, not activity
    assert sources[(Agreement, "parent")] == "updated_at"  # child agreements
    assert sources[(Agreement, "predecessor")] == "updated_at"  # its renewal
    models = {model for model, _ in sources}
    assert not models & {Strand, College, Theme}


@pytest.mark.django_db
def test_the_dormant_filter_on_the_list_and_the_api(profile, viewer_client):
    quiet("Sleepy Foshan MoU")
    awake = quiet("Lively Jinan MoU")
    awake.interactions.add(InteractionFactory(date=ago(10)))

    page = viewer_client.get("/agreements/?dormant=true", HTTP_HX_REQUEST="true").content.decode()
    assert "Sleepy Foshan MoU" in page and "Lively Jinan MoU" not in page
    page = viewer_client.get("/agreements/?dormant=false", HTTP_HX_REQUEST="true").content.decode()
    assert "Lively Jinan MoU" in page and "Sleepy Foshan MoU" not in page

    api = viewer_client.get("/api/agreements/?dormant=true").json()
    assert [row["title_en"] for row in api["results"]] == ["Sleepy Foshan MoU"]
