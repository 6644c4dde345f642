"""Business engagement at scale: IP assets, companies' needs (about half written only in Chinese),
researchers' expertise, the matches the engine proposes for some of the needs, and deals at every stage.

The texts are made of the terms of the matching lexicon (partnerships/business/data/concepts.json):
English terms for IP and expertise, Chinese terms for the Chinese needs, a few related concepts of
one group (energy, environment, medicine, manufacturing) and now and then a general one, so that
ranking every open need against the pools does the work it does on real records. Matches are ranked
by the real engine (`matching.rank`, as `services.suggest_matches` ranks) and bulk-inserted.
"""

import json
import re
from datetime import timedelta
from decimal import Decimal

from partnerships.business import matching, services
from partnerships.business.choices import STAGE_PROBABILITY
from partnerships.business.concepts import DATA as CONCEPTS
from partnerships.business.models import Deal, Expertise, IPAsset, Match, Need, Sector
from partnerships.core.models import Theme
from partnerships.organisations.models import Affiliation, Person
from partnerships.research.models import Project

from .. import names as words
from .common import BATCH, at

_CJK = re.compile(r"[\u3400-\u9fff]")
# The lexicon's groups are the profile's themes; the sectors a group's records are filed under.
GROUPS = (["energy", "environment", "medicine", "manufacturing"], [3, 3, 2, 3])
SECTORS = {
    "energy": ["energy", "energy", "automotive", "materials", "construction"],
    "environment": ["environment", "environment", "construction", "agrifood", "materials"],
    "medicine": ["health", "health", "pharma", "pharma", "agrifood"],
    "manufacturing": ["manufacturing", "manufacturing", "electronics", "automotive", "materials"],
}
IP_KINDS = (["patent_family", "patent_application", "software", "know_how", "design", "dataset", "other"],
            [3, 5, 3, 2, 1, 1, 1])  # fmt: skip
# About three in four can still be offered (services.offerable_ip); the rest optioned, licensed, abandoned.
IP_STATUSES = (["disclosed", "assessing", "filed", "granted", "available", "optioned", "licensed", "abandoned"],
               [2, 2, 4, 3, 4, 1, 2, 2])  # fmt: skip
NEED_STATUSES = (["open", "in_progress", "closed"], [5, 2, 3])
NEED_SOURCES = ["visit", "visit", "event", "referral", "development_zone", "inbound_form"]
MATCH_STATUSES = (["suggested", "contacted", "interested", "not_relevant"], [14, 3, 2, 1])
DEAL_KINDS = (["consultancy", "contract_research", "licence", "option", "spin_out", "ktp", "studentship"],
              [3, 5, 3, 1, 1, 1, 1])  # fmt: skip
DEAL_STAGES = (["lead", "qualified", "proposal", "negotiation", "won", "lost"], [4, 3, 3, 2, 3, 3])
DEAL_KIND_LABELS = {
    "consultancy": "Consultancy",
    "contract_research": "Contract research",
    "licence": "Licence",
    "option": "Option",
    "spin_out": "Spin-out",
    "ktp": "KTP",
    "studentship": "Sponsored studentship",
}
SUGGESTIONS = services.SUGGESTIONS

IP_TITLES = [
    "{a} for {b}",
    "{a} with {c} for {b}",
    "Low-cost {a} for {b}",
    "Improved {a} using {c}",
    "{a} and {b} by {c}",
    "Method of {a} in {b}",
]
IP_OPENERS = {
    "patent_family": "An invention",
    "patent_application": "A patented method",
    "software": "Software",
    "know_how": "Know-how",
    "design": "A design",
    "dataset": "A curated dataset",
    "other": "A technique",
}
READINESS = {
    1: "Principle shown in theory.",
    2: "Concept formulated.",
    3: "Proof of concept in the laboratory.",
    4: "Validated at laboratory scale.",
    5: "Validated in a relevant environment.",
    6: "Demonstrated on a pilot line.",
    7: "Prototype demonstrated in operation.",
    8: "Qualified with an industrial partner.",
    9: "Proven in commercial operation.",
}
NEED_TITLES_EN = [
    "Seeking {a} for {b}",
    "Improving {a} in our {b} line",
    "{a} for {b}: technology partner wanted",
    "Reducing the cost of {a}",
]
NEED_TITLES_ZH = [
    "{a}：{b}技术合作需求",
    "寻求{a}解决方案，用于{b}",
    "{a}关键技术攻关",
    "关于{a}与{b}的技术需求",
]
NEED_PROBLEMS_ZH = [
    "我公司主要从事{b}相关业务，目前在{a}方面遇到技术瓶颈，希望引进{c}技术。",
    "现有{b}生产中{a}效果不理想，成本偏高，需要{c}方面的支持。",
    "公司计划开展{a}项目，缺少{c}和{b}的研发能力，寻求高校合作。",
]
NEED_REQUIREMENTS_ZH = [
    "方案需要实现{d}，并能与现有{b}系统兼容；技术成熟度不低于{trl}级。",
    "要求提供{d}的完整方案，一年内完成中试。",
    "希望合作方具备{d}经验，可联合申报项目。",
]


