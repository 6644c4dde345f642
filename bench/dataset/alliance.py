"""The alliance's work at scale: strategy objectives and initiatives, research projects (partners,
investigators, funding, outputs), postgraduate training and capacity-building activities."""

from datetime import timedelta
from decimal import Decimal

from partnerships.agreements.models import Agreement
from partnerships.capacity.models import Activity, ParticipantCount
from partnerships.postgraduate.models import Supervision, TrainingRecord
from partnerships.research.models import Funding, Output, Project, ProjectMember, ProjectPartner
from partnerships.strategy.models import Initiative, Objective

from .. import names as words
from .common import BATCH, at

PROJECT_STATUSES = (["idea", "proposed", "submitted", "funded", "active", "completed", "declined", "withdrawn"],
                    [2, 3, 3, 2, 6, 8, 3, 1])  # fmt: skip
TRAINING_STATUSES = (["proposed", "applied", "offered", "enrolled", "suspended", "submitted", "completed", "withdrawn"],
                     [1, 1, 1, 6, 1, 1, 6, 1])  # fmt: skip
ACTIVITY_KINDS = [
    "training_course",
    "staff_development",
    "visiting_scholars",
    "workshop",
    "summer_school",
    "curriculum",
]


class AllianceMixin:
    def _alliance(self, orgs, staff, contacts) -> None:
        partners = self.partners or orgs
        self.partner_weights = [1 / (rank + 5) for rank in range(len(partners))]
        self.alliance_partners = partners
        self.agreement_ids = list(Agreement.objects.values_list("pk", flat=True)[:2000])
        objectives, initiatives = self._strategy(staff)
        projects = self._projects(staff, contacts, objectives, initiatives)
        self._outputs(projects)
        self._training(staff, contacts, projects, objectives, initiatives)
        self._activities(staff, contacts, objectives, initiatives)

    def _partner(self):
        return self.pick(self.alliance_partners, self.partner_weights)

    def _strategy(self, staff):
        wanted = max(0, self.size.objectives - Objective.objects.count())
        new = [
            Objective(
                code=f"B-{n:03d}",
                title_en=f"Strategic objective {n}: {self.pick(words.TOPICS)[0]}",
                college_id=self.pick([None, *self.colleges]),
                owner_id=self.pick(staff).pk,
                period_start=2024,
                period_end=2030,
            )
            for n in range(wanted)
        ]
        Objective.objects.bulk_create(new, batch_size=BATCH)
        wanted = max(0, self.size.initiatives - Initiative.objects.count())
        made = [
            Initiative(name_en=f"Signature initiative {n}: {self.pick(words.TOPICS)[0]}", lead_id=self.pick(staff).pk)
            for n in range(wanted)
        ]
        Initiative.objects.bulk_create(made, batch_size=BATCH)
        self.tag(Initiative, made)
        for obj in [*new, *made]:
            self.log(obj, [], at(self.day(), self.rng))
        return list(Objective.objects.values_list("pk", flat=True)), list(
            Initiative.objects.values_list("pk", flat=True)
        )

    def _projects(self, staff, contacts, objectives, initiatives):
        wanted = max(0, self.size.projects - Project.objects.count())
        new = []
        for n in range(wanted):
            topic, topic_zh = self.pick(words.TOPICS)
            start = self.day()
            new.append(
                Project(
                    title_en=f"{topic.capitalize()} in Guangzhou: joint study {n}",
                    title_zh=f"广州{topic_zh}联合研究{n}",
                    abstract_en=f"A joint project on {topic}.",
                    status=self.pick(*PROJECT_STATUSES),
                    start_date=start,
                    end_date=start + timedelta(days=365 * self.rng.randint(1, 4)),
                    agreement_id=self.pick(self.agreement_ids)
                    if self.agreement_ids and self.rng.random() < 0.5
                    else None,
                    initiative_id=self.pick(initiatives) if initiatives and self.rng.random() < 0.3 else None,
                )
            )
        Project.objects.bulk_create(new, batch_size=BATCH)
        self.tag(Project, new)
        partners, members, awards, served = [], [], [], []
        for project in new:
            for org in {self._partner() for _ in range(self.rng.randint(1, 3))}:
                partners.append(
                    ProjectPartner(
                        project=project, organisation=org, role=self.pick(["lead", "partner", "partner", "host"])
                    )
                )
            people = {(self.pick(staff), "pi")} | {(self.pick(contacts), "co_i") for _ in range(self.rng.randint(1, 3))}
            for person, role in people:
                members.append(ProjectMember(project=project, person=person, role=role))
            if project.status in ("funded", "active", "completed"):
                for _ in range(self.rng.randint(1, 2)):
                    currency = self.pick(["GBP", "CNY", "CNY", "EUR"])
                    amount = Decimal(self.rng.randint(20, 2000) * 1000)
                    awards.append(
                        Funding(
                            project=project, funder=self._partner(), scheme="Joint research fund", amount=amount,
                            currency=currency, home_share=(amount / 2).quantize(Decimal("1")), awarded_on=project.start_date,
                        )
                    )  # fmt: skip
            for objective in self.some(objectives, 0, 2):
                served.append(Project.objectives.through(project_id=project.pk, objective_id=objective))
        for model, rows in ((ProjectPartner, partners), (ProjectMember, members), (Funding, awards)):
            model.objects.bulk_create(rows, batch_size=BATCH)
        Project.objectives.through.objects.bulk_create(served, batch_size=BATCH)
        for project in new:
            self.log(project, [], at(project.start_date, self.rng))
        return list(Project.objects.values_list("pk", flat=True))

    def _outputs(self, projects):
        wanted = max(0, self.size.outputs - Output.objects.count())
        new = []
        for n in range(wanted):
            topic, _zh = self.pick(words.TOPICS)
            new.append(
                Output(
                    kind=self.pick(["publication", "publication", "publication", "dataset", "patent", "software"]),
                    title=f"Findings on {topic}, part {n}",
                    authors="; ".join(self.pick(words.ENGLISH_FAMILY_NAMES) for _ in range(3)),
                    year=self.day().year,
                    venue=self.pick(
                        ["Nature Energy", "The Lancet", "Environment International", "Zenodo", "IEEE Access"]
                    ),
                    doi=f"10.5555/bench.{n}",
                )
            )
        Output.objects.bulk_create(new, batch_size=BATCH)
        links, coauthors = [], []
        for output in new:
            links.append(Output.projects.through(output_id=output.pk, project_id=self.pick(projects)))
            for org in {self._partner() for _ in range(self.rng.randint(0, 2))}:
                coauthors.append(Output.partners.through(output_id=output.pk, organisation_id=org.pk))
        Output.projects.through.objects.bulk_create(links, batch_size=BATCH)
        Output.partners.through.objects.bulk_create(coauthors, batch_size=BATCH)

    def _training(self, staff, contacts, projects, objectives, initiatives):
        wanted = max(0, self.size.students - TrainingRecord.objects.count())
        new = []
        for _ in range(wanted):
            intake = self.day()
            new.append(
                TrainingRecord(
                    kind=self.pick(["joint_phd", "split_site_phd", "co_supervised_phd", "co_supervised_phd", "studentship", "taught_pg"]),
                    student=self.pick(contacts), partner=self._partner(), status=self.pick(*TRAINING_STATUSES),
                    intake=intake, expected_completion=intake + timedelta(days=365 * 4),
                    months_home_planned=self.rng.randint(6, 24), months_partner_planned=self.rng.randint(6, 36),
                    initiative_id=self.pick(initiatives) if initiatives and self.rng.random() < 0.2 else None,
                )
            )  # fmt: skip
        TrainingRecord.objects.bulk_create(new, batch_size=BATCH)
        self.tag(TrainingRecord, new)
        links, supervisions = [], []
        for record in new:
            if record.status != "proposed":
                for project in set(self.some(projects, 1, 2)):
                    links.append(TrainingRecord.projects.through(trainingrecord_id=record.pk, project_id=project))
            for person in {self.pick(staff) for _ in range(self.rng.randint(1, 2))}:
                supervisions.append(Supervision(record=record, person=person, role="lead"))
        TrainingRecord.projects.through.objects.bulk_create(links, batch_size=BATCH)
        Supervision.objects.bulk_create(supervisions, batch_size=BATCH, ignore_conflicts=True)
        for record in new:
            self.log(record, [record.student], at(record.intake, self.rng))

    def _activities(self, staff, contacts, objectives, initiatives):
        wanted = max(0, self.size.activities - Activity.objects.count())
        new = []
        for n in range(wanted):
            topic, topic_zh = self.pick(words.TOPICS)
            start = self.day()
            new.append(
                Activity(
                    kind=self.pick(ACTIVITY_KINDS), title_en=f"{topic.capitalize()} workshop {n}",
                    title_zh=f"{topic_zh}研讨会{n}", start_date=start, end_date=start + timedelta(days=self.rng.randint(0, 14)),
                    place=self.pick(words.LOCATIONS), lead_id=self.pick(staff).pk,
                    feedback_score=Decimal(self.rng.randint(30, 50)) / 10,
                    agreement_id=self.pick(self.agreement_ids) if self.agreement_ids and self.rng.random() < 0.3 else None,
                    initiative_id=self.pick(initiatives) if initiatives and self.rng.random() < 0.2 else None,
                )
            )  # fmt: skip
        Activity.objects.bulk_create(new, batch_size=BATCH)
        self.tag(Activity, new)
        partners, participants, counts = [], [], []
        for activity in new:
            for org in {self._partner() for _ in range(self.rng.randint(1, 2))}:
                partners.append(Activity.partners.through(activity_id=activity.pk, organisation_id=org.pk))
            for person in {self.pick(contacts) for _ in range(self.rng.randint(0, 4))}:
                participants.append(Activity.participants.through(activity_id=activity.pk, person_id=person.pk))
            for category in self.some(["students", "academic_staff", "professional_staff"], 1, 2):
                counts.append(ParticipantCount(activity=activity, category=category, count=self.rng.randint(5, 60)))
        Activity.partners.through.objects.bulk_create(partners, batch_size=BATCH)
        Activity.participants.through.objects.bulk_create(participants, batch_size=BATCH)
        ParticipantCount.objects.bulk_create(counts, batch_size=BATCH)
        for activity in new:
            self.log(activity, [], at(activity.start_date, self.rng))
