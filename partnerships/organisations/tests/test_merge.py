"""Merging duplicate organisations and people: everything moves, names are kept, and it is all-or-nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Q

from partnerships.agreements.models import Agreement, Party, Signatory
from partnerships.core.changelog import change_context
from partnerships.core.events import timeline_for
from partnerships.core.locking import StaleVersion
from partnerships.core.models import ObjectChange, Strand, Theme
from partnerships.core.queries import history_for
from partnerships.organisations import merge
from partnerships.organisations.merge import organisation_merge, person_merge
from partnerships.organisations.models import Affiliation, DuplicatePair, Organisation, Person
from partnerships.organisations.tests.test_duplicates import assert_current
from partnerships.relationships.models import Interaction, Relationship
from tests.factories import (
    AffiliationFactory,
    AgreementFactory,
    InteractionFactory,
    ObligationFactory,
    OrganisationFactory,
    PartyFactory,
    PersonFactory,
    RelationshipFactory,
    SignatoryFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(profile):
    """Two records of Sun Yat-sen University, each with links of every kind, some shared."""
    survivor = OrganisationFactory(name_en="Sun Yat-sen University", name_zh="中山大学", acronyms=["SYSU"])
    loser = OrganisationFactory(
        name_en="Zhongshan University",
        name_zh="中山大學",
        acronyms=["ZSU", "sysu"],
        former_names=["National Guangdong University"],
        aliases=["Zhongshan Univ."],
        ror_id="0064kty71",
        website="https://www.sysu.edu.cn/",
        description="Founded by Sun Yat-sen in 1924.",
    )
    loser.strands.add(Strand.objects.get(code="research"))
    survivor.themes.add(Theme.objects.first())
    links = {
        "person": AffiliationFactory(organisation=loser, role="Dean").person,
        "twin_person": PersonFactory(),
        "child": OrganisationFactory(name_en="Zhongshan School of Medicine", parent=loser),
        "kept_relationship": RelationshipFactory(organisation=survivor, summary="Research partner."),
        "lost_relationship": RelationshipFactory(
            organisation=loser, summary="Student exchange since 2019.", health="good", manager=StaffFactory()
        ),
        "only_loser": InteractionFactory(organisations=[loser]),
        "both": InteractionFactory(organisations=[survivor, loser]),
        "own_agreement": PartyFactory(organisation=loser).agreement,
        "shared_agreement": AgreementFactory(),
    }
    links["lost_relationship"].strands.add(Strand.objects.get(code="postgraduate"))
    # The same person at both records, with the same role: one affiliation after the merge.
    AffiliationFactory(organisation=survivor, person=links["twin_person"], role="Professor")
    AffiliationFactory(organisation=loser, person=links["twin_person"], role="Professor")
    PartyFactory(agreement=links["shared_agreement"], organisation=survivor)
    lost_party = PartyFactory(agreement=links["shared_agreement"], organisation=loser)
    links["signatory"] = SignatoryFactory(party=lost_party, capacity="President")
    return survivor, loser, links


def test_merge_moves_every_linked_record(pair, editor):
    """Affiliations, relationship, interactions, agreement parties, sub-organisations and tags all end on the survivor."""
    survivor, loser, links = pair
    loser_pk = loser.pk

    with change_context(user=editor, source="web"):
        merged = organisation_merge(survivor=survivor, loser=loser, user=editor)

    assert not Organisation.objects.filter(pk=loser_pk).exists()
    assert merged.pk == survivor.pk
    assert list(Affiliation.objects.filter(person=links["person"]).values_list("organisation", flat=True)) == [
        survivor.pk
    ]
    assert Affiliation.objects.filter(person=links["twin_person"], organisation=survivor).count() == 1
    links["child"].refresh_from_db()
    assert links["child"].parent == survivor
    # One relationship: the survivor's, with the loser's summary, blanks and tags folded in.
    relationship = Relationship.objects.get(organisation=survivor)
    assert relationship.pk == links["kept_relationship"].pk
    assert not Relationship.objects.filter(pk=links["lost_relationship"].pk).exists()
    assert relationship.summary == "Research partner.\n\nStudent exchange since 2019."
    assert relationship.health == "good" and relationship.manager == links["lost_relationship"].manager
    assert relationship.strands.filter(code="postgraduate").exists()
    assert list(links["only_loser"].organisations.all()) == [survivor]
    assert list(links["both"].organisations.all()) == [survivor]
    assert list(links["own_agreement"].parties.values_list("organisation", flat=True)) == [survivor.pk]
    [party] = Party.objects.filter(agreement=links["shared_agreement"])
    assert party.organisation == survivor
    assert list(party.signatories.all()) == [links["signatory"]]
    assert set(merged.strands.values_list("code", flat=True)) == {"research"}
    assert merged.themes.count() == 1


def test_merge_keeps_names_and_fills_blanks(pair):
    """The loser's names become other names, once each; its ROR ID and website fill the survivor's blanks."""
    survivor, loser, _links = pair
    merged = organisation_merge(survivor=survivor, loser=loser)
    merged.refresh_from_db()
    assert merged.name_en == "Sun Yat-sen University" and merged.name_zh == "中山大学"
    assert merged.acronyms == ["SYSU", "ZSU"]  # "sysu" is SYSU again
    assert merged.former_names == ["National Guangdong University"]
    assert merged.aliases == ["Zhongshan University"]  # 中山大學 is 中山大学; "Zhongshan Univ." is the same name
    assert merged.ror_id == "0064kty71"
    assert merged.website == "https://www.sysu.edu.cn/"
    assert merged.description == "Founded by Sun Yat-sen in 1924."


def test_merge_is_in_the_change_log_and_on_the_timeline(pair, editor):
    """Each move is a logged change by the merging user; the survivor's timeline says what was merged."""
    survivor, loser, links = pair
    loser_pk = loser.pk
    with change_context(user=editor, source="web"):
        organisation_merge(survivor=survivor, loser=loser, user=editor)

    deleted = ObjectChange.objects.get(action="delete", content_type__model="organisation", object_id=str(loser_pk))
    assert deleted.user == editor
    moved = ObjectChange.objects.filter(action="update", content_type__model="affiliation", user=editor)
    assert any(c.prechange_data["organisation"] == loser_pk for c in moved)
    assert ObjectChange.objects.filter(action="update", content_type__model="interaction").exists()
    assert ObjectChange.objects.filter(action="delete", content_type__model="party").exists()
    assert ObjectChange.objects.filter(action="delete", content_type__model="relationship").exists()
    assert deleted in history_for(survivor, editor)
    [event] = [e for e in timeline_for(survivor) if e.kind == "organisation.merged"]
    assert "Zhongshan University" in event.message and event.user == editor


