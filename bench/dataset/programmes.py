"""The educational platform at scale: programmes with the partner universities, at every step of their
lifecycle (most running or recruiting), their cohorts for a run of consecutive academic years, and
their accreditations.

Each programme's cohorts follow its students from year to year: an intake enters year 1, most go up
a year each September, a few withdraw or are dormant, the final year graduates (a few stay on in
"year 5+"). So offers never exceed applications, nor the intake offers (the model's rules), and the
enrolled years add up. A few cohorts record more students in year 1 than the intake, some of them in
the last completed reporting year, and some approvals, reviews and accreditations are due or past,
so that the offshore return's validation report and the strand overview's panels have rows.
Subjects' HECoS codes and accrediting bodies are plausible, not checked against the HECoS list.
"""

from datetime import date, timedelta
from itertools import chain, count

from partnerships.agreements.models import Party
from partnerships.core.models import College, Strand
from partnerships.programmes.models import Accreditation, Cohort, Programme

from .common import BATCH, at

# Most programmes are running or recruiting; a few in design, approved, teaching out or closed.
STATUSES = (["in_design", "approved", "recruiting", "running", "teaching_out", "closed"], [6, 5, 20, 55, 7, 7])
TEACHING = ("recruiting", "running", "teaching_out")
# (award, subject, subject in Chinese, HECoS, college, school, accrediting bodies) by level.
SUBJECTS = {
    "ug": [
        ("BEng", "Mechanical Engineering", "机械工程", "100190", "eps", "School of Engineering",
         ["Institution of Mechanical Engineers"]),
        ("BEng", "Electronic and Electrical Engineering", "电子与电气工程", "100165", "eps", "School of Engineering",
         ["Institution of Engineering and Technology"]),
        ("BEng", "Civil Engineering", "土木工程", "100148", "eps", "School of Engineering",
         ["Institution of Civil Engineers", "Institution of Structural Engineers"]),
        ("BEng", "Chemical Engineering", "化学工程", "100143", "eps", "School of Chemical Engineering",
         ["Institution of Chemical Engineers"]),
        ("BSc", "Computer Science", "计算机科学", "100366", "eps", "School of Computer Science",
         ["British Computer Society"]),
        ("BSc", "Mathematics", "数学", "100403", "eps", "School of Mathematics",
         ["Institute of Mathematics and its Applications"]),
        ("BSc", "Physics", "物理学", "100425", "eps", "School of Physics and Astronomy", ["Institute of Physics"]),
        ("BSc", "Chemistry", "化学", "100417", "eps", "School of Chemistry", ["Royal Society of Chemistry"]),
        ("BSc", "Environmental Science", "环境科学", "100381", "les",
         "School of Geography, Earth and Environmental Sciences", ["Institution of Environmental Sciences"]),
        ("BSc", "Biological Sciences", "生物科学", "100346", "les", "School of Biosciences",
         ["Royal Society of Biology"]),
        ("BSc", "Biomedical Science", "生物医学", "100265", "mds", "School of Biomedical Sciences",
         ["Institute of Biomedical Science"]),
        ("BSc", "Economics", "经济学", "100450", "social-sciences", "Department of Economics", []),
        ("BSc", "Accounting and Finance", "会计与金融", "100105", "social-sciences", "Birmingham Business School",
         ["ACCA", "ICAEW", "CIMA"]),
        ("BSc", "Business Management", "工商管理", "100078", "social-sciences", "Birmingham Business School",
         ["Chartered Management Institute"]),
        ("BA", "English Language", "英语语言", "100318", "arts-law", "Department of English Language and Linguistics",
         []),
    ],
    "pgt": [
        ("MSc", "Advanced Mechanical Engineering", "先进机械工程", "100190", "eps", "School of Engineering",
         ["Institution of Mechanical Engineers"]),
        ("MSc", "Electrical Power Systems", "电力系统", "100165", "eps", "School of Engineering",
         ["Institution of Engineering and Technology"]),
        ("MSc", "Data Science", "数据科学", "100366", "eps", "School of Computer Science", ["British Computer Society"]),
        ("MSc", "Finance", "金融学", "100107", "social-sciences", "Birmingham Business School", ["CFA Institute"]),
        ("MSc", "International Business", "国际商务", "100078", "social-sciences", "Birmingham Business School", []),
        ("MSc", "Construction Project Management", "建设项目管理", "100148", "eps", "School of Engineering",
         ["Royal Institution of Chartered Surveyors", "Chartered Institute of Building"]),
        ("MSc", "Public Health", "公共卫生", "101317", "mds", "School of Health Sciences",
         ["Faculty of Public Health"]),
        ("MSc", "Environmental Health", "环境健康", "100381", "les",
         "School of Geography, Earth and Environmental Sciences", ["Chartered Institute of Environmental Health"]),
        ("MA", "TESOL", "对外英语教学", "100318", "arts-law", "Department of English Language and Linguistics", []),
    ],
    "pgr": [
        ("PhD", "Engineering", "工程学", "100184", "eps", "School of Engineering", []),
        ("PhD", "Chemistry", "化学", "100417", "eps", "School of Chemistry", []),
        ("PhD", "Environmental Sciences", "环境科学", "100381", "les",
         "School of Geography, Earth and Environmental Sciences", []),
        ("PhD", "Medical Sciences", "医学", "100265", "mds", "School of Biomedical Sciences", []),
    ],
}  # fmt: skip
LEVELS = (["ug", "pgt", "pgr"], [6, 3, 1])
DEGREES_ZH = {
    "BEng": "工学学士",
    "BSc": "理学学士",
    "BA": "文学学士",
    "MSc": "理学硕士",
    "MA": "文学硕士",
    "PhD": "博士",
}
DELIVERY = {
    "ug": (["jointly_delivered", "dual_degree", "articulation_2_2", "articulation_3_1", "joint_degree",
            "jointly_designed", "franchise", "validation", "birmingham_alone"], [4, 3, 3, 2, 1, 1, 1, 1, 1]),
    "pgt": (["jointly_delivered", "dual_degree", "birmingham_alone", "franchise", "validation", "jointly_designed",
             "joint_degree"], [2, 2, 2, 1, 1, 1, 1]),
    "pgr": (["joint_degree", "dual_degree", "jointly_delivered"], [2, 2, 1]),
}  # fmt: skip
# Who designs, delivers and accredits each delivery model.
SIDES = {
    "birmingham_alone": ("birmingham", "birmingham", "birmingham"),
    "jointly_designed": ("both", "partner", "birmingham"),
    "jointly_delivered": ("both", "both", "birmingham"),
    "dual_degree": ("both", "both", "both"),
    "joint_degree": ("both", "both", "both"),
    "articulation_2_2": ("both", "both", "birmingham"),
    "articulation_3_1": ("both", "both", "birmingham"),
    "franchise": ("birmingham", "partner", "birmingham"),
    "validation": ("partner", "partner", "birmingham"),
}
# A first cohort's intake (low, high), by level.
INTAKE = {"ug": (30, 150), "pgt": (15, 80), "pgr": (2, 10)}
ACCREDITATION_NOTES = ["", "", "", "", "Provisional accreditation", "Accredited for the partner-taught years",
                       "Renewal visit scheduled"]  # fmt: skip
