"""The strategy app's demo: a few University and College objectives (some served, some not yet) and
two signature initiatives grouping the demo agreements; the research demo puts projects under them.

Objectives are found again by code, initiatives by English name; neither is changed once there.
"""

from collections import Counter

from partnerships.core.demo import DemoRun, counts, register_demo, save_demo

from .choices import InitiativeKind
from .models import Initiative, Objective

NAMES = ("objectives", "initiatives")

# code: (title_en, title_zh, college code or None, owner key or None, start, end)
OBJECTIVES = {
    "UOB-G1": (
        "Deepen strategic partnerships in priority global cities",
        "深化与重点全球城市的战略伙伴关系",
        None,
        "goodwin",
        2024,
        2030,
    ),
    "UOB-G2": ("Grow international research income", "增加国际科研经费", None, "goodwin", 2024, 2030),
    "UOB-G3": ("Widen transnational education", "拓展跨国教育", None, None, 2024, 2030),
    "MDS-2": (
        "Clinical and population health research with partner hospitals",
        "与合作医院开展临床与人群健康研究",
        "mds",
        "whitfield",
        2025,
        2029,
    ),
    "EPS-1": (
        "Energy transition and advanced manufacturing with industry",
        "与产业界合作推进能源转型与先进制造",
        "eps",
        "okafor",
        2025,
        2029,
    ),
    "LES-3": (
        "Environmental monitoring in fast-growing cities",
        "快速发展城市的环境监测",
        "les",
        "pemberton",
        2025,
        2029,
    ),
    "ARTS-1": ("Heritage, law and the city", "遗产、法律与城市", "arts-law", "hale", 2025, 2029),
    "SOC-2": (
        "Skills and leadership for city partnerships",
        "城市伙伴关系的技能与领导力",
        "social-sciences",
        None,
        2025,
        2029,
    ),
}

INITIATIVES = [
    {
        "name_en": "Birmingham–Sun Yat-sen Joint Institute for Environmental Health",
        "name_zh": "伯明翰大学—中山大学环境健康联合研究院",
        "kind": InitiativeKind.JOINT_INSTITUTE,
        "lead": "whitfield",
        "aims": "Joint research and doctoral training on air quality, pollution and health in the Pearl River Delta.\n"
        "围绕珠三角空气质量、污染与健康开展联合研究和博士培养。",
        "objectives": ["UOB-G1", "UOB-G2", "MDS-2", "LES-3"],
        "agreements": ["sysu-mou", "sysu-framework", "sysu-air-quality"],
        "strands": ["research", "postgraduate", "capacity"],
        "colleges": ["mds", "les"],
        "themes": ["medicine", "environment"],
    },
    {
        "name_en": "Guangzhou Energy and Manufacturing Flagship",
        "name_zh": "广州能源与制造旗舰合作",
        "kind": InitiativeKind.FLAGSHIP,
        "lead": "okafor",
        "aims": "Integrated energy systems and intelligent manufacturing with Guangzhou institutes and companies.",
        "objectives": ["UOB-G2", "EPS-1"],
        "agreements": ["giec-energy"],
        "strands": ["research", "business"],
        "colleges": ["eps"],
        "themes": ["energy", "manufacturing"],
    },
]


def load(run: DemoRun) -> list[str]:
    needed = {"colleges": {o[2] for o in OBJECTIVES.values() if o[2]}, "strands": set(), "themes": set()}
    for spec in INITIATIVES:
        for name in ("strands", "colleges", "themes"):
            needed[name].update(spec[name])
    run.require_terms("objectives and initiatives", needed)
    created, present = Counter(), Counter()
    for code, (title_en, title_zh, college, owner, start, end) in OBJECTIVES.items():
        objective = Objective.objects.filter(code=code).first()
        if objective is not None:
            present["objectives"] += 1
        else:
            objective = Objective(
                code=code,
                title_en=title_en,
                title_zh=title_zh,
                college=run.terms["colleges"][college] if college else None,
                owner=run.get("people", owner) if owner else None,
                period_start=start,
                period_end=end,
            )
            save_demo(objective, created, "objectives")
        run.keep("objectives", code, objective)
    for spec in INITIATIVES:
        initiative = Initiative.objects.filter(name_en=spec["name_en"]).first()
        if initiative is not None:
            present["initiatives"] += 1
        else:
            initiative = Initiative(
                name_en=spec["name_en"],
                name_zh=spec["name_zh"],
                kind=spec["kind"],
                lead=run.get("people", spec["lead"]),
                aims=spec["aims"],
            )
            save_demo(initiative, created, "initiatives")
            initiative.objectives.set([run.get("objectives", code) for code in spec["objectives"]])
            initiative.agreements.set([run.get("agreements", key) for key in spec["agreements"]])
            run.tag(initiative, spec)
        run.keep("initiatives", spec["name_en"], initiative)
    if not sum(created.values()):
        return [f"Demo strategy already loaded: nothing created. {counts(present, NAMES)} found."]
    return [f"Demo strategy created: {counts(created, NAMES)}."]


def register() -> None:
    register_demo("strategy", load)