@pytest.mark.parametrize("step", ["record_event", "delete_record", "_carry_history"])
def test_merge_is_all_or_nothing(pair, monkeypatch, step):
    """A failure at any step leaves both records and every link as they were."""
    survivor, loser, links = pair
    before = {
        "changes": ObjectChange.objects.count(),
        "affiliations": sorted(Affiliation.objects.values_list("pk", "organisation_id")),
        "parties": sorted(Party.objects.values_list("pk", "organisation_id")),
        "relationships": Relationship.objects.count(),
        "interaction": sorted(links["both"].organisations.values_list("pk", flat=True)),
        "duplicates": sorted(DuplicatePair.objects.values_list("kind", "first_id", "second_id", "score", "evidence")),
    }
    assert before["duplicates"]  # the two records are a likely pair
    original = getattr(merge, step)
    calls = []

    def fail_on_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == (3 if step == "delete_record" else 1):
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(merge, step, fail_on_third)
    with pytest.raises(RuntimeError):
        organisation_merge(survivor=survivor, loser=loser)

    assert Organisation.objects.filter(pk=loser.pk).exists()
    loser.refresh_from_db()
    assert loser.ror_id == "0064kty71"
    assert Organisation.objects.get(pk=survivor.pk).aliases == []
    assert ObjectChange.objects.count() == before["changes"]
    assert sorted(Affiliation.objects.values_list("pk", "organisation_id")) == before["affiliations"]
    assert sorted(Party.objects.values_list("pk", "organisation_id")) == before["parties"]
    assert Relationship.objects.count() == before["relationships"]
    assert sorted(links["both"].organisations.values_list("pk", flat=True)) == before["interaction"]
    assert (
        sorted(DuplicatePair.objects.values_list("kind", "first_id", "second_id", "score", "evidence"))
        == before["duplicates"]
    )


def test_merge_leaves_no_likely_pair_with_the_deleted_record(pair):
    """The pair that was merged is gone, no pair names the loser, and the rest is what a full recomputation finds."""
    survivor, loser, _links = pair
    assert DuplicatePair.objects.filter(kind="organisation", first_id=survivor.pk, second_id=loser.pk).exists()
    organisation_merge(survivor=survivor, loser=loser)
    assert not DuplicatePair.objects.filter(Q(first_id=loser.pk) | Q(second_id=loser.pk), kind="organisation").exists()
    assert_current()


def test_merging_into_itself_or_across_kinds_is_refused(profile):
    """A record cannot absorb itself, and an organisation cannot absorb a person."""
    org = OrganisationFactory()
    with pytest.raises(ValidationError, match="itself"):
        organisation_merge(survivor=org, loser=Organisation.objects.get(pk=org.pk))
    with pytest.raises(ValidationError):
        organisation_merge(survivor=org, loser=PersonFactory())
    staff, contact = StaffFactory(), PersonFactory()
    with pytest.raises(ValidationError):
        person_merge(survivor=staff, loser=contact)


def test_a_stale_version_is_refused(profile):
    """A merge confirmed on an old view of either record is refused; nothing changes."""
    survivor, loser = OrganisationFactory(), OrganisationFactory()
    seen = loser.version
    Organisation.objects.filter(pk=loser.pk).update(version=seen + 1)  # someone edited it meanwhile
    with pytest.raises(StaleVersion):
        organisation_merge(survivor=survivor, loser=loser, survivor_version=survivor.version, loser_version=seen)
    assert Organisation.objects.filter(pk=loser.pk).exists()


