"""The agreements app's demo, loaded by `manage.py load_demo` after the partners, people and interactions.

A realistic set for the demo partners: an umbrella MoU with Sun Yat-sen University that ends soon
(its notice deadline is days away), a framework research agreement under it and a specific research
agreement under that (obligations, a signed PDF); a joint programme with SCUT in legal review, a
GIEC research agreement approved and awaiting signatures, a Kapok Bay licence in negotiation, a
Jinan studentship agreement in draft, a signed NDA with Suilan Energy Storage, and one dormant
agreement: a Guangzhou University MoU signed two years ago with nothing under it since.

Statuses are reached by walking the lifecycle through `services` (so the same rules apply), and
each step's timeline entry is then dated to its place in the story ("demo history"): the MoU was
signed three years ago, not on the day the demo was loaded. Every record made here is marked
`is_demo`. Agreements are found again by English title; one already there is left exactly as it
is (with everything under it), so a rerun writes nothing.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from partnerships.core.demo import DemoRun, register_demo
from partnerships.core.events import record_event
from partnerships.core.models import College, Strand, Theme, TimelineEvent
from partnerships.organisations.demo_data import HOME
from partnerships.relationships.models import Interaction

from . import services
from .choices import ControllingLanguage, DocumentType, ObligationSide, PartyRole, Status
from .models import Agreement, AgreementKind, Document, Obligation, Party, Signatory

# The order statuses are walked in to reach a target; a target before `signed` stops on the way.
PATH = (Status.NEGOTIATION, Status.LEGAL_REVIEW, Status.APPROVED, Status.SIGNED, Status.ACTIVE)
TAG_MODELS = {"strands": Strand, "colleges": College, "themes": Theme}

# Parents come before their children. Keys are used only in this file.
#   partner: demo organisation key; signatories: (side, person key, capacity, days ago signed or None);
#   history: days ago each pre-signature step was taken; signed and active follow the signatures.
#   end_after_days: end date counted from the day it was signed (or, unsigned, from today);
#   obligations: (description, side, due in days (negative: past), owner, done);
#   documents: (title, type, file name, days ago uploaded — None: on the day it was signed).
AGREEMENTS = [
    {
        "key": "sysu-mou",
        "kind": "mou",
        "title_en": "Memorandum of Understanding between the University of Birmingham and Sun Yat-sen University",
        "title_zh": "伯明翰大学与中山大学合作备忘录",
        "reference": "UOB-SYSU-MOU-01",
        "controlling_language": ControllingLanguage.EQUAL,
        "partner": "sysu",
        "unit": "Birmingham Guangzhou Centre",
        "responsible": "whitfield",
        "status": Status.ACTIVE,
        "history": {Status.NEGOTIATION: 1290, Status.LEGAL_REVIEW: 1220, Status.APPROVED: 1180},
        "signatories": [
            ("home", "goodwin", "Director, Birmingham Guangzhou Centre, for the Vice-Chancellor", 1110),
            (
                "partner",
                "chen-xiaoyan",
                "Deputy Director, Office of International Cooperation (国际合作与交流处)",
                1100,
            ),
        ],
        # Ends 70 days from today: "expiring soon". Its 60-day notice period puts the notice deadline
        # ten days away, so the reminders have something urgent to say.
        "end_in_days": 70,
        "notice_period_days": 60,
        "auto_renew": False,
        "strands": ["research", "postgraduate", "capacity"],
        "colleges": ["mds", "les", "arts-law"],
        "themes": ["medicine", "environment"],
        "summary": (
            "Umbrella memorandum for the strategic partnership: joint research in medicine and environmental "
            "health, co-supervised PhDs, staff exchange and summer schools. Renewal is under discussion.\n"
            "战略合作总备忘录：医学与环境健康联合研究、联合培养博士、教师交流及暑期学校。"
        ),
        "interactions": [
            "Annual partnership review with SYSU International Office",
            "Summer school in environmental sciences",
            "University of Birmingham leadership delegation to Guangzhou",
            "Arts and Law visit to SYSU: translation studies",
        ],
        "obligations": [
            ("Annual partnership review meeting", ObligationSide.BOTH, 45, "goodwin", False),
        ],
        "documents": [("Signed memorandum (bilingual)", DocumentType.SIGNED, "uob-sysu-mou-signed.pdf", None)],
    },
    {
        "key": "sysu-framework",
        "kind": "framework",
        "parent": "sysu-mou",
        "title_en": "Framework Agreement for Research Collaboration between the University of Birmingham and Sun Yat-sen University",
        "title_zh": "伯明翰大学与中山大学科研合作框架协议",
        "reference": "UOB-SYSU-FRA-01",
        "controlling_language": ControllingLanguage.ENGLISH,
        "partner": "sysu",
        "unit": "Research and Innovation Services",
        "responsible": "whitfield",
        "status": Status.ACTIVE,
        "history": {Status.NEGOTIATION: 1010, Status.LEGAL_REVIEW: 960, Status.APPROVED: 930},
        "signatories": [
            ("home", "whitfield", "Academic Lead for China, for the Pro-Vice-Chancellor (Research)", 905),
            ("partner", "chen-xiaoyan", "Deputy Director, Office of International Cooperation (国际合作与交流处)", 900),
        ],
        "end_after_days": 5 * 365,
        "notice_period_days": 180,
        "auto_renew": True,
        "strands": ["research"],
        "colleges": ["mds", "les"],
        "themes": ["medicine", "environment"],
        "summary": (
            "Terms for every joint research project under the MoU: intellectual property, publication, data "
            "protection and the use of each other's facilities. Projects are agreed one by one under it."
        ),
    },
    {
        "key": "sysu-air-quality",
        "kind": "research",
        "parent": "sysu-framework",
        "title_en": "Research Collaboration Agreement: Air Quality and Respiratory Health in the Pearl River Delta",
        "title_zh": "科研合作协议：珠江三角洲空气质量与呼吸健康研究",
        "reference": "UOB-SYSU-RCA-07",
        "controlling_language": ControllingLanguage.ENGLISH,
        "partner": "sysu",
        "unit": "College of Medicine and Health",
        "responsible": "pemberton",
        "status": Status.ACTIVE,
        "history": {Status.NEGOTIATION: 172, Status.LEGAL_REVIEW: 163, Status.APPROVED: 158},
        "signatories": [
            ("home", "whitfield", "Academic Lead for China", 155),
            ("partner", "huang-zhiqiang", "Professor of Epidemiology, School of Public Health (公共卫生学院)", 150),
        ],
        "end_after_days": 3 * 365,
        "notice_period_days": 90,
        "auto_renew": False,
        "strands": ["research"],
        "colleges": ["mds", "les"],
        "themes": ["medicine", "environment"],
        "summary": (
            "Three-year joint study of air pollution and respiratory health, funded through the NSFC–UKRI call. "
            "Patient-level data stay in the PRC; only aggregate results are shared."
        ),
        "interactions": [
            "SYSU School of Public Health: air quality and health proposal",
            "SYSU medical delegation to Birmingham",
        ],
        "obligations": [
            (
                "Data management plan agreed by both parties (PIPL-compliant)",
                ObligationSide.BOTH,
                -120,
                "pemberton",
                True,
            ),
            ("Steering committee meeting (first annual)", ObligationSide.BOTH, 30, "whitfield", False),
            ("Annual progress report to both research offices", ObligationSide.HOME, 215, "pemberton", False),
        ],
        "documents": [("Signed agreement", DocumentType.SIGNED, "uob-sysu-air-quality-signed.pdf", None)],
    },
    {
        "key": "scut-joint-programme",
        "kind": "joint-programme",
        "title_en": "Joint Programme Agreement: BEng Mechanical Engineering (2+2) with South China University of Technology",
        "title_zh": "伯明翰大学与华南理工大学机械工程（2+2）联合培养项目协议",
        "reference": "UOB-SCUT-JPA-01",
        "controlling_language": ControllingLanguage.EQUAL,
        "partner": "scut",
        "unit": "College of Engineering and Physical Sciences",
        "responsible": "okafor",
        "status": Status.LEGAL_REVIEW,
        "history": {Status.NEGOTIATION: 200, Status.LEGAL_REVIEW: 25},
        "signatories": [
            ("home", "okafor", "Director of International Partnerships", None),
            ("partner", "wang-li", "Programme Manager, Sino-foreign Cooperation in Education", None),
        ],
        "starts_next_september": True,
        "end_after_days": 5 * 365,
        "notice_period_days": 365,
        "auto_renew": False,
        "strands": ["education"],
        "colleges": ["eps", "social-sciences"],
        "themes": ["manufacturing"],
        "summary": (
            "Years 1–2 at SCUT, years 3–4 in Birmingham, taught in English; up to 60 students a year. "
            "Conditional approval: an English-language support plan is still to be added."
        ),
        "interactions": [
            "Call with SCUT on a joint English-taught engineering programme",
            "SCUT joint programme: curriculum mapping workshop",
            "SCUT delegation to Birmingham: joint programme approval",
            "SCUT joint programme: first cohort recruitment call",
        ],
        "obligations": [
            ("English-language support plan for the approval panel", ObligationSide.HOME, 21, "okafor", False),
        ],
        # Two versions of the draft: the second never overwrites the first.
        "documents": [
            ("Draft agreement", DocumentType.DRAFT, "uob-scut-joint-programme-draft.pdf", 190),
            ("Draft agreement", DocumentType.DRAFT, "uob-scut-joint-programme-draft-v2.pdf", 25),
        ],
    },
    {
        "key": "giec-energy",
        "kind": "research",
        "title_en": "Research Collaboration Agreement: Biomass for Integrated Energy Systems",
        "title_zh": "科研合作协议：生物质能综合能源系统研究",
        "reference": "UOB-GIEC-RCA-01",
        "controlling_language": ControllingLanguage.ENGLISH,
        "partner": "giec",
        "unit": "College of Engineering and Physical Sciences",
        "responsible": "okafor",
        "status": Status.APPROVED,
        "history": {Status.NEGOTIATION: 55, Status.LEGAL_REVIEW: 30, Status.APPROVED: 9},
        "signatories": [
            ("home", "okafor", "Director of International Partnerships", None),
            ("partner", "zhao-peng", "Research Fellow, Biomass Energy Research Centre (生物质能研究中心)", None),
        ],
        "end_after_days": 2 * 365,
        "notice_period_days": 90,
        "auto_renew": False,
        "strands": ["research", "business"],
        "colleges": ["eps", "les"],
        "themes": ["energy", "environment"],
        "summary": "Joint pilot study on biomass gasification for integrated energy systems; GIEC leads the Chinese side.",
        "interactions": [
            "LES and EPS visit to the GIEC biomass energy laboratory",
            "GIEC–Birmingham integrated energy systems proposal",
        ],
    },
    {
        "key": "kapok-licence",
        "kind": "licence",
        "title_en": "Licence Agreement: ECG Signal-Processing Patent (Mainland China)",
        "title_zh": "许可协议：心电信号处理专利（中国大陆）",
        "controlling_language": ControllingLanguage.ENGLISH,
        "partner": "kapok",
        "unit": "Research and Innovation Services",
        "responsible": "ashworth",
        "status": Status.NEGOTIATION,
        "history": {Status.NEGOTIATION: 6},
        "end_after_days": 10 * 365,
        "auto_renew": False,
        "strands": ["business"],
        "colleges": ["mds"],
        "themes": ["medicine"],
        "summary": "Exclusive licence for mainland China with milestone payments; term sheet under discussion.",
        "interactions": [
            "Kapok Bay Medical: device-validation needs workshop",
            "Kapok Bay Medical: licence term sheet",
        ],
    },
    {
        "key": "jnu-studentship",
        "kind": "studentship",
        "title_en": "Studentship Agreement: Jinan University Scholarships for the MA in Global Media and Communication",
        "title_zh": "暨南大学奖学金协议：全球媒体与传播硕士项目",
        "controlling_language": ControllingLanguage.EQUAL,
        "partner": "jnu",
        "unit": "College of Arts and Law",
        "responsible": "hale",
        "status": Status.DRAFT,
        "history": {},
        "strands": ["education"],
        "colleges": ["arts-law", "social-sciences"],
        "themes": [],
        "summary": "Up to five Jinan-funded scholarships a year for the planned MA; fee split still to be agreed.",
        "interactions": [
            "Jinan University: scoping an English-taught media programme",
            "JNU: programme proposal sent for review",
        ],
    },
    {
        "key": "suilan-nda",
        "kind": "nda",
        "title_en": "Mutual Non-Disclosure Agreement: Battery-Ageing Prediction for Grid Storage",
        "title_zh": "相互保密协议：电网储能电池老化预测",
        "reference": "UOB-NDA-0412",
        "controlling_language": ControllingLanguage.ENGLISH,
        "partner": "suilan",
        "unit": "Research and Innovation Services",
        "responsible": "ashworth",
        "status": Status.ACTIVE,
        "history": {Status.NEGOTIATION: 28, Status.LEGAL_REVIEW: 24, Status.APPROVED: 22},
        "signatories": [
            ("home", "ashworth", "Business Engagement Manager (China), for Research and Innovation Services", 18),
            ("partner", "luo-ting", "Head of Business Development (商务拓展总监)", 16),
        ],
        "end_after_days": 2 * 365,
        "notice_period_days": 30,
        "auto_renew": False,
        "strands": ["business"],
        "colleges": ["eps"],
        "themes": ["energy"],
        "summary": "The University's standard mutual NDA, before technical discussions on cell-ageing prediction.",
        "interactions": [
            "Suilan Energy Storage: battery-ageing R&D need",
            "Suilan Energy Storage: NDA before technical discussions",
        ],
    },
    {
        # The dormant one: active, signed two years ago, and nothing linked to it since — no interaction,
        # child agreement, document or obligation. (The demo's one Guangzhou University interaction, a call
        # 225 days ago chasing a reply, is deliberately not linked: it would make the MoU not dormant.)
        "key": "gzhu-mou",
        "kind": "mou",
        "title_en": "Memorandum of Understanding on Urban Water Quality Research between the University of Birmingham and Guangzhou University",
        "title_zh": "伯明翰大学与广州大学城市水质研究合作备忘录",
        "reference": "UOB-GZHU-MOU-01",
        "controlling_language": ControllingLanguage.EQUAL,
        "partner": "gzhu",
        "unit": "College of Life and Environmental Sciences",
        "responsible": "pemberton",
        "status": Status.ACTIVE,
        "history": {Status.NEGOTIATION: 850, Status.LEGAL_REVIEW: 790, Status.APPROVED: 760},
        "signatories": [
            ("home", "pemberton", "International Lead, College of Life and Environmental Sciences", 735),
            ("partner", "guo-jing", "Associate Professor, School of Environmental Science and Engineering", 728),
        ],
        "end_after_days": 5 * 365,
        "notice_period_days": 90,
        "auto_renew": False,
        "strands": ["research", "capacity"],
        "colleges": ["les"],
        "themes": ["environment"],
        "summary": (
            "Joint research and staff training on urban water quality. Stalled after the partner's lead academic "
            "moved on.\n城市水质联合研究及人员培训；对方牵头人调动后停滞。"
        ),
    },
]


@dataclass
class AgreementDemoResult:
    created: Counter = field(default_factory=Counter)
    present: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        if not self.created:
            return f"Demo agreements already loaded: nothing created ({self.present['agreements']} found)."
        parts = ", ".join(
            f"{self.created[name]} {name}"
            for name in ("agreements", "parties", "signatories", "obligations", "documents")
        )
        return f"Demo agreements created: {parts}."


def load(run: DemoRun) -> list[str]:
    """Create what is missing of the demo agreements, with the partners and people of the run by demo key."""
    demo = AgreementDemo(organisations=run.of("organisations"), people=run.of("people"), today=run.today)
    result = demo.load()
    for key, agreement in demo.agreements.items():
        run.keep("agreements", key, agreement)
    return [result.summary()]


def register() -> None:
    register_demo("agreements", load)


class AgreementDemo:
    def __init__(self, *, organisations, people, today):
        self.organisations = organisations
        self.people = people
        self.today = today
        self.result = AgreementDemoResult()
        self.agreements: dict[str, Agreement] = {}
        self.kinds = {kind.code: kind for kind in AgreementKind.objects.all()}
        self.terms = {name: {t.code: t for t in model.objects.all()} for name, model in TAG_MODELS.items()}
        missing = sorted(
            {f"agreement kind {spec['kind']}" for spec in AGREEMENTS if spec["kind"] not in self.kinds}
            | {
                f"{name}: {code}"
                for spec in AGREEMENTS
                for name in TAG_MODELS
                for code in spec.get(name, [])
                if code not in self.terms[name]
            }
        )
        if missing:
            raise ValidationError(
                f"The institution profile lacks what the demo agreements need ({', '.join(missing)}); "
                "load the full profile with `manage.py load_profile` first."
            )

    def load(self) -> AgreementDemoResult:
        for spec in AGREEMENTS:
            existing = Agreement.objects.filter(title_en=spec["title_en"]).order_by("pk").first()
            if existing is not None:
                self.result.present["agreements"] += 1
                self.agreements[spec["key"]] = existing
                continue
            self.agreements[spec["key"]] = self.agreement(spec)
        return self.result

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    # --- one agreement, from draft to its status -----------------------------------------------

    def agreement(self, spec: dict) -> Agreement:
        signatures = [s[3] for s in spec.get("signatories", []) if s[3] is not None]
        signed_on = self.day(min(signatures)) if signatures else None
        base = signed_on or self.today
        if spec.get("starts_next_september"):
            year = self.today.year + (1 if self.today >= date(self.today.year, 6, 1) else 0)
            start = date(year, 9, 1)
            base = start
        else:
            start = None
        if "end_in_days" in spec:
            end = self.today + timedelta(days=spec["end_in_days"])
        elif "end_after_days" in spec:
            end = base + timedelta(days=spec["end_after_days"])
        else:
            end = None
        agreement = Agreement(
            kind=self.kinds[spec["kind"]],
            title_en=spec["title_en"],
            title_zh=spec.get("title_zh", ""),
            reference=spec.get("reference", ""),
            controlling_language=spec.get("controlling_language", ""),
            parent=self.agreements.get(spec.get("parent")),
            unit=spec.get("unit", ""),
            responsible=self.people[spec["responsible"]],
            start_date=start,
            end_date=end,
            notice_period_days=spec.get("notice_period_days"),
            auto_renew=spec.get("auto_renew", False),
            summary=spec.get("summary", ""),
        )
        self.save(agreement, "agreements")
        drafted = self.day(max(spec["history"].values(), default=3) + 14)
        record_event(agreement, "agreement.draft", message="Drafted")
        self.backdate_last_event(agreement, drafted)
        for name in TAG_MODELS:
            getattr(agreement, name).set([self.terms[name][code] for code in spec.get(name, [])])

        parties = {
            "home": self.party(agreement, HOME, PartyRole.HOME),
            "partner": self.party(agreement, spec["partner"], PartyRole.PARTNER),
        }
        signatories = []
        for side, person, capacity, days_ago in spec.get("signatories", []):
            signatory = Signatory(party=parties[side], person=self.people[person], capacity=capacity)
            self.save(signatory, "signatories")
            signatories.append((signatory, days_ago))

        self.walk(agreement, spec, signatories)
        agreement.refresh_from_db()
        # Parties and signatories were recorded, in the story, when the agreement was drafted, and a
        # signatory last changed when they signed (demo history). It matters for the dormant MoU:
        # `queries.dormant` counts a party's `updated_at` as activity, so parties stamped "today"
        # would wake an agreement nobody has touched in two years.
        Party.objects.filter(agreement=agreement).update(created_at=self.at(drafted), updated_at=self.at(drafted))
        for signatory, days_ago in signatories:
            last_change = self.day(days_ago) if days_ago is not None else drafted
            Signatory.objects.filter(pk=signatory.pk).update(
                created_at=self.at(drafted), updated_at=self.at(last_change)
            )

        interactions = Interaction.objects.filter(title__in=spec.get("interactions", []))
        agreement.interactions.add(*interactions)
        for description, side, due_in, owner, done in spec.get("obligations", []):
            obligation = Obligation(
                agreement=agreement,
                description=description,
                side=side,
                due_date=self.today + timedelta(days=due_in),
                owner=self.people[owner],
                done=done,
            )
            self.save(obligation, "obligations")
        for title, doc_type, filename, days_ago in spec.get("documents", []):
            upload = ContentFile(demo_pdf(agreement.title_en, title), name=filename)
            document = services.document_add(agreement=agreement, upload=upload, title=title, doc_type=doc_type)
            document.is_demo = True
            document.save(update_fields=["is_demo"])
            self.result.created["documents"] += 1
            # Uploaded, in the story, when it was written (a draft) or signed (a signed copy): demo history.
            uploaded = self.day(days_ago) if days_ago is not None else agreement.signed_date
            self.backdate_last_event(agreement, uploaded)
            Document.objects.filter(pk=document.pk).update(created_at=self.at(uploaded))
        return agreement

    def walk(self, agreement: Agreement, spec: dict, signatories: list) -> None:
        """Through the lifecycle service, one step at a time, to the status the spec asks for."""
        target = spec["status"]
        if target == Status.DRAFT:
            return
        for step in PATH:
            if step == Status.SIGNED:
                for signatory, days_ago in sorted(signatories, key=lambda s: -s[1]):
                    services.signatory_sign(signatory=signatory, signed_on=self.day(days_ago))
                    self.backdate_last_event(agreement, self.day(days_ago))
            services.agreement_transition(agreement=agreement, to=step, reason="")
            agreement.refresh_from_db()
            if step == Status.SIGNED:
                when = agreement.signed_date
            elif step == Status.ACTIVE:
                when = agreement.effective_start
            else:
                when = self.day(spec["history"][step])
            self.backdate_last_event(agreement, when)
            if step == target:
                return

    # --- shared steps --------------------------------------------------------------------------

    def party(self, agreement: Agreement, organisation_key: str, role: str) -> Party:
        party = Party(agreement=agreement, organisation=self.organisations[organisation_key], role=role)
        self.save(party, "parties")
        return party

    def save(self, obj, counter: str) -> None:
        obj.is_demo = True
        obj.full_clean()
        obj.save()
        self.result.created[counter] += 1

    def backdate_last_event(self, agreement: Agreement, day: date) -> None:
        """Date the agreement's latest timeline entry to its day in the demo story (demo history)."""
        event = (
            TimelineEvent.objects.filter(
                content_type=ContentType.objects.get_for_model(Agreement), object_id=str(agreement.pk)
            )
            .order_by("-pk")
            .first()
        )
        TimelineEvent.objects.filter(pk=event.pk).update(time=self.at(day))

    @staticmethod
    def at(day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(10, 0)))


def demo_pdf(*lines: str) -> bytes:
    """A small, valid one-page PDF (A4, Helvetica) with the given lines of ASCII text on it."""

    def escape(text: str) -> bytes:
        text = text.encode("ascii", "replace").decode("ascii")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("ascii")

    text = b"BT /F1 11 Tf 56 780 Td 14 TL " + b"".join(b"(" + escape(line) + b") ' " for line in lines)
    text += b"(Demo document: not a real agreement.) ' ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
