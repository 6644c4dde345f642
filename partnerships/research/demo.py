"""The research app's demo: exchange rates and seven joint projects with the demo partners, across the
four themes and five colleges, at every point of the lifecycle (an idea, a proposal, a bid under
review, a funded award not yet started, work under way, a completed project, a declined bid).

Statuses are reached through `services.project_transition`, as in the app. Projects are found again
by English title and rates by currency and date; neither is changed once there, so a rerun writes
nothing. Partners, people and agreements come from the lower apps' demos, by key.
"""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

from partnerships.core.demo import DemoRun, counts, register_demo, save_demo

from . import services
from .choices import ProjectStatus
from .models import ExchangeRate, Funding, Output, Project, ProjectMember, ProjectPartner

PATH = (
    ProjectStatus.PROPOSED,
    ProjectStatus.SUBMITTED,
    ProjectStatus.FUNDED,
    ProjectStatus.ACTIVE,
    ProjectStatus.COMPLETED,
)
NAMES = ("exchange rates", "projects", "partners", "members", "awards", "outputs")

# (currency, days ago valid from, GBP per unit): indicative rates, for the demo only.
RATES = [
    ("CNY", 1500, "0.1080"),
    ("CNY", 400, "0.1095"),
    ("EUR", 1500, "0.8500"),
    ("USD", 1500, "0.7900"),
    ("HKD", 1500, "0.1010"),
]

