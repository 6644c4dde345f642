"""The lifecycle: every allowed move succeeds, every other one is refused and changes nothing; renewal."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partnerships.agreements import services
from partnerships.agreements.choices import TRANSITIONS, Status
from partnerships.agreements.models import Agreement, Party
from partnerships.core.locking import StaleVersion
from partnerships.core.models import College, Strand, TimelineEvent
from tests.factories import AgreementFactory, OrganisationFactory, PartyFactory

from .conftest import put_in, sign_by_two_parties

ALLOWED = [(a, b) for a, targets in TRANSITIONS.items() for b in targets if b != Status.SUPERSEDED]
# Superseding is never a move of its own: only a renewal becoming active does it (tested below).
FORBIDDEN = [(a, b) for a in Status.values for b in Status.values if b not in TRANSITIONS[a] and b != Status.SUPERSEDED]


def events(agreement, kind=None):
    found = TimelineEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Agreement), object_id=str(agreement.pk)
    )
    return found.filter(kind=kind) if kind else found


def test_the_lists_cover_every_pair():
    """Every (from, to) pair is tested: allowed, forbidden, or → superseded (refused by hand, done by renewal)."""
    by_hand_to_superseded = [(a, Status.SUPERSEDED) for a in Status.values]
    pairs = ALLOWED + FORBIDDEN + by_hand_to_superseded
    assert len(pairs) == len(set(pairs)) == len(Status.values) ** 2


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_transition_succeeds(source, target, editor):
    """An allowed move changes the status, bumps the version and is put on the timeline with who and why."""
    agreement = put_in(AgreementFactory(), source)
    if target == Status.SIGNED:
        sign_by_two_parties(agreement)

    services.agreement_transition(agreement=agreement, to=target, user=editor, reason="Board decision 12")

    agreement.refresh_from_db()
    assert agreement.status == target
    assert agreement.version == 2
    event = events(agreement, f"agreement.{target}").get()
    assert event.user == editor
    assert "Board decision 12" in event.message
    assert f"{Status(source).label} → {Status(target).label}" in event.message


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_every_forbidden_transition_is_refused_and_changes_nothing(source, target, editor):
    """A forbidden move raises a ValidationError that names both statuses; status, version and timeline stay."""
    agreement = put_in(AgreementFactory(), source)
    sign_by_two_parties(agreement)  # so that "→ signed" is refused for the lifecycle, not for signatures
    before = events(agreement).count()

    with pytest.raises(ValidationError) as refused:
        services.agreement_transition(agreement=agreement, to=target, user=editor)

    assert str(Status(source).label) in refused.value.messages[0]
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version, agreement.signed_date) == (source, 1, None)
    assert events(agreement).count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("source", Status.values)
def test_superseded_cannot_be_reached_by_hand(source, editor):
    """Even from active or expired, only a renewal becoming active supersedes an agreement."""
    agreement = put_in(AgreementFactory(), source)

    with pytest.raises(ValidationError):
        services.agreement_transition(agreement=agreement, to=Status.SUPERSEDED, user=editor)

    agreement.refresh_from_db()
    assert agreement.status == source and agreement.version == 1


@pytest.mark.django_db
def test_signing_needs_two_parties_each_with_a_signature(editor):
    """Approved → signed is refused until at least two parties have each signed."""
    agreement = put_in(AgreementFactory(), Status.APPROVED)
    PartyFactory(agreement=agreement)
    with pytest.raises(ValidationError, match="two parties"):
        services.agreement_transition(agreement=agreement, to=Status.SIGNED, user=editor)

    unsigned = PartyFactory(agreement=agreement, organisation=OrganisationFactory(name_en="Jinan University"))
    with pytest.raises(ValidationError, match="Jinan University"):
        services.agreement_transition(agreement=agreement, to=Status.SIGNED, user=editor)

    agreement.refresh_from_db()
    assert agreement.status == Status.APPROVED and unsigned.pk


@pytest.mark.django_db
def test_signed_date_is_the_last_signature_and_the_agreement_starts_then(editor):
    """Partners sign on different days: the agreement is signed, and starts, on the last of them."""
    first, last = datetime.date(2025, 3, 1), datetime.date(2025, 3, 19)
    agreement = put_in(AgreementFactory(), Status.APPROVED)
    sign_by_two_parties(agreement, last, first)

    services.agreement_transition(agreement=agreement, to=Status.SIGNED, user=editor)

    agreement.refresh_from_db()
    assert agreement.signed_date == last
    assert agreement.effective_start == last


@pytest.mark.django_db
def test_a_given_start_date_wins_over_the_last_signature(editor):
    agreement = put_in(AgreementFactory(start_date=datetime.date(2025, 9, 1)), Status.APPROVED)
    sign_by_two_parties(agreement, datetime.date(2025, 3, 1), datetime.date(2025, 3, 19))

    services.agreement_transition(agreement=agreement, to=Status.SIGNED, user=editor)

    agreement.refresh_from_db()
    assert agreement.signed_date == datetime.date(2025, 3, 19)
    assert agreement.effective_start == datetime.date(2025, 9, 1)


@pytest.mark.django_db
def test_an_agreement_past_its_end_cannot_become_active(editor):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    agreement = put_in(AgreementFactory(end_date=yesterday), Status.SIGNED)

    with pytest.raises(ValidationError, match="end date has passed"):
        services.agreement_transition(agreement=agreement, to=Status.ACTIVE, user=editor)

    agreement.refresh_from_db()
    assert agreement.status == Status.SIGNED


@pytest.mark.django_db
def test_a_stale_version_is_refused(editor):
    """A move based on an old version (someone else moved it meanwhile) changes nothing."""
    agreement = AgreementFactory()
    services.agreement_transition(agreement=agreement, to=Status.NEGOTIATION, user=editor)

    with pytest.raises(StaleVersion):
        services.agreement_transition(agreement=agreement, to=Status.LEGAL_REVIEW, user=editor, version=1)

    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == (Status.NEGOTIATION, 2)
    assert not events(agreement, "agreement.legal_review").exists()


@pytest.mark.django_db
def test_the_current_version_is_accepted(editor):
    agreement = AgreementFactory()
    services.agreement_transition(agreement=agreement, to=Status.NEGOTIATION, user=editor, version=1)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == (Status.NEGOTIATION, 2)


# Renewal


@pytest.fixture
def in_force(profile):
    """An active MoU with two parties, a college and a strand."""
    agreement = AgreementFactory(
        title_en="Sun Yat-sen MoU", end_date=timezone.localdate() + datetime.timedelta(days=60), notice_period_days=30
    )
    sign_by_two_parties(agreement)
    agreement.colleges.add(College.objects.get(code="eps"))
    agreement.strands.add(Strand.objects.get(code="research"))
    return put_in(agreement, Status.ACTIVE, signed_date=timezone.localdate() - datetime.timedelta(days=700))


@pytest.mark.django_db
@pytest.mark.parametrize("source", [s for s in Status.values if s not in (Status.ACTIVE, Status.EXPIRED)])
def test_only_active_or_expired_agreements_can_be_renewed(source, editor):
    agreement = put_in(AgreementFactory(), source)
    with pytest.raises(ValidationError, match="Only active or expired"):
        services.agreement_renew(agreement=agreement, user=editor)
    assert not Agreement.objects.filter(predecessor=agreement).exists()


@pytest.mark.django_db
def test_renewal_drafts_a_successor_with_the_same_parties_and_tags(in_force, editor):
    new_end = in_force.end_date + datetime.timedelta(days=5 * 365)

    successor = services.agreement_renew(agreement=in_force, user=editor, end_date=new_end, reason="Five more years")

    assert successor.predecessor == in_force
    assert successor.status == Status.DRAFT
    assert (successor.kind, successor.title_en, successor.notice_period_days) == (
        in_force.kind,
        in_force.title_en,
        in_force.notice_period_days,
    )
    assert successor.start_date == in_force.end_date and successor.end_date == new_end
    organisations = [p.organisation_id for p in in_force.parties.all()]
    assert [p.organisation_id for p in successor.parties.all()] == organisations
    assert Party.objects.filter(agreement=successor, signatories__isnull=False).count() == 0  # it must be signed anew
    assert list(successor.colleges.values_list("code", flat=True)) == ["eps"]
    assert list(successor.strands.values_list("code", flat=True)) == ["research"]
    assert "Five more years" in events(in_force, "agreement.renewed").get().message
    in_force.refresh_from_db()
    assert in_force.status == Status.ACTIVE  # still in force until the successor is


@pytest.mark.django_db
@pytest.mark.parametrize("source", [Status.ACTIVE, Status.EXPIRED])
def test_the_predecessor_is_superseded_when_the_successor_becomes_active(source, in_force, editor):
    """active → superseded and expired → superseded: both happen only this way."""
    predecessor = put_in(in_force, source)
    successor = services.agreement_renew(agreement=predecessor, user=editor)
    put_in(successor, Status.SIGNED)

    services.agreement_transition(agreement=successor, to=Status.ACTIVE, user=editor)

    predecessor.refresh_from_db()
    assert predecessor.status == Status.SUPERSEDED
    assert predecessor.version == 2
    superseded = events(predecessor, "agreement.superseded").get()
    assert superseded.user == editor and successor.title_en in superseded.message
    assert successor.renewal_chain() == [predecessor]


@pytest.mark.django_db
def test_a_terminated_predecessor_stays_terminated(in_force, editor):
    successor = services.agreement_renew(agreement=in_force, user=editor)
    services.agreement_transition(agreement=in_force, to=Status.TERMINATED, user=editor)
    put_in(successor, Status.SIGNED)

    services.agreement_transition(agreement=successor, to=Status.ACTIVE, user=editor)

    in_force.refresh_from_db()
    assert in_force.status == Status.TERMINATED


@pytest.mark.django_db
def test_an_agreement_is_renewed_only_once(in_force, editor):
    services.agreement_renew(agreement=in_force, user=editor)
    with pytest.raises(ValidationError, match="already been renewed"):
        services.agreement_renew(agreement=in_force, user=editor)
    assert Agreement.objects.filter(predecessor=in_force).count() == 1


# The pages


@pytest.mark.django_db
def test_a_forbidden_move_on_the_page_says_why_and_changes_nothing(profile, editor_client):
    agreement = AgreementFactory()

    response = editor_client.post(
        reverse("agreements:agreement_transition", args=[agreement.pk]), {"to": "active", "version": 1}, follow=True
    )

    assert response.redirect_chain[-1][0] == agreement.get_absolute_url()
    assert "cannot become Active" in response.content.decode()
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == (Status.DRAFT, 1)


@pytest.mark.django_db
def test_an_allowed_move_on_the_page(profile, editor_client, editor):
    agreement = AgreementFactory()

    response = editor_client.post(
        reverse("agreements:agreement_transition", args=[agreement.pk]),
        {"to": "negotiation", "version": 1, "reason": "Partner replied"},
        follow=True,
    )

    assert "now In negotiation" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Status.NEGOTIATION
    assert events(agreement, "agreement.negotiation").get().user == editor


@pytest.mark.django_db
def test_a_stale_form_on_the_page_says_so(profile, editor_client):
    agreement = AgreementFactory()
    services.agreement_transition(agreement=agreement, to=Status.NEGOTIATION)

    response = editor_client.post(
        reverse("agreements:agreement_transition", args=[agreement.pk]),
        {"to": "legal_review", "version": 1},
        follow=True,
    )

    assert "Someone else changed this record" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Status.NEGOTIATION


@pytest.mark.django_db
def test_a_viewer_cannot_move_an_agreement(profile, viewer_client):
    agreement = AgreementFactory()
    response = viewer_client.post(
        reverse("agreements:agreement_transition", args=[agreement.pk]), {"to": "negotiation", "version": 1}
    )
    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.status == Status.DRAFT


@pytest.mark.django_db
def test_the_detail_page_offers_only_the_allowed_moves(profile, editor_client):
    agreement = put_in(AgreementFactory(), Status.ACTIVE)
    html = editor_client.get(agreement.get_absolute_url()).content.decode()
    assert 'value="expired"' in html and 'value="terminated"' in html
    assert 'value="superseded"' not in html and 'value="draft"' not in html


@pytest.mark.django_db
def test_the_renew_page_drafts_the_successor_and_shows_the_chain(in_force, editor_client):
    url = reverse("agreements:agreement_renew", args=[in_force.pk])
    assert editor_client.get(url).status_code == 200

    response = editor_client.post(url, {"end_date": "2032-12-31", "reason": "Renewed at the steering committee"})

    successor = Agreement.objects.get(predecessor=in_force)
    assert response.status_code == 302 and response.url == successor.get_absolute_url()
    assert successor.end_date == datetime.date(2032, 12, 31)
    chain = editor_client.get(response.url).content.decode()
    chain = chain[chain.index('id="renewal-chain"') :]
    assert in_force.get_absolute_url() in chain[: chain.index("</ol>")]


@pytest.mark.django_db
def test_the_renew_page_refuses_a_second_renewal(in_force, editor_client):
    services.agreement_renew(agreement=in_force)

    response = editor_client.post(reverse("agreements:agreement_renew", args=[in_force.pk]), {"reason": ""})

    assert response.status_code == 400 and "already been renewed" in response.content.decode()
    assert Agreement.objects.filter(predecessor=in_force).count() == 1


@pytest.mark.django_db
def test_the_daily_run_expires_agreements_past_their_end(profile):
    """Past its end date an active agreement becomes expired, on the timeline; one that renews itself stays."""
    from io import StringIO

    from django.core.management import call_command

    from partnerships.core.models import TimelineEvent
    from tests.factories import AgreementFactory

    ended = AgreementFactory(end_date=datetime.date(2026, 1, 31))
    rolling = AgreementFactory(end_date=datetime.date(2026, 1, 31), auto_renew=True)
    Agreement.objects.filter(pk__in=[ended.pk, rolling.pk]).update(status="active")
    call_command("send_reminders", "--today", "2026-02-01", stdout=StringIO())
    ended.refresh_from_db()
    rolling.refresh_from_db()
    assert (ended.status, rolling.status) == ("expired", "active")
    assert TimelineEvent.objects.filter(object_id=str(ended.pk), kind="agreement.expired").exists()