def test_the_survivor_may_sit_under_the_loser(profile):
    """Merging a parent into its own sub-unit: the sub-unit takes the parent's place."""
    top = OrganisationFactory(name_en="Ministry of Education")
    loser = OrganisationFactory(name_en="Sun Yat-sen University", parent=top)
    survivor = OrganisationFactory(name_en="SYSU", parent=loser)
    organisation_merge(survivor=survivor, loser=loser)
    survivor.refresh_from_db()
    assert survivor.parent == top


def test_person_merge_moves_every_link(profile, editor):
    """Affiliations, interactions, signatures, responsibilities, obligations and relationships managed all move."""
    survivor = StaffFactory(email="")
    loser = StaffFactory(email="j.smith@example.ac.uk", phone="+44 121 000 0000")
    affiliation = AffiliationFactory(person=loser)
    interaction = InteractionFactory()
    interaction.people.add(loser, survivor)
    followed = InteractionFactory(follow_up_owner=loser, follow_up_date=datetime.date(2026, 6, 1))
    signatory = SignatoryFactory(person=loser)
    agreement = AgreementFactory(responsible=loser)
    obligation = ObligationFactory(owner=loser)
    relationship = RelationshipFactory(manager=loser)

    with change_context(user=editor, source="web"):
        merged = person_merge(survivor=survivor, loser=loser, user=editor)

    assert not Person.objects.filter(pk=loser.pk).exists()
    assert Affiliation.objects.get(pk=affiliation.pk).person == merged
    assert list(interaction.people.all()) == [merged]
    assert Interaction.objects.get(pk=followed.pk).follow_up_owner == merged
    assert Signatory.objects.get(pk=signatory.pk).person == merged
    assert Agreement.objects.get(pk=agreement.pk).responsible == merged
    assert obligation.__class__.objects.get(pk=obligation.pk).owner == merged
    assert Relationship.objects.get(pk=relationship.pk).manager == merged
    merged.refresh_from_db()
    assert merged.email == "j.smith@example.ac.uk" and merged.phone == "+44 121 000 0000"
    assert any(e.kind == "person.merged" for e in timeline_for(merged))


# ---------------------------------------------------------------- pages


def test_viewer_cannot_open_or_post_a_merge(pair, viewer_client):
    """Merging needs change and delete permission: a viewer gets 403 and nothing moves."""
    survivor, loser, _links = pair
    url = f"/organisations/{loser.pk}/merge/?into={survivor.pk}"
    assert viewer_client.get(url).status_code == 403
    response = viewer_client.post(url, {"survivor_version": survivor.version, "loser_version": loser.version})
    assert response.status_code == 403
    assert Organisation.objects.filter(pk=loser.pk).exists()


def test_editor_confirms_then_merges(pair, editor_client):
    """The confirm page shows both records and what moves; posting merges and lands on the survivor."""
    survivor, loser, _links = pair
    url = f"/organisations/{loser.pk}/merge/?into={survivor.pk}"
    page = editor_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Zhongshan University" in html and "Sun Yat-sen University" in html
    assert "affiliations" in html.lower() and "parties" in html.lower()

    response = editor_client.post(
        url, {"survivor_version": survivor.version, "loser_version": loser.version}, follow=True
    )
    assert response.redirect_chain[-1][0] == survivor.get_absolute_url()
    assert "Merged" in response.content.decode()
    assert not Organisation.objects.filter(pk=loser.pk).exists()


def test_page_refuses_a_stale_confirmation(pair, editor_client):
    """If either record changed after the confirm page was shown, the merge is refused with 409."""
    survivor, loser, _links = pair
    url = f"/organisations/{loser.pk}/merge/?into={survivor.pk}"
    Organisation.objects.filter(pk=survivor.pk).update(version=survivor.version + 1)
    response = editor_client.post(url, {"survivor_version": survivor.version, "loser_version": loser.version})
    assert response.status_code == 409
    assert Organisation.objects.filter(pk=loser.pk).exists()


def test_page_refuses_merging_into_itself(profile, editor_client):
    org = OrganisationFactory()
    response = editor_client.post(
        f"/organisations/{org.pk}/merge/?into={org.pk}", {"survivor_version": 1, "loser_version": 1}
    )
    assert response.status_code == 400
    assert "itself" in response.content.decode()


def test_person_merge_page(profile, editor_client):
    survivor, loser = PersonFactory(), PersonFactory()
    url = f"/people/{loser.pk}/merge/?into={survivor.pk}"
    assert editor_client.get(url).status_code == 200
    editor_client.post(url, {"survivor_version": survivor.version, "loser_version": loser.version})
    assert not Person.objects.filter(pk=loser.pk).exists()


def test_search_finds_the_survivor_by_the_losers_name(pair, viewer):
    """The search index follows the merge: the loser's name now finds the survivor, and the loser is gone."""
    from partnerships.search.queries import search

    survivor, loser, _links = pair
    organisation_merge(survivor=survivor, loser=loser)
    hits = [hit.obj for group in search(viewer, "Zhongshan University") for hit in group.hits]
    assert survivor in hits
    assert all(not (isinstance(h, Organisation) and h.name_en == "Zhongshan University") for h in hits)