# partners: (organisation key, role); members: (person key, role, organisation key or None);
# funding: (funder key or None, scheme, reference, amount, currency, home share, days ago awarded);
# start/end: days from today (negative: in the past).
PROJECTS = [
    {
        "title_en": "Air pollution and cardiovascular health in the Pearl River Delta",
        "title_zh": "珠三角地区空气污染与心血管健康研究",
        "abstract_en": "A cohort study linking PM2.5 exposure to cardiovascular outcomes, with the First "
        "Affiliated Hospital's patient cohort and Birmingham's air-quality modelling.",
        "abstract_zh": "结合中山大学附属第一医院队列与伯明翰空气质量模型，研究PM2.5暴露与心血管结局的关系。",
        "status": ProjectStatus.ACTIVE,
        "start": -300,
        "end": 800,
        "agreement": "sysu-air-quality",
        "initiative": "Birmingham–Sun Yat-sen Joint Institute for Environmental Health",
        "objectives": ["MDS-2", "LES-3", "UOB-G2"],
        "partners": [("sysu", "lead"), ("fah-sysu", "partner"), ("gzstb", "funder")],
        "members": [
            ("whitfield", "pi", "uob"),
            ("huang-zhiqiang", "co_i", "sysu"),
            ("he-wen", "researcher", "fah-sysu"),
        ],
        "funding": [
            (
                "gzstb",
                "International Science and Technology Cooperation",
                "GZ-2025-ISTC-031",
                "1200000",
                "CNY",
                "400000",
                330,
            ),
            (None, "MRC Global Health Research", "MR/Z000001/1", "250000", "GBP", "250000", 320),
        ],
        "themes": ["medicine", "environment"],
        "colleges": ["mds", "les"],
        "strands": ["research", "postgraduate"],
    },
    {
        "title_en": "Low-carbon integrated energy systems for Guangzhou industrial parks",
        "title_zh": "广州工业园区低碳综合能源系统",
        "abstract_en": "Modelling and pilot control of combined heat, power and storage in two industrial parks.",
        "status": ProjectStatus.SUBMITTED,
        "start": 120,
        "end": 1200,
        "agreement": "giec-energy",
        "initiative": "Guangzhou Energy and Manufacturing Flagship",
        "objectives": ["EPS-1"],
        "partners": [("giec", "lead"), ("suilan", "partner")],
        "members": [("okafor", "pi", "uob"), ("zhao-peng", "co_i", "giec")],
        "themes": ["energy"],
        "colleges": ["eps"],
        "strands": ["research"],
    },
    {
        "title_en": "Robotic inspection of precision-machined parts",
        "title_zh": "精密加工零件的机器人检测",
        "abstract_en": "Vision-guided robotic inspection for small-batch precision manufacturing, tested on "
        "Yunlan's production line.",
        "status": ProjectStatus.FUNDED,
        "start": 45,
        "end": 775,
        "partners": [("scut", "lead"), ("gdut", "partner"), ("yunlan", "host")],
        "initiative": "Guangzhou Energy and Manufacturing Flagship",
        "objectives": ["EPS-1", "UOB-G2"],
        "members": [("okafor", "pi", "uob"), ("liu-jianguo", "co_i", "scut"), ("sun-lei", "co_i", "gdut")],
        "funding": [
            ("gzstb", "Key Research and Development Programme", "GZ-2026-KRD-114", "800000", "CNY", "300000", 60)
        ],
        "themes": ["manufacturing"],
        "colleges": ["eps", "social-sciences"],
        "strands": ["research"],
    },
    {
        "title_en": "Tumour microenvironment biomarkers in nasopharyngeal carcinoma",
        "title_zh": "鼻咽癌肿瘤微环境生物标志物",
        "status": ProjectStatus.COMPLETED,
        "start": -1400,
        "end": -60,
        "partners": [("smu", "lead")],
        "members": [("whitfield", "pi", "uob"), ("wu-jun", "co_i", "smu")],
        "funding": [(None, "Newton Fund Institutional Links", "NF-IL-2022-17", "150000", "GBP", "90000", 1450)],
        "themes": ["medicine"],
        "colleges": ["mds"],
        "strands": ["research"],
    },
    {
        "title_en": "Low-cost sensor networks for water quality in the Pearl River",
        "title_zh": "珠江水质低成本传感网络",
        "status": ProjectStatus.PROPOSED,
        "partners": [("scnu", "partner")],
        "objectives": ["LES-3"],
        "members": [("pemberton", "pi", "uob"), ("zhou-haiyan", "co_i", "scnu")],
        "themes": ["environment"],
        "colleges": ["les", "social-sciences"],
        "strands": ["research"],
    },
    {
        "title_en": "Cultural heritage law and urban regeneration in Guangzhou",
        "title_zh": "广州文化遗产法与城市更新",
        "status": ProjectStatus.IDEA,
        "partners": [("jnu", "partner")],
        "objectives": ["ARTS-1"],
        "members": [("hale", "pi", "uob"), ("zhang-min", "co_i", "jnu")],
        "themes": [],
        "colleges": ["arts-law"],
        "strands": ["research"],
    },
    {
        "title_en": "Scalable biomanufacturing of cell therapies",
        "title_zh": "细胞治疗的规模化生物制造",
        "status": ProjectStatus.DECLINED,
        "partners": [("gibh", "lead"), ("kapok", "partner")],
        "members": [("whitfield", "pi", "uob"), ("lin-jiaxin", "co_i", "gibh")],
        "themes": ["medicine", "manufacturing"],
        "colleges": ["mds", "eps"],
        "strands": ["research"],
    },
]


# Fictional outputs on Crossref's example DOI prefix (10.5555): (DOI, kind, title, authors, year, venue,
# project titles, partner co-author keys).
OUTPUTS = [
    (
        "10.5555/demo.2025.pm25",
        "publication",
        "Long-term PM2.5 exposure and incident heart failure in a Guangzhou hospital cohort",
        "Li, Na; Huang, Zhiqiang; He, Wen; Whitfield, Catherine",
        2025,
        "Environment International",
        [PROJECTS[0]["title_en"]],
        ["sysu", "fah-sysu"],
    ),
    (
        "10.5555/demo.2024.npc",
        "publication",
        "Stromal signatures of nasopharyngeal carcinoma progression",
        "Chen, Hao; Wu, Jun; Whitfield, Catherine",
        2024,
        "Journal of Pathology",
        [PROJECTS[3]["title_en"]],
        ["smu"],
    ),
    (
        "10.5555/demo.2026.inspect",
        "dataset",
        "Annotated images of machined aluminium parts for robotic inspection",
        "Liu, Jianguo; Sun, Lei; Okafor, James",
        2026,
        "Zenodo",
        [PROJECTS[2]["title_en"]],
        ["scut", "gdut"],
    ),
]


