"""The postgraduate app's demo: five students (fictional, e-mails on example domains) in training with
the demo partners, under the demo research projects — one only proposed, without a project yet.

Students are found again by e-mail and their records by student; nothing is changed once there.
"""

from collections import Counter
from datetime import date, timedelta

from partnerships.core.demo import DemoRun, counts, register_demo, save_demo
from partnerships.organisations.models import Person

from .models import Supervision, TrainingRecord

NAMES = ("students", "training records", "supervisions")
PROJECT_AIR = "Air pollution and cardiovascular health in the Pearl River Delta"
PROJECT_ROBOTS = "Robotic inspection of precision-machined parts"
PROJECT_TUMOUR = "Tumour microenvironment biomarkers in nasopharyngeal carcinoma"
PROJECT_ENERGY = "Low-carbon integrated energy systems for Guangzhou industrial parks"

STUDENT = {
    "kind": "contact",
    "family_name_first": True,
    "preferred_language": "zh",
    "lawful_basis": "contract",
    "data_origin": "prc",
    "purpose": "Administering the student's joint postgraduate training.",
}

# student: (family, given, Chinese, e-mail); dates in days from today; supervisors: (key, role, organisation key)
RECORDS = [
    {
        "student": ("Li", "Na", "李娜", "li.na@student.example.org"),
        "kind": "co_supervised_phd",
        "status": "enrolled",
        "partner": "sysu",
        "projects": [PROJECT_AIR],
        "intake": -400,
        "expected": 1060,
        "months": (12, 36, None, None),
        "funder": "gzstb",
        "funding": "CSC–Birmingham joint scholarship (stipend and fees)",
        "agreement": "sysu-framework",
        "initiative": "Birmingham–Sun Yat-sen Joint Institute for Environmental Health",
        "objectives": ["MDS-2", "UOB-G1"],
        "supervisors": [("whitfield", "lead", "uob"), ("huang-zhiqiang", "co", "sysu")],
        "colleges": ["mds"],
        "themes": ["medicine", "environment"],
        "strands": ["postgraduate", "research"],
    },
    {
        "student": ("Zhou", "Yang", "周阳", "zhou.yang@student.example.org"),
        "kind": "joint_phd",
        "status": "offered",
        "partner": "scut",
        "projects": [PROJECT_ROBOTS],
        "intake": 60,
        "expected": 1520,
        "months": (24, 24, None, None),
        "supervisors": [("okafor", "lead", "uob"), ("liu-jianguo", "co", "scut")],
        "colleges": ["eps"],
        "themes": ["manufacturing"],
        "strands": ["postgraduate"],
    },
    {
        "student": ("Chen", "Hao", "陈浩", "chen.hao@student.example.org"),
        "kind": "split_site_phd",
        "status": "completed",
        "partner": "smu",
        "projects": [PROJECT_TUMOUR],
        "intake": -1500,
        "expected": -90,
        "actual": -60,
        "months": (18, 30, 20, 28),
        "funding": "Newton Fund PhD placement",
        "supervisors": [("whitfield", "lead", "uob"), ("wu-jun", "co", "smu")],
        "colleges": ["mds"],
        "themes": ["medicine"],
        "strands": ["postgraduate"],
    },
    {
        "student": ("Huang", "Mei", "黄梅", "huang.mei@student.example.org"),
        "kind": "studentship",
        "status": "proposed",
        "partner": "jnu",
        "projects": [],
        "intake": 280,
        "agreement": "jnu-studentship",
        "supervisors": [("hale", "lead", "uob")],
        "colleges": ["arts-law"],
        "strands": ["postgraduate"],
    },
    {
        "student": ("Wang", "Jun", "王军", "wang.jun@student.example.org"),
        "kind": "taught_pg",
        "status": "applied",
        "partner": "giec",
        "projects": [PROJECT_ENERGY],
        "intake": 280,
        "expected": 645,
        "months": (12, 0, None, None),
        "supervisors": [("okafor", "lead", "uob")],
        "colleges": ["eps", "social-sciences"],
        "themes": ["energy"],
        "strands": ["postgraduate"],
    },
]


def needed_codes() -> dict[str, set[str]]:
    needed = {name: set() for name in ("strands", "colleges", "themes")}
    for spec in RECORDS:
        for name in needed:
            needed[name].update(spec.get(name, []))
    return needed


def load(run: DemoRun) -> list[str]:
    run.require_terms("postgraduate training", needed_codes())
    created, present = Counter(), Counter()
    for spec in RECORDS:
        family, given, chinese, email = spec["student"]
        student = Person.objects.filter(email__iexact=email).first()
        if student is None:
            student = Person(family_name=family, given_name=given, name_zh=chinese, email=email, **STUDENT)
            student.retain_until = date(run.today.year + 6, 12, 31)
            save_demo(student, created, "students")
        if TrainingRecord.objects.filter(student=student).exists():
            present["training records"] += 1
            continue
        record(run, spec, student, created)
    if not sum(created.values()):
        return [f"Demo postgraduate training already loaded: nothing created. {counts(present, NAMES[1:2])} found."]
    return [f"Demo postgraduate training created: {counts(created, NAMES)}."]


def record(run: DemoRun, spec: dict, student: Person, created: Counter) -> TrainingRecord:
    def day(key):
        return run.today + timedelta(days=spec[key]) if key in spec else None

    home, partner, home_actual, partner_actual = spec.get("months", (None, None, None, None))
    training = TrainingRecord(
        kind=spec["kind"],
        student=student,
        partner=run.get("organisations", spec["partner"]),
        status=spec["status"],
        intake=day("intake"),
        expected_completion=day("expected"),
        actual_completion=day("actual"),
        months_home_planned=home,
        months_partner_planned=partner,
        months_home_actual=home_actual,
        months_partner_actual=partner_actual,
        funder=run.get("organisations", spec["funder"]) if spec.get("funder") else None,
        funding=spec.get("funding", ""),
        agreement=run.of("agreements").get(spec.get("agreement", "")),
        initiative=run.of("initiatives").get(spec.get("initiative", "")),
    )
    save_demo(training, created, "training records")
    training.projects.set([run.get("projects", title) for title in spec["projects"]])
    training.objectives.set([run.get("objectives", code) for code in spec.get("objectives", [])])
    run.tag(training, spec)
    for key, role, organisation in spec["supervisors"]:
        supervision = Supervision(
            record=training,
            person=run.get("people", key),
            role=role,
            organisation=run.get("organisations", organisation),
        )
        save_demo(supervision, created, "supervisions")
    return training


def register() -> None:
    register_demo("postgraduate", load)
