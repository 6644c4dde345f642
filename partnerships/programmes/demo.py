"""The educational platform's demo: a joint institute with South China University of Technology
running three English-taught programmes (mathematics, economics, engineering) under the joint-programme
agreement, with five years of cohorts; one programme's PRC approval expires within months.

Programmes are found again by English title and never changed once there; a second run writes nothing.
"""

from collections import Counter
from datetime import timedelta

from partnerships.core.demo import DemoRun, counts, register_demo, save_demo

from .choices import Status
from .models import Accreditation, Cohort, Programme

NAMES = ("programmes", "cohorts", "accreditations")

PROGRAMMES = [
    {
        "title_en": "BSc Applied Mathematics (Birmingham–SCUT)",
        "title_zh": "应用数学理学学士（伯明翰大学—华南理工大学）",
        "subject": "Applied mathematics",
        "hecos_code": "100403",
        "awards": "BSc Applied Mathematics (Birmingham); 理学学士 (SCUT)",
        "awarding_bodies": "University of Birmingham; South China University of Technology",
        "delivery_model": "dual_degree",
        "designed_by": "both", "delivered_by": "both", "accredited_by": "both",
        "location": "split", "months_partner": 24, "months_home": 24,
        "college": "eps", "school": "School of Mathematics", "lead_home": "okafor", "lead_partner": "liu-jianguo",
        "approved_years_ago": 6, "review_in_days": 400, "prc_until_days": 900,
        "intakes": [60, 64, 70, 72, 75], "accreditation": ("Institute of Mathematics and its Applications", 700),
    },
    {
        "title_en": "BSc Economics (Birmingham–SCUT)",
        "title_zh": "经济学理学学士（伯明翰大学—华南理工大学）",
        "subject": "Economics",
        "hecos_code": "100450",
        "awards": "BSc Economics (Birmingham)",
        "awarding_bodies": "University of Birmingham",
        "delivery_model": "articulation_2_2",
        "designed_by": "birmingham", "delivered_by": "both", "accredited_by": "birmingham",
        "location": "split", "months_partner": 24, "months_home": 24,
        "college": "social-sciences", "school": "Department of Economics", "lead_home": "yang-xue",
        "approved_years_ago": 7, "review_in_days": 45, "prc_until_days": 75,
        "intakes": [40, 42, 45, 38, 44],
    },
    {
        "title_en": "BEng Mechanical Engineering (Birmingham–SCUT)",
        "title_zh": "机械工程工学学士（伯明翰大学—华南理工大学）",
        "subject": "Mechanical engineering",
        "hecos_code": "100190",
        "awards": "BEng Mechanical Engineering (Birmingham); 工学学士 (SCUT)",
        "awarding_bodies": "University of Birmingham; South China University of Technology",
        "delivery_model": "jointly_delivered",
        "designed_by": "both", "delivered_by": "both", "accredited_by": "birmingham",
        "location": "partner",
        "college": "eps", "school": "School of Engineering", "lead_home": "okafor",
        "approved_years_ago": 5, "review_in_days": 800, "prc_until_days": 1500,
        "intakes": [80, 85, 90, 96, 100], "accreditation": ("Institution of Mechanical Engineers", 1200),
    },
]  # fmt: skip


def load(run: DemoRun) -> list[str]:
    run.require_terms("programmes", {"strands": {"education"}, "colleges": {"eps", "social-sciences"}})
    created, present = Counter(), Counter()
    people, organisations, agreements = run.of("people"), run.of("organisations"), run.of("agreements")
    this_year = run.today.year if run.today.month >= 9 else run.today.year - 1
    for spec in PROGRAMMES:
        if Programme.objects.filter(title_en=spec["title_en"]).exists():
            present["programmes"] += 1
            continue
        fields = {
            k: spec.get(k)
            for k in (
                "title_en", "title_zh", "subject", "hecos_code", "awards", "awarding_bodies", "delivery_model",
                "designed_by", "delivered_by", "accredited_by", "location", "months_partner", "months_home", "school",
            )
        }  # fmt: skip
        programme = Programme(
            **fields,
            partner=organisations["scut"],
            agreement=agreements.get("scut-joint-programme"),
            lead_home=people.get(spec.get("lead_home", "")),
            lead_partner=people.get(spec.get("lead_partner", "")),
            uk_approval_date=run.today - timedelta(days=365 * spec["approved_years_ago"]),
            periodic_review_due=run.today + timedelta(days=spec["review_in_days"]),
            prc_approval_number=f"MOE44GB2A{this_year - spec['approved_years_ago']}0{len(spec['subject'])}1N",
            prc_approving_body="Ministry of Education of the PRC",
            prc_valid_from=run.today - timedelta(days=365 * spec["approved_years_ago"]),
            prc_valid_until=run.today + timedelta(days=spec["prc_until_days"]),
            status=Status.RUNNING,
        )
        save_demo(programme, created, "programmes")
        run.tag(programme, {"strands": ["education"], "colleges": [spec["college"]]})
        for offset, intake in enumerate(spec["intakes"]):
            year = this_year - (len(spec["intakes"]) - 1 - offset)
            years_running = this_year - year
            cohort = Cohort(
                programme=programme,
                academic_year=year,
                applications=intake * 4,
                offers=intake * 2,
                intake=intake,
                year_1=intake - 1,
                graduated=intake - 3 if years_running >= 4 else 0,
                withdrawn=2 if years_running >= 1 else 0,
                dormant=1 if years_running >= 4 else 0,
            )
            save_demo(cohort, created, "cohorts")
        if spec.get("accreditation"):
            body, days = spec["accreditation"]
            save_demo(
                Accreditation(programme=programme, body=body, expires_on=run.today + timedelta(days=days)),
                created,
                "accreditations",
            )
    if not sum(created.values()):
        return [f"Demo programmes already loaded: nothing created. {counts(present, NAMES[:1])} found."]
    return [f"Demo programmes created: {counts(created, NAMES)}."]


def register() -> None:
    register_demo("programmes", load)
