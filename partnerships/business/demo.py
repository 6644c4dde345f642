"""The business-engagement demo: IP across the four themes, needs from the demo's Guangzhou
companies (some only in Chinese), researchers' expertise, the matches the engine proposes (two of
them found not relevant), and a deal at every stage.

Records are found again by title (expertise by researcher) and never changed once there, so a
second run writes nothing.
"""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

from django.db.models import Q

from partnerships.core.demo import DemoRun, counts, register_demo, save_demo

from . import services
from .choices import STAGE_PROBABILITY, MatchStatus
from .demo_data import DEALS, EXPERTISE, IP_ASSETS, NEEDS
from .models import Deal, Expertise, IPAsset, Match, Need, Sector

NAMES = ("IP assets", "needs", "experts", "matches", "deals")


def _sectors(codes):
    return list(Sector.objects.filter(code__in=codes))


def load(run: DemoRun) -> list[str]:
    run.require_terms("business-engagement records", {"themes": {"medicine", "environment", "energy", "manufacturing"}})
    created, present = Counter(), Counter()
    people, organisations = run.of("people"), run.of("organisations")
    assets = []
    for spec in IP_ASSETS:
        asset = IPAsset.objects.filter(title_en=spec["title_en"]).first()
        if asset is None:
            asset = IPAsset(
                **{
                    k: spec.get(k, "")
                    for k in ("title_en", "title_zh", "summary_en", "jurisdictions", "patent_numbers")
                },
                kind=spec["kind"],
                status=spec["status"],
                trl=spec.get("trl"),
                owner=people.get(spec.get("owner", "")),
            )
            save_demo(asset, created, "IP assets")
            asset.inventors.set([people[key] for key in spec["inventors"]])
            asset.sectors.set(_sectors(spec["sectors"]))
            run.tag(asset, spec)
        else:
            present["IP assets"] += 1
        assets.append(asset)
    for spec in EXPERTISE:
        person = people[spec["person"]]
        if Expertise.objects.filter(person=person).exists():
            present["experts"] += 1
            continue
        expertise = Expertise(
            person=person,
            keywords=spec["keywords"],
            statement_en=spec.get("statement_en", ""),
            statement_zh=spec.get("statement_zh", ""),
        )
        save_demo(expertise, created, "experts")
        expertise.sectors.set(_sectors(spec["sectors"]))
        run.tag(expertise, spec)
    needs, new_needs = [], []
    for spec in NEEDS:
        title = Q(title_zh=spec["title_zh"]) if spec.get("title_zh") else Q(title_en=spec["title_en"])
        need = Need.objects.filter(title).first()
        if need is None:
            need = Need(
                **{k: spec.get(k, "") for k in ("title_en", "title_zh", "problem_en", "problem_zh", "requirements_zh")},
                company=organisations[spec["company"]],
                sector=Sector.objects.filter(code=spec["sector"]).first(),
                budget_min=Decimal(spec["budget_min"]) if spec.get("budget_min") else None,
                budget_max=Decimal(spec["budget_max"]) if spec.get("budget_max") else None,
                currency=spec["currency"],
                deadline=run.today + timedelta(days=spec["deadline"]) if spec.get("deadline") else None,
                trl_min=spec.get("trl_min"),
                contact=people.get(spec.get("contact", "")),
                owner=people.get(spec.get("owner", "")),
                source=spec["source"],
                received_on=run.today - timedelta(days=30),
            )
            save_demo(need, created, "needs")
            run.tag(need, spec)
            new_needs.append(need)
        else:
            present["needs"] += 1
        needs.append(need)
    for need in new_needs:
        suggested = services.suggest_matches(need=need)
        created["matches"] += len(suggested)
        Match.objects.filter(pk__in=[m.pk for m in suggested]).update(is_demo=True)
    _decline_some(new_needs)
    for spec in DEALS:
        if Deal.objects.filter(title=spec["title"]).exists():
            present["deals"] += 1
            continue
        deal = Deal(
            title=spec["title"],
            kind=spec["kind"],
            company=organisations[spec["company"]],
            need=needs[spec["need"]],
            value=Decimal(spec["value"]),
            currency=spec["currency"],
            expected_close=run.today + timedelta(days=spec["close"]),
            owner=people.get(spec["owner"]),
            next_action=spec.get("next_action", ""),
            next_action_date=run.today + timedelta(days=spec["next_action_date"])
            if "next_action_date" in spec
            else None,
            stage=spec["stage"],
            probability=STAGE_PROBABILITY[spec["stage"]],
            lost_reason=spec.get("lost_reason", ""),
            closed_on=run.today + timedelta(days=spec["close"]) if spec["stage"] in ("won", "lost") else None,
        )
        save_demo(deal, created, "deals")
        deal.ip_assets.set([assets[i] for i in spec["ip"]])
        deal.team.set([people[key] for key in spec.get("team", [])])
        run.tag(deal, spec)
    if not sum(created.values()):
        return [f"Demo business engagement already loaded: nothing created. {counts(present, NAMES)} found."]
    return [f"Demo business engagement created: {counts(created, NAMES)}."]


def _decline_some(needs) -> None:
    """For the first two needs offered more than one IP asset, the lowest-ranked is found not
    relevant, as a team would after reading it."""
    declined = 0
    for need in needs:
        offered = Match.objects.filter(need=need, ip_asset__isnull=False).order_by("score", "-pk")
        if declined < 2 and offered.count() > 1:
            services.match_decide(
                match=offered.first(),
                to=MatchStatus.NOT_RELEVANT,
                reason="Not the company's problem: a different technology.",
            )
            declined += 1


def register() -> None:
    register_demo("business", load)
