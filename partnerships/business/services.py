"""Writes with rules for business engagement: suggesting matches, deciding on them, starting a deal
from one, and moving deals through their stages.

Pages, API, commands, the demo and jobs all call these; none changes a match's status or a deal's
stage any other way.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.core.events import record_event
from partnerships.core.locking import claim_version

from . import matching
from .choices import IP_OFFERABLE, STAGE_PROBABILITY, TRANSITIONS, DealKind, DealStage, MatchStatus, NeedStatus
from .models import Deal, Expertise, IPAsset, Match, Need

# How many of each kind a need is offered when matches are suggested.
SUGGESTIONS = 5


def offerable_ip():
    return IPAsset.objects.filter(status__in=IP_OFFERABLE).prefetch_related("themes", "sectors")


def available_experts():
    return Expertise.objects.filter(available=True).prefetch_related("themes", "sectors")


def open_needs():
    return (
        Need.objects.filter(status__in=(NeedStatus.OPEN, NeedStatus.IN_PROGRESS))
        .select_related("sector")
        .prefetch_related("themes")
    )


@transaction.atomic
def suggest_matches(*, need: Need, ip_pool=None, expert_pool=None) -> list[Match]:
    """Rank offerable IP and available experts for `need` and record the best as suggested matches.

    A pairing someone has already decided on (contacted, interested, not relevant) keeps its status;
    one found not relevant is never suggested again. Earlier suggestions that no longer rank are
    left as they are (someone may be reading them). The pools may be given so that ranking many
    needs reads the candidates once."""
    need = Need.objects.select_related("sector").prefetch_related("themes").get(pk=need.pk)
    existing = {(m.ip_asset_id, m.expert_id): m for m in Match.objects.filter(need=need)}
    declined = {_key(m) for m in existing.values() if m.status == MatchStatus.NOT_RELEVANT}
    query = matching.need_profile(need)
    ip_pool = list(offerable_ip()) if ip_pool is None else ip_pool
    expert_pool = list(available_experts()) if expert_pool is None else expert_pool
    found = []
    for pool, profile in ((ip_pool, matching.ip_profile), (expert_pool, matching.expertise_profile)):
        profiles = [profile(record) for record in pool]
        by_key = {p.key: record for p, record in zip(profiles, pool, strict=True)}
        ranked = matching.rank(query, profiles, limit=SUGGESTIONS, exclude=declined)
        found.extend((by_key[c.key], c) for c in ranked)
    saved = []
    for record, candidate in found:
        ip_asset = record if isinstance(record, IPAsset) else None
        expert = record if isinstance(record, Expertise) else None
        match = existing.get((ip_asset.pk if ip_asset else None, expert.pk if expert else None))
        score = Decimal(str(candidate.score))
        if match is None:
            match = Match(need=need, ip_asset=ip_asset, expert=expert, score=score, reasons=candidate.reasons())
            match.full_clean()
            match.save()
        elif match.score != score or match.reasons != candidate.reasons():
            match.score, match.reasons = score, candidate.reasons()
            match.save(update_fields=["score", "reasons", "updated_at"])
        saved.append(match)
    return saved


def _key(match: Match) -> str:
    return f"ip:{match.ip_asset_id}" if match.ip_asset_id else f"expert:{match.expert_id}"


def ranked_needs(*, ip_asset: IPAsset, user, limit: int = SUGGESTIONS) -> list[tuple[Need, matching.Candidate]]:
    """For an IP asset: the open needs it could answer, best first, among those `user` may see.
    Needs that found this asset not relevant are left out."""
    asset = IPAsset.objects.prefetch_related("themes", "sectors").get(pk=ip_asset.pk)
    needs = list(open_needs().restrict(user, "view"))
    declined = set(
        Match.objects.filter(ip_asset=asset, status=MatchStatus.NOT_RELEVANT).values_list("need_id", flat=True)
    )
    profiles = [(matching.need_profile(n), n) for n in needs if n.pk not in declined]
    by_key = {p.key: n for p, n in profiles}
    ranked = matching.rank(matching.ip_profile(asset), [p for p, _n in profiles], limit=limit)
    return [(by_key[c.key], c) for c in ranked]


@transaction.atomic
def match_decide(*, match: Match, to: str, user=None, reason: str = "", version: int | None = None) -> Match:
    """Record what came of a suggested pairing; "not relevant" needs a reason and is remembered."""
    match = Match.objects.select_for_update().get(pk=match.pk)
    if to not in MatchStatus.values or to in (MatchStatus.SUGGESTED, match.status):
        raise ValidationError(_("Choose contacted, interested or not relevant."))
    reason = (reason or "").strip()
    if to == MatchStatus.NOT_RELEVANT and not reason:
        raise ValidationError(_("Say why the match is not relevant, so that it is not suggested again blindly."))
    claim_version(match, match.version if version is None else version)
    previous = match.status
    match.status, match.reason = to, reason if to == MatchStatus.NOT_RELEVANT else ""
    match.save(update_fields=["status", "reason", "version", "updated_at"])
    message = f"{MatchStatus(previous).label} → {MatchStatus(to).label}" + (f": {reason}" if reason else "")
    record_event(match, f"match.{to}", user=user, message=message)
    return match


@transaction.atomic
def deal_from_match(*, match: Match, user=None, owner=None) -> Deal:
    """Start a deal from an accepted match: the need's company and the IP (or expert) carried over,
    the match marked interested, the need in progress."""
    match = (
        Match.objects.select_for_update(of=("self",))
        .select_related("need", "ip_asset", "expert__person")
        .get(pk=match.pk)
    )
    need = match.need
    if match.status == MatchStatus.NOT_RELEVANT:
        raise ValidationError(_("This match was found not relevant; reconsider it before starting a deal."))
    if match.status == MatchStatus.NOT_RELEVANT:
        raise ValidationError(_("This match was found not relevant; reconsider it before starting a deal."))
    started = Deal.objects.filter(need=need)
    started = (
        started.filter(ip_assets=match.ip_asset) if match.ip_asset_id else started.filter(team=match.expert.person)
    )
    if started.exists():
        raise ValidationError(_("A deal was already started from this match: %(deal)s.") % {"deal": started.first()})
    # The title names the company and the kind only: whoever is named on the deal may not be named on
    # the need or the IP asset, and must not read them in the deal's title.
    if match.ip_asset_id:
        kind, title = DealKind.LICENCE, _("Licence for %(company)s")
    else:
        kind, title = DealKind.CONTRACT_RESEARCH, _("Contract research for %(company)s")
    deal = Deal(
        title=(title % {"company": need.company})[:300],
        kind=kind,
        company=need.company,
        need=need,
        owner=owner or need.owner,
        currency=need.currency,
        value=need.budget_max,
        expected_close=need.deadline,
        probability=STAGE_PROBABILITY[DealStage.LEAD],
    )
    deal.full_clean()
    deal.save()
    deal.themes.set(need.themes.all())
    if match.ip_asset_id:
        deal.ip_assets.set([match.ip_asset])
    if match.expert_id:
        deal.team.set([match.expert.person])
    if match.status != MatchStatus.INTERESTED:
        match_decide(match=match, to=MatchStatus.INTERESTED, user=user)
    if need.status == NeedStatus.OPEN:
        need = Need.objects.select_for_update().get(pk=need.pk)
        claim_version(need, need.version)  # an edit form open on the need is now stale, not silently undone
        need.status = NeedStatus.IN_PROGRESS
        need.save(update_fields=["status", "updated_at"])
        record_event(need, "need.in_progress", user=user, message=_("Deal started (#%(deal)s).") % {"deal": deal.pk})
    # Ids, not names: the deal's people may not be named on the need or the IP asset.
    record_event(deal, "deal.started", user=user, message=_("Started from match #%(match)s.") % {"match": match.pk})
    return deal


def allowed_stages(deal: Deal) -> tuple[str, ...]:
    return TRANSITIONS[deal.stage]


@transaction.atomic
def deal_move(*, deal: Deal, to: str, user=None, reason: str = "", version: int | None = None) -> Deal:
    """Move a deal to another stage: its probability follows the stage, a lost deal says why, and a
    closed one records the day it closed."""
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    if to not in allowed_stages(deal):
        raise ValidationError(
            _("A deal at %(from)s cannot move to %(to)s.")
            % {"from": deal.get_stage_display(), "to": dict(DealStage.choices).get(to, to)}
        )
    reason = (reason or "").strip()
    if to == DealStage.LOST and not reason:
        raise ValidationError(_("Say why the deal was lost."))
    claim_version(deal, deal.version if version is None else version)
    previous = deal.stage
    deal.stage = to
    deal.probability = STAGE_PROBABILITY[to]
    deal.lost_reason = reason if to == DealStage.LOST else ""
    deal.closed_on = timezone.localdate() if to in (DealStage.WON, DealStage.LOST) else None
    deal.save(update_fields=["stage", "probability", "lost_reason", "closed_on", "version", "updated_at"])
    message = f"{DealStage(previous).label} → {DealStage(to).label}" + (f": {reason}" if reason else "")
    record_event(deal, f"deal.{to}", user=user, message=message)
    return deal