def needed_codes() -> dict[str, set[str]]:
    needed = {name: set() for name in ("strands", "colleges", "themes")}
    for spec in PROJECTS:
        for name in needed:
            needed[name].update(spec.get(name, []))
    return needed


def load(run: DemoRun) -> list[str]:
    run.require_terms("research projects", needed_codes())
    created, present = Counter(), Counter()
    for currency, days_ago, value in RATES:
        valid_from = run.today - timedelta(days=days_ago)
        if ExchangeRate.objects.filter(currency=currency, valid_from=valid_from).exists():
            present["exchange rates"] += 1
            continue
        rate = ExchangeRate(currency=currency, valid_from=valid_from, gbp_per_unit=Decimal(value))
        save_demo(rate, created, "exchange rates")
    for spec in PROJECTS:
        existing = Project.objects.filter(title_en=spec["title_en"]).order_by("pk").first()
        if existing is not None:
            present["projects"] += 1
        else:
            existing = project(run, spec, created)
        run.keep("projects", spec["title_en"], existing)
    for doi, kind, title, authors, year, venue, projects, partners in OUTPUTS:
        if Output.objects.filter(doi=doi).exists():
            present["outputs"] += 1
            continue
        output = Output(kind=kind, title=title, authors=authors, year=year, venue=venue, doi=doi)
        save_demo(output, created, "outputs")
        output.projects.set([run.get("projects", t) for t in projects])
        output.partners.set([run.get("organisations", key) for key in partners])
    if not sum(created.values()):
        found = counts(present, ("exchange rates", "projects", "outputs"))
        return [f"Demo research already loaded: nothing created. {found} found."]
    return [f"Demo research created: {counts(created, NAMES)}."]


def project(run: DemoRun, spec: dict, created: Counter) -> Project:
    day = lambda offset: run.today + timedelta(days=offset)  # noqa: E731
    record = Project(
        title_en=spec["title_en"],
        title_zh=spec.get("title_zh", ""),
        abstract_en=spec.get("abstract_en", ""),
        abstract_zh=spec.get("abstract_zh", ""),
        start_date=day(spec["start"]) if "start" in spec else None,
        end_date=day(spec["end"]) if "end" in spec else None,
        agreement=run.of("agreements").get(spec["agreement"]) if spec.get("agreement") else None,
        initiative=run.of("initiatives").get(spec.get("initiative", "")),
    )
    save_demo(record, created, "projects")
    run.tag(record, spec)
    record.objectives.set([run.get("objectives", code) for code in spec.get("objectives", [])])
    for key, role in spec["partners"]:
        save_demo(
            ProjectPartner(project=record, organisation=run.get("organisations", key), role=role), created, "partners"
        )
    for key, role, organisation in spec["members"]:
        member = ProjectMember(
            project=record,
            person=run.get("people", key),
            role=role,
            organisation=run.get("organisations", organisation) if organisation else None,
        )
        save_demo(member, created, "members")
    for funder, scheme, reference, amount, currency, home, days_ago in spec.get("funding", []):
        award = Funding(
            project=record,
            funder=run.get("organisations", funder) if funder else None,
            scheme=scheme,
            award_reference=reference,
            amount=Decimal(amount),
            currency=currency,
            home_share=Decimal(home) if home else None,
            awarded_on=run.today - timedelta(days=days_ago),
        )
        save_demo(award, created, "awards")
    walk(record, spec["status"])
    return record


def walk(record: Project, target: str) -> None:
    """Through the lifecycle service, one step at a time, to the status the spec asks for."""
    if target == ProjectStatus.IDEA:
        return
    if target == ProjectStatus.DECLINED:
        steps = (ProjectStatus.PROPOSED, ProjectStatus.SUBMITTED, ProjectStatus.DECLINED)
    else:
        steps = PATH[: PATH.index(target) + 1]
    for step in steps:
        record = services.project_transition(project=record, to=step)


def register() -> None:
    register_demo("research", load)
