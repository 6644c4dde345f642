"""The capacity-building app's demo: a summer school, a staff-development course, visiting scholars, a
curriculum workshop and a training course with the demo universities, past and coming up, with
headcounts, named participants and feedback.

Activities are found again by English title and never changed once there.
"""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

from partnerships.core.demo import DemoRun, counts, register_demo, save_demo

from .models import Activity, ParticipantCount

NAMES = ("activities", "headcounts")

ACTIVITIES = [
    {
        "title_en": "Birmingham–SYSU Summer School on Environmental Health",
        "title_zh": "伯明翰大学—中山大学环境健康暑期学校",
        "kind": "summer_school",
        "partners": ["sysu", "fah-sysu"],
        "start": -150,
        "days": 12,
        "place": "Sun Yat-sen University, Guangzhou",
        "lead": "whitfield",
        "participants": ["huang-zhiqiang"],
        "headcounts": {"students": 42, "academic_staff": 6},
        "feedback": "4.6",
        "outcomes": "42 students from four Guangzhou universities; three joint PhD applications followed.",
        "agreement": "sysu-framework",
        "initiative": "Birmingham–Sun Yat-sen Joint Institute for Environmental Health",
        "objectives": ["UOB-G1", "LES-3"],
        "colleges": ["mds", "les"],
        "themes": ["environment", "medicine"],
        "strands": ["capacity"],
    },
    {
        "title_en": "Teaching in English: staff development for SCNU lecturers",
        "title_zh": "英语授课：华南师范大学教师发展培训",
        "kind": "staff_development",
        "partners": ["scnu"],
        "start": -60,
        "days": 5,
        "place": "South China Normal University",
        "lead": "yang-xue",
        "participants": ["zhou-haiyan"],
        "headcounts": {"academic_staff": 24},
        "feedback": "4.3",
        "objectives": ["SOC-2"],
        "colleges": ["social-sciences"],
        "strands": ["capacity", "education"],
    },
    {
        "title_en": "Visiting scholars from Guangzhou University at the School of Law",
        "title_zh": "广州大学访问学者（法学院）",
        "kind": "visiting_scholars",
        "partners": ["gzhu"],
        "start": 40,
        "days": 90,
        "place": "Birmingham Law School",
        "lead": "hale",
        "participants": ["guo-jing"],
        "colleges": ["arts-law"],
        "strands": ["capacity"],
    },
    {
        "title_en": "Curriculum workshop: integrated energy systems modules",
        "title_zh": "课程建设研讨会：综合能源系统课程模块",
        "kind": "curriculum",
        "partners": ["scut", "gdut"],
        "start": -20,
        "days": 2,
        "place": "South China University of Technology",
        "lead": "okafor",
        "participants": ["liu-jianguo", "sun-lei"],
        "headcounts": {"academic_staff": 11, "professional_staff": 3},
        "initiative": "Guangzhou Energy and Manufacturing Flagship",
        "colleges": ["eps"],
        "themes": ["energy", "manufacturing"],
        "strands": ["capacity"],
    },
    {
        "title_en": "Research data management training for JNU doctoral students",
        "title_zh": "暨南大学博士生科研数据管理培训",
        "kind": "training_course",
        "partners": ["jnu"],
        "start": -400,
        "days": 3,
        "place": "Jinan University",
        "lead": "pemberton",
        "headcounts": {"students": 30},
        "feedback": "4.1",
        "colleges": ["les", "arts-law"],
        "strands": ["capacity"],
    },
]


def needed_codes() -> dict[str, set[str]]:
    needed = {name: set() for name in ("strands", "colleges", "themes")}
    for spec in ACTIVITIES:
        for name in needed:
            needed[name].update(spec.get(name, []))
    return needed


def load(run: DemoRun) -> list[str]:
    run.require_terms("capacity-building activities", needed_codes())
    created, present = Counter(), Counter()
    for spec in ACTIVITIES:
        if Activity.objects.filter(title_en=spec["title_en"]).exists():
            present["activities"] += 1
            continue
        start = run.today + timedelta(days=spec["start"])
        activity = Activity(
            kind=spec["kind"],
            title_en=spec["title_en"],
            title_zh=spec["title_zh"],
            start_date=start,
            end_date=start + timedelta(days=spec["days"] - 1),
            place=spec["place"],
            lead=run.get("people", spec["lead"]),
            outcomes=spec.get("outcomes", ""),
            feedback_score=Decimal(spec["feedback"]) if spec.get("feedback") else None,
            agreement=run.of("agreements").get(spec.get("agreement", "")),
            initiative=run.of("initiatives").get(spec.get("initiative", "")),
        )
        save_demo(activity, created, "activities")
        activity.partners.set([run.get("organisations", key) for key in spec["partners"]])
        activity.participants.set([run.get("people", key) for key in spec.get("participants", [])])
        activity.objectives.set([run.get("objectives", code) for code in spec.get("objectives", [])])
        run.tag(activity, spec)
        for category, number in spec.get("headcounts", {}).items():
            save_demo(ParticipantCount(activity=activity, category=category, count=number), created, "headcounts")
    if not sum(created.values()):
        return [f"Demo capacity building already loaded: nothing created. {counts(present, NAMES[:1])} found."]
    return [f"Demo capacity building created: {counts(created, NAMES)}."]


def register() -> None:
    register_demo("capacity", load)