class BusinessMixin:
    def _business(self, orgs, staff, contacts) -> None:
        self.lexicon_terms = _terms()
        self.theme_ids = dict(Theme.objects.values_list("code", "pk"))
        self.sector_ids = dict(Sector.objects.values_list("code", "pk"))
        companies = [o for o in orgs if o.kind == "company"] or orgs
        self.project_ids = list(Project.objects.values_list("pk", flat=True))
        experts = self._experts(staff)
        assets = self._ip_assets(staff)
        needs = self._needs(companies, staff)
        self._matches(needs)
        self._deals(companies, staff, assets, needs)
        self.say(
            f"business: {IPAsset.objects.count():,} IP assets, {Need.objects.count():,} needs, "
            f"{len(experts):,} new experts, {Match.objects.count():,} matches, {Deal.objects.count():,} deals"
        )

    # --- text -------------------------------------------------------------------------------------

    def _topic(self, concepts: int, chinese: bool = False) -> tuple[str, list[str]]:
        """A group and `concepts` distinct terms of it (sometimes one general term among them)."""
        group = self.pick(*GROUPS)
        pool = self.lexicon_terms[group]
        chosen = self.rng.sample(pool, concepts)
        if self.rng.random() < 0.3:
            chosen[-1] = self.pick(self.lexicon_terms["general"])
        index = 1 if chinese else 0
        return group, [self.pick(terms[index]) for terms in chosen]

    def _themes_and_sectors(self, model, objects, groups, sectors_field=True) -> None:
        """The group's theme (mostly) and one or two of its sectors, as staff would file them."""
        theme_rows, sector_rows = [], []
        source = f"{model._meta.model_name}_id"
        for obj, group in zip(objects, groups, strict=True):
            if group in self.theme_ids and self.rng.random() < 0.85:
                theme_rows.append(model.themes.through(**{source: obj.pk, "theme_id": self.theme_ids[group]}))
            if sectors_field:
                codes = {self.pick(SECTORS[group]) for _ in range(self.rng.randint(1, 2))}
                for code in sorted(codes):
                    if code in self.sector_ids:
                        sector_rows.append(
                            model.sectors.through(**{source: obj.pk, "sector_id": self.sector_ids[code]})
                        )
        model.themes.through.objects.bulk_create(theme_rows, batch_size=BATCH, ignore_conflicts=True)
        if sectors_field:
            model.sectors.through.objects.bulk_create(sector_rows, batch_size=BATCH)

    # --- records ----------------------------------------------------------------------------------

    def _experts(self, staff) -> list[Expertise]:
        """Expertise of home staff; when the register holds fewer staff than experts asked for, the
        researchers who offered expertise without yet working with partners are added as staff."""
        wanted = max(0, self.size.experts - Expertise.objects.count())
        taken = set(Expertise.objects.values_list("person_id", flat=True))
        free = [p for p in staff if p.pk not in taken]
        extra = []
        for n in range(max(0, wanted - len(free))):
            family, given = self.pick(words.ENGLISH_FAMILY_NAMES), self.pick(words.ENGLISH_GIVEN_NAMES)
            extra.append(
                Person(
                    family_name=family, given_name=given, title=self.pick(["Prof.", "Dr", "Dr"]), kind="staff",
                    college_id=self.pick(self.colleges) if self.colleges else None,
                    email=f"{given[0].lower()}.{family.lower()}.r{n}@staff.example.ac.uk",
                    preferred_language="en", purpose="Researcher offering expertise to companies",
                    lawful_basis="public_task", data_origin="uk",
                )
            )  # fmt: skip
        Person.objects.bulk_create(extra, batch_size=BATCH)
        joined = [
            Affiliation(
                person_id=p.pk,
                organisation_id=self.home.pk,
                role="Researcher",
                department=self.pick(words.DEPARTMENTS),
                start_date=self.day() - timedelta(days=2000),
            )
            for p in extra
        ]
        Affiliation.objects.bulk_create(joined, batch_size=BATCH)
        for person in extra:
            self.log(person, [], at(self.day(), self.rng))
        for a in joined:
            self.log(a, [self.home], at(a.start_date, self.rng))
        staff.extend(extra)
        people = self.rng.sample(free, min(wanted, len(free))) + extra
        new, groups = [], []
        for person in people:
            group, terms = self._topic(self.rng.randint(3, 6))
            keywords = list(terms)
            if self.rng.random() < 0.3:  # a Chinese keyword or two, as bilingual staff write them
                _g, zh = self._topic(1, chinese=True)
                keywords.append(zh[0])
            statement_zh = ""
            if self.rng.random() < 0.2:
                statement_zh = f"研究方向：{'、'.join(self._topic(2, chinese=True)[1])}。"
            new.append(
                Expertise(
                    person=person,
                    keywords=", ".join(keywords)[:500],
                    statement_en=f"Works on {terms[0]} and {terms[1]}, with industrial projects in {terms[2]}.",
                    statement_zh=statement_zh,
                    available=self.rng.random() < 0.85,
                )
            )
            groups.append(group)
        Expertise.objects.bulk_create(new, batch_size=BATCH)
        self._themes_and_sectors(Expertise, new, groups)
        self.tag(Expertise, self.rng.sample(new, len(new) // 2), fields=("strands", "colleges"))
        for expertise in new:
            self.log(expertise, [expertise.person], at(self.day(), self.rng))
        return new

    def _ip_assets(self, staff) -> list[IPAsset]:
        wanted = max(0, self.size.ip_assets - IPAsset.objects.count())
        managers = self.rng.sample(staff, min(len(staff), 12))
        new, groups, disclosed = [], [], []
        for n in range(wanted):
            group, (a, b, c, d, e) = self._topic(5)
            kind = self.pick(*IP_KINDS)
            trl = self.rng.randint(1, 9)
            title = self.pick(IP_TITLES).format(a=a, b=b, c=c)
            summary = f"{IP_OPENERS[kind]} for {a}, combining {b} with {c}. {READINESS[trl]} Suited to {d} and {e}."
            patent = kind in ("patent_family", "patent_application")
            new.append(
                IPAsset(
                    title_en=(title[0].upper() + title[1:])[:300],
                    summary_en=summary,
                    kind=kind,
                    status=self.pick(*IP_STATUSES),
                    trl=trl,
                    owner_id=self.pick(managers).pk if managers and self.rng.random() < 0.9 else None,
                    jurisdictions=self.pick(["GB", "GB, CN", "GB, EP, CN", "PCT", "CN"]) if patent else "",
                    patent_numbers=f"GB24{n:05d}.{n % 10}" if patent and self.rng.random() < 0.7 else "",
                    commercial_notes="" if self.rng.random() < 0.6 else f"Interest from {d} companies.",
                )
            )
            groups.append(group)
            disclosed.append(self.day())
        IPAsset.objects.bulk_create(new, batch_size=BATCH)
        self._themes_and_sectors(IPAsset, new, groups)
        self.tag(IPAsset, new, fields=("strands", "colleges"))
        inventors, projects = [], []
        project_ids = self.project_ids
        for asset in new:
            for person in {self.pick(staff).pk for _ in range(self.rng.randint(1, 3))}:
                inventors.append(IPAsset.inventors.through(ipasset_id=asset.pk, person_id=person))
            if project_ids and self.rng.random() < 0.4:
                projects.append(IPAsset.projects.through(ipasset_id=asset.pk, project_id=self.pick(project_ids)))
        IPAsset.inventors.through.objects.bulk_create(inventors, batch_size=BATCH)
        IPAsset.projects.through.objects.bulk_create(projects, batch_size=BATCH)
        for asset, day in zip(new, disclosed, strict=True):
            self.log(asset, [], at(day, self.rng))
        return list(IPAsset.objects.order_by("pk"))

    def _needs(self, companies, staff) -> list[Need]:
        wanted = max(0, self.size.needs - Need.objects.count())
        owners = self.rng.sample(staff, min(len(staff), 15))
        contacts_at = getattr(self, "contacts_at", {})
        new, groups = [], []
        for _ in range(wanted):
            company = self.pick(companies)
            chinese = self.rng.random() < 0.5
            group, (a, b, c, d) = self._topic(4, chinese=chinese)
            trl = self.pick([None, None, 3, 4, 5, 6, 7])
            received = self.day()
            if chinese:
                texts = {
                    "title_zh": self.pick(NEED_TITLES_ZH).format(a=a, b=b),
                    "problem_zh": self.pick(NEED_PROBLEMS_ZH).format(a=a, b=b, c=c),
                    "requirements_zh": self.pick(NEED_REQUIREMENTS_ZH).format(b=b, d=d, trl=trl or 4),
                }
                currency = "CNY"
            else:
                title = self.pick(NEED_TITLES_EN).format(a=a, b=b)
                texts = {
                    "title_en": title[0].upper() + title[1:],
                    "problem_en": f"We make {b} and have problems with {a}; we are looking for {c}.",
                    "requirements_en": f"A solution must deliver {d}"
                    + (f" at technology readiness level {trl} or above." if trl else "."),
                }
                currency = self.pick(["CNY", "CNY", "GBP"])
            low = self.rng.randint(5, 200) * (10000 if currency == "CNY" else 1000)
            budget = self.rng.random() < 0.7
            people = contacts_at.get(company.pk) or []
            new.append(
                Need(
                    **texts,
                    company=company,
                    sector_id=self.sector_ids.get(self.pick(SECTORS[group])),
                    budget_min=Decimal(low) if budget else None,
                    budget_max=Decimal(low * self.rng.randint(2, 5)) if budget else None,
                    currency=currency,
                    deadline=received + timedelta(days=self.rng.randint(60, 540)) if self.rng.random() < 0.6 else None,
                    trl_min=trl,
                    contact_id=self.pick(people) if people and self.rng.random() < 0.8 else None,
                    owner_id=self.pick(owners).pk if owners and self.rng.random() < 0.9 else None,
                    source=self.pick(NEED_SOURCES),
                    status=self.pick(*NEED_STATUSES),
                    received_on=received,
                )
            )
            groups.append(group)
        Need.objects.bulk_create(new, batch_size=BATCH)
        self._themes_and_sectors(Need, new, groups, sectors_field=False)
        self.tag(Need, new, fields=("strands", "colleges"))
        for need in new:
            self.log(need, [need.company], at(need.received_on, self.rng))
        return new

    def _matches(self, needs: list[Need]) -> None:
        """The IP and experts the engine ranks first for a slice of the new needs (what
        `suggest_matches` records), some of them since contacted, found interesting or not relevant."""
        chosen = {n.pk for n in self.rng.sample(needs, min(len(needs), self.size.matched_needs))}
        if not chosen:
            return
        ip_pool = list(services.offerable_ip().order_by("pk"))
        expert_pool = list(services.available_experts().order_by("pk"))
        pools = [
            ([matching.ip_profile(r) for r in ip_pool], {f"ip:{r.pk}": r for r in ip_pool}),
            ([matching.expertise_profile(r) for r in expert_pool], {f"expert:{r.pk}": r for r in expert_pool}),
        ]
        new = []
        chosen_needs = Need.objects.filter(pk__in=chosen).order_by("pk").select_related("sector", "company")
        for need in chosen_needs.prefetch_related("themes"):
            query = matching.need_profile(need)
            for profiles, by_key in pools:
                for candidate in matching.rank(query, profiles, limit=SUGGESTIONS):
                    record = by_key[candidate.key]
                    status = self.pick(*MATCH_STATUSES)
                    new.append(
                        Match(
                            need=need,
                            ip_asset=record if isinstance(record, IPAsset) else None,
                            expert=record if isinstance(record, Expertise) else None,
                            score=Decimal(str(candidate.score)),
                            reasons=candidate.reasons(),
                            status=status,
                            reason="Not the company's problem: a different technology."
                            if status == "not_relevant"
                            else "",
                        )
                    )
        Match.objects.bulk_create(new, batch_size=BATCH)
        self.interested = [m for m in new if m.status == "interested" and m.ip_asset is not None]
        for match in new:
            self.log(match, [match.need], at(self.day(after=match.need.received_on), self.rng))

    def _deals(self, companies, staff, assets, needs) -> None:
        wanted = max(0, self.size.deals - Deal.objects.count())
        owners = self.rng.sample(staff, min(len(staff), 15))
        from_matches = list(getattr(self, "interested", []))[:wanted]
        new, ip_links, team_links = [], [], []
        for n in range(wanted):
            match = from_matches[n] if n < len(from_matches) else None
            need = match.need if match else (self.pick(needs) if needs and self.rng.random() < 0.3 else None)
            company = need.company if need else self.pick(companies)
            kind = ("licence" if match.ip_asset else "contract_research") if match else self.pick(*DEAL_KINDS)
            linked = [match.ip_asset] if match else (self.some(assets, 1, 2) if self.rng.random() < 0.5 else [])
            stage = self.pick(*DEAL_STAGES)
            currency = self.pick(["GBP", "CNY"])
            value = self.rng.randint(5, 400) * (1000 if currency == "GBP" else 10000)
            started = self.day(after=need.received_on if need else None)
            closed = stage in ("won", "lost")
            closed_on = min(self.today, started + timedelta(days=self.rng.randint(30, 400))) if closed else None
            subject = linked[0].title_en if linked else self.pick(words.TOPICS)[0]
            new.append(
                Deal(
                    title=f"{DEAL_KIND_LABELS[kind]}: {subject} for {company.name_en}"[:300],
                    kind=kind,
                    company=company,
                    need=need,
                    stage=stage,
                    lost_reason=self.pick(["Budget withdrawn", "Went with another university", "No reply"])
                    if stage == "lost"
                    else "",
                    value=Decimal(value) if self.rng.random() < 0.9 else None,
                    currency=currency,
                    probability=STAGE_PROBABILITY[stage],
                    expected_close=closed_on
                    if closed
                    else (self.today + timedelta(days=self.rng.randint(-30, 540)) if self.rng.random() < 0.85 else None),
                    closed_on=closed_on,
                    owner_id=self.pick(owners).pk if owners else None,
                    next_action="" if closed else self.pick(["Send proposal", "Call the CTO", "Draft heads of terms", "Site visit"]),
                    next_action_date=None if closed else self.today + timedelta(days=self.rng.randint(-14, 60)),
                    notes="",
                )
            )  # fmt: skip
            ip_links.append(linked)
            team_links.append({self.pick(staff).pk for _ in range(self.rng.randint(0, 3))})
        Deal.objects.bulk_create(new, batch_size=BATCH)
        self.tag(Deal, new)
        Deal.ip_assets.through.objects.bulk_create(
            [
                Deal.ip_assets.through(deal_id=deal.pk, ipasset_id=asset.pk)
                for deal, linked in zip(new, ip_links, strict=True)
                for asset in {a.pk: a for a in linked}.values()
            ],
            batch_size=BATCH,
        )
        Deal.team.through.objects.bulk_create(
            [
                Deal.team.through(deal_id=deal.pk, person_id=person)
                for deal, team in zip(new, team_links, strict=True)
                for person in sorted(team)
            ],
            batch_size=BATCH,
        )
        for deal in new:
            self.log(deal, [deal.company], at(self.day(), self.rng))


def _terms() -> dict[str, list[tuple[list[str], list[str]]]]:
    """Group → each concept's (English terms, Chinese terms), from the matching lexicon."""
    groups: dict[str, list] = {}
    for row in json.loads(CONCEPTS.read_text(encoding="utf-8"))["concepts"]:
        chinese = [t for t in row["zh"] if _CJK.search(t)]
        english = [t for t in row["en"] if len(t) > 3 or t.isupper()]
        if chinese and english:
            groups.setdefault(row["group"], []).append((english, chinese))
    return groups