ROUTES = ["Industrial Year", "Foundation Year", "Year Abroad"]
REVIEW_YEARS = 6


class ProgrammesMixin:
    def _programmes(self, orgs, staff, contacts) -> None:
        # The academic year under way (2026 for 2026/27 from September) and the last reporting year
        # that has ended (1 August to 31 July), as the demo data and the offshore return page count them.
        self.academic_year = self.today.year if self.today.month >= 9 else self.today.year - 1
        self.reported_year = (self.today.year if self.today.month >= 8 else self.today.year - 1) - 1
        programmes = self._make_programmes(self._universities(orgs), staff)
        self._make_cohorts(programmes)
        self._make_accreditations()
        self.say(
            f"programmes: {Programme.objects.count():,}, cohorts: {Cohort.objects.count():,}, "
            f"accreditations: {Accreditation.objects.count():,}"
        )

    def _universities(self, orgs) -> list:
        """Up to twenty generated universities, mainland and Guangdong first; a few hold most programmes."""
        found = [o for o in orgs if o.kind == "university" and not o.is_demo and o.pk != self.home.pk]
        if not found:
            found = [o for o in (self.partners or orgs) if o.pk != self.home.pk]
        self.rng.shuffle(found)
        found.sort(key=lambda o: (o.country != "CN") * 2 + (o.province != "Guangdong") + self.rng.random() * 1.5)
        return found[:20]

    def _make_programmes(self, universities, staff) -> list[tuple[Programme, dict]]:
        wanted = max(0, self.size.programmes - Programme.objects.count())
        if not wanted or not universities:
            return []
        weights = [1 / (rank + 2) for rank in range(len(universities))]
        college_ids = dict(College.objects.values_list("code", "pk"))
        agreements: dict[int, list[int]] = {}
        parties = Party.objects.filter(organisation__in=universities, role="partner").order_by("pk")
        for org_id, agreement_id in parties.values_list("organisation_id", "agreement_id"):
            agreements.setdefault(org_id, []).append(agreement_id)
        contacts_at = getattr(self, "contacts_at", {})
        plans = [self._plan(self.pick(universities, weights)) for _ in range(wanted)]
        self._spread_years(plans, max(0, self.size.cohorts - Cohort.objects.count()))
        new, used = [], set(Programme.objects.values_list("title_en", flat=True))
        for n, plan in enumerate(plans):
            partner, level, model = plan["partner"], plan["level"], plan["model"]
            award, subject, subject_zh, hecos, college, school, _bodies = plan["subject"]
            short = partner.acronyms[0] if partner.acronyms else partner.name_en
            # The same subject twice with one partner: another route, then a number.
            titles = chain(
                [f"{award} {subject} (Birmingham–{short})"],
                (f"{award} {subject} with {route} (Birmingham–{short})" for route in ROUTES),
                (f"{award} {subject} (Birmingham–{short}) {k}" for k in count(2)),
            )
            title = next(t for t in titles if t not in used)
            used.add(title)
            split = model.startswith("articulation") or (
                model in ("dual_degree", "joint_degree") and self.rng.random() < 0.35
            )
            months = {"ug": (24, 24), "pgt": (12, 12), "pgr": (24, 24)}[level]
            if model == "articulation_3_1":
                months = (36, 12)
            designed, delivered, accredited = SIDES[model]
            dual = model in ("dual_degree", "joint_degree")
            people = contacts_at.get(partner.pk) or []
            links = agreements.get(partner.pk) or []
            new.append(
                Programme(
                    title_en=title[:300],
                    title_zh=f"{subject_zh}{DEGREES_ZH[award]}（伯明翰大学—{partner.name_zh or short}）"[:300],
                    level=level, subject=subject, hecos_code=hecos,
                    awards=f"{award} {subject} (Birmingham)" + (f"; {DEGREES_ZH[award]} ({short})" if dual else ""),
                    awarding_bodies="University of Birmingham" + (f"; {partner.name_en}" if dual else ""),
                    partner=partner, delivery_model=model,
                    designed_by=designed, delivered_by=delivered, accredited_by=accredited,
                    location="split" if split else "partner",
                    months_partner=months[0] if split else None, months_home=months[1] if split else None,
                    agreement_id=self.pick(links) if links and self.rng.random() < 0.8 else None,
                    school=school,
                    lead_home_id=self.pick(staff).pk if staff and self.rng.random() < 0.9 else None,
                    lead_partner_id=self.pick(people) if people and self.rng.random() < 0.7 else None,
                    status=plan["status"],
                    **self._dates(plan, n),
                )
            )  # fmt: skip
        Programme.objects.bulk_create(new, batch_size=BATCH)
        self._tag_programmes(new, plans, college_ids)
        steps = {"in_design": 0, "approved": 1, "recruiting": 2, "running": 3, "teaching_out": 4, "closed": 5}
        for programme, plan in zip(new, plans, strict=True):
            created = programme.uk_approval_date or self.day(after=self.today - timedelta(days=700))
            when = at(min(self.today, created - timedelta(days=self.rng.randint(90, 400))), self.rng)
            self.log(programme, [programme.partner], when)
            for _ in range(steps[plan["status"]]):  # approved, recruiting, running, …
                when = min(when + timedelta(days=self.rng.randint(60, 700)), at(self.today, self.rng))
                self.log(programme, [programme.partner], when, "update")
        return list(zip(new, plans, strict=True))

    def _plan(self, partner) -> dict:
        """What a programme is and when its cohorts run (years decided by `_spread_years`)."""
        level = self.pick(*LEVELS)
        status = self.pick(*STATUSES)
        length = {"ug": 4, "pgt": self.pick([1, 1, 1, 2]), "pgr": 4}[level]
        # The last cohort's academic year; the first may be no earlier than eleven years before this one.
        last = {"closed": self.academic_year - self.rng.randint(1, 4)}.get(
            status, self.academic_year - (1 if self.rng.random() < 0.15 else 0)
        )
        earliest = self.academic_year - 11
        return {
            "partner": partner, "level": level, "status": status, "length": length,
            "model": self.pick(*DELIVERY[level]), "subject": self.pick(SUBJECTS[level]),
            "last": last, "most": last - earliest + 1 if status in (*TEACHING, "closed") else 0,
        }  # fmt: skip

    def _spread_years(self, plans, wanted: int) -> None:
        """5–12 consecutive years each, then a year more or less here and there until the cohorts
        number `wanted` (or every programme is at its bounds: one year, or back to eleven years ago)."""
        years = [min(p["most"], self.rng.randint(5, 12)) if wanted else 0 for p in plans]
        while sum(years) != wanted:
            more = sum(years) < wanted
            room = [i for i, y in enumerate(years) if (y < plans[i]["most"] if more else y > 1)]
            if not more and not room:
                room = [i for i, y in enumerate(years) if y > 0]
            if not room:
                break
            years[self.pick(room)] += 1 if more else -1
        for plan, run in zip(plans, years, strict=True):
            plan["years"] = list(range(plan["last"] - run + 1, plan["last"] + 1))

    def _dates(self, plan: dict, n: int) -> dict:
        """Approval, periodic review and PRC approval, some of them falling due or past."""
        status, years = plan["status"], plan["years"]
        if status == "in_design":
            return {}
        today, days = self.today, self.rng.randint
        first = years[0] if years else self.academic_year + 1
        approved = date(first - 1, days(1, 12), days(1, 28))
        if approved > today:
            approved = today - timedelta(days=days(30, 500))
        chance = self.rng.random()
        if status == "closed":
            review = None if chance < 0.5 else date(plan["last"], 6, 30)
        elif chance < 0.07:  # overdue
            review = today - timedelta(days=days(30, 400))
        elif chance < 0.2:  # falling due (the overview's panel: within 180 days)
            review = today + timedelta(days=days(0, 180))
        else:
            review = approved + timedelta(days=365 * REVIEW_YEARS)
            while review < today + timedelta(days=180):
                review += timedelta(days=365 * REVIEW_YEARS)
        fields = {"uk_approval_date": approved, "periodic_review_due": review}
        if self.rng.random() < 0.7:  # Chinese-foreign cooperative programmes are approved in China
            valid_from = approved + timedelta(days=days(0, 120))
            chance = self.rng.random()
            if status == "closed":
                until = date(plan["last"] + 1, 7, 31)
            elif chance < 0.05:  # expired while still teaching
                until = today - timedelta(days=days(30, 500))
            elif chance < 0.15:
                until = today + timedelta(days=days(0, 180))
            else:
                until = today + timedelta(days=days(181, 2500))
            fields |= {
                "prc_approval_number": f"MOE44GB{'2' if plan['level'] == 'ug' else '1'}A{approved.year}{n:04d}N",
                "prc_approving_body": self.pick(["Ministry of Education of the PRC"] * 3 + ["Guangdong Provincial Department of Education"]),
                "prc_valid_from": valid_from,
                "prc_valid_until": max(until, valid_from + timedelta(days=365)),
            }  # fmt: skip
        return fields

    def _tag_programmes(self, new, plans, college_ids) -> None:
        """The education strand (and postgraduate for research degrees) and the subject's college,
        with other strands and themes as staff tag them."""
        self.tag(Programme, new, fields=("strands", "themes"))
        strands = dict(Strand.objects.values_list("code", "pk"))
        strand_rows, college_rows = [], []
        for programme, plan in zip(new, plans, strict=True):
            codes = ["education"] if self.rng.random() < 0.92 else []
            codes += ["postgraduate"] if plan["level"] == "pgr" else []
            for code in codes:
                if code in strands:
                    strand_rows.append(Programme.strands.through(programme_id=programme.pk, strand_id=strands[code]))
            colleges = {college_ids.get(plan["subject"][4])}
            if self.colleges and self.rng.random() < 0.1:  # taught with a second college
                colleges.add(self.pick(self.colleges))
            for college in sorted(c for c in colleges if c):
                college_rows.append(Programme.colleges.through(programme_id=programme.pk, college_id=college))
        Programme.strands.through.objects.bulk_create(strand_rows, batch_size=BATCH, ignore_conflicts=True)
        Programme.colleges.through.objects.bulk_create(college_rows, batch_size=BATCH)

    def _make_cohorts(self, programmes) -> None:
        # About one in ten of the programmes the offshore return sums (recruiting or running at the
        # partner's campus, a cohort in the reported year) records more students in year 1 than its intake that year.
        counted = [
            programme.pk
            for programme, plan in programmes
            if plan["status"] in ("recruiting", "running")
            and programme.location == "partner"
            and self.reported_year in plan["years"]
        ]
        self.faulty = set(self.rng.sample(counted, -(-len(counted) // 10)))
        new = []
        for programme, plan in programmes:
            new += self._cohorts_of(programme, plan)
        Cohort.objects.bulk_create(new, batch_size=BATCH)
        for cohort in new:
            entered = min(self.today, date(cohort.academic_year, 10, self.rng.randint(1, 31)))
            self.log(cohort, [cohort.programme], at(entered, self.rng))
            if cohort.academic_year < self.academic_year and self.rng.random() < 0.3:  # corrected later
                self.log(
                    cohort, [cohort.programme], at(min(self.today, entered + timedelta(days=120)), self.rng), "update"
                )

    def _cohorts_of(self, programme: Programme, plan: dict) -> list[Cohort]:
        """One row a year: the intake enters year 1 and goes up a year at a time; a few withdraw or are
        dormant; the final year graduates, a few staying on (year 5+ counts everyone past year 4)."""
        years, length, status = plan["years"], plan["length"], plan["status"]
        if not years:
            return []
        last_intake = years[-1]
        if status == "teaching_out":
            last_intake = max(years[0], self.academic_year - self.rng.randint(1, 3))
        elif status == "closed":
            last_intake = max(years[0], years[-1] - length)
        low, high = INTAKE[plan["level"]]
        base, growth = self.rng.randint(low, high), self.rng.uniform(-0.02, 0.08)
        faulty = programme.pk in self.faulty
        enrolled = [0] * 6  # by year of study, 1–5 (5: five and over)
        rows = []
        for n, year in enumerate(years):
            intake = round(base * (1 + growth) ** n * self.rng.uniform(0.85, 1.15)) if year <= last_intake else 0
            early = self.rng.randint(0, intake // 25)
            following, withdrawn, dormant, graduated = [0] * 6, early, 0, 0
            following[1] = intake - early
            for study in range(1, 6):
                now = enrolled[study]
                lost = round(now * self.rng.uniform(0, 0.04))
                resting = 1 if now - lost > 0 and self.rng.random() < 0.1 else 0
                going_on = now - lost - resting
                withdrawn, dormant = withdrawn + lost, dormant + resting
                if study < length:
                    following[study + 1] += going_on
                else:
                    staying = round(going_on * self.rng.uniform(0, 0.05 if study == length else 0.3))
                    graduated += going_on - staying
                    following[min(study + 1, 5)] += staying
            enrolled = following
            year_1 = enrolled[1]
            if intake and (self.rng.random() < 0.015 or (faulty and year == self.reported_year)):
                year_1 = intake + self.rng.randint(1, 4)
            recorded = intake > 0 and self.rng.random() < 0.9
            applications = round(intake * self.rng.uniform(2.5, 6)) if recorded else None
            offers = min(applications, round(intake * self.rng.uniform(1.3, 2.2))) if recorded else None
            rows.append(
                Cohort(
                    programme=programme, academic_year=year, applications=applications, offers=offers,
                    intake=intake, year_1=year_1, year_2=enrolled[2],
                    year_3=enrolled[3], year_4=enrolled[4], year_5=enrolled[5], graduated=graduated,
                    withdrawn=withdrawn, dormant=dormant,
                )
            )  # fmt: skip
        return rows

    def _make_accreditations(self) -> None:
        """Professional bodies' accreditations of the subjects that have them; past the first round, an
        earlier (expired) period of one already given."""
        wanted = max(0, self.size.accreditations - Accreditation.objects.count())
        subjects = {s[1]: s[6] for level in SUBJECTS.values() for s in level}
        eligible = Programme.objects.filter(is_demo=False).exclude(status="in_design").order_by("pk")
        pairs = [(p, body) for p in eligible for body in subjects.get(p.subject, [])]
        if not wanted or not pairs:
            return
        self.rng.shuffle(pairs)
        new = []
        for n in range(wanted):
            programme, body = pairs[n % len(pairs)]
            chance = self.rng.random()
            if n >= len(pairs):  # an earlier period, since renewed
                expires = self.today - timedelta(days=365 * (n // len(pairs)) * 5 + self.rng.randint(0, 300))
            elif programme.status == "closed":
                expires = self.today - timedelta(days=self.rng.randint(30, 1200))
            elif chance < 0.08:  # lapsed
                expires = self.today - timedelta(days=self.rng.randint(1, 200))
            elif chance < 0.23:  # falling due
                expires = self.today + timedelta(days=self.rng.randint(0, 180))
            else:
                expires = self.today + timedelta(days=self.rng.randint(181, 1800))
            new.append(
                Accreditation(
                    programme=programme,
                    body=body,
                    expires_on=expires if self.rng.random() < 0.95 else None,
                    notes=self.pick(ACCREDITATION_NOTES),
                )
            )
        Accreditation.objects.bulk_create(new, batch_size=BATCH)
        for accreditation in new:
            granted = (accreditation.expires_on or self.today) - timedelta(days=365 * 5)
            self.log(accreditation, [accreditation.programme], at(min(self.today, max(self.start, granted)), self.rng))
