"""The business-engagement services: matches decided and remembered, deals started and moved."""

import pytest
from django.core.exceptions import ValidationError

from partnerships.business import services
from partnerships.business.choices import DealStage, MatchStatus, NeedStatus
from partnerships.business.models import Deal, Match
from partnerships.core.locking import StaleVersion
from partnerships.core.models import TimelineEvent

pytestmark = pytest.mark.django_db


def test_not_relevant_needs_a_reason_and_is_never_suggested_again(world):
    match = world["match"]
    with pytest.raises(ValidationError):
        services.match_decide(match=match, to=MatchStatus.NOT_RELEVANT)
    services.match_decide(match=match, to=MatchStatus.NOT_RELEVANT, reason="Different chemistry")
    match.refresh_from_db()
    assert (match.status, match.reason) == (MatchStatus.NOT_RELEVANT, "Different chemistry")
    found = services.suggest_matches(need=world["need"])
    assert match.pk not in {m.pk for m in found}
    match.refresh_from_db()
    assert match.status == MatchStatus.NOT_RELEVANT  # suggesting again changed nothing about it
    assert world["need"] not in [n for n, _ in services.ranked_needs(ip_asset=world["ip"], user=_admin())]


def test_suggesting_finds_the_english_ip_for_a_chinese_need_with_reasons(world):
    Match.objects.all().delete()
    found = services.suggest_matches(need=world["need"])
    ips = [m for m in found if m.ip_asset_id]
    assert [m.ip_asset for m in ips] == [world["ip"]]
    assert ips[0].reasons["concepts"], "the shared concepts are the reasons shown"
    # A second run keeps the same rows, scores and reasons.
    again = services.suggest_matches(need=world["need"])
    assert sorted(m.pk for m in again) == sorted(m.pk for m in found)


def test_a_deal_starts_from_a_match(world):
    world["deal"].ip_assets.clear()  # the world's deal is not one started from its match
    deal = services.deal_from_match(match=world["match"])
    assert (deal.company, deal.need, deal.stage) == (world["company"], world["need"], DealStage.LEAD)
    assert list(deal.ip_assets.all()) == [world["ip"]]
    world["match"].refresh_from_db()
    world["need"].refresh_from_db()
    assert world["match"].status == MatchStatus.INTERESTED
    assert world["need"].status == NeedStatus.IN_PROGRESS


def test_a_match_starts_one_deal_and_its_title_names_no_confidential_record(world):
    world["deal"].ip_assets.clear()  # the world's deal is not one started from its match
    deal = services.deal_from_match(match=world["match"])
    assert world["ip"].title_en not in deal.title and world["need"].title_en not in deal.title
    with pytest.raises(ValidationError):
        services.deal_from_match(match=world["match"])
    assert Deal.objects.filter(need=world["need"], ip_assets=world["ip"]).count() == 1


def test_a_declined_match_starts_no_deal(world):
    services.match_decide(match=world["match"], to=MatchStatus.NOT_RELEVANT, reason="No")
    before = Deal.objects.count()
    with pytest.raises(ValidationError):
        services.deal_from_match(match=world["match"])
    assert Deal.objects.count() == before


def test_moving_a_deal_sets_probability_and_closing_and_lost_needs_a_reason(world):
    deal = world["deal"]
    services.deal_move(deal=deal, to=DealStage.NEGOTIATION)
    deal.refresh_from_db()
    assert (deal.stage, deal.probability, deal.closed_on) == (DealStage.NEGOTIATION, 75, None)
    with pytest.raises(ValidationError):
        services.deal_move(deal=deal, to=DealStage.LOST)
    deal.refresh_from_db()
    assert deal.stage == DealStage.NEGOTIATION
    services.deal_move(deal=deal, to=DealStage.WON)
    deal.refresh_from_db()
    assert (deal.stage, deal.probability) == (DealStage.WON, 100) and deal.closed_on is not None
    assert TimelineEvent.objects.filter(object_id=str(deal.pk), kind="deal.won").exists()


def test_a_stale_move_is_refused(world):
    deal = world["deal"]
    with pytest.raises(StaleVersion):
        services.deal_move(deal=deal, to=DealStage.QUALIFIED, version=deal.version + 5)
    deal.refresh_from_db()
    assert deal.stage == DealStage.LEAD


def _admin():
    from tests.conftest import make_user

    return make_user("boss", "admin")
