"""The generator's frame: sizes, randomness, tags and the change-log buffer; the records are made by
the mixins of `register.py`, `agreements.py`, `alliance.py`, `business.py`, `programmes.py` and
`changelog.py`."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from partnerships.agreements.models import Agreement, AgreementKind, Party
from partnerships.business.models import Deal, Expertise, IPAsset, Match, Need
from partnerships.capacity.models import Activity
from partnerships.core.models import ChangeRelation, College, Institution, ObjectChange, Strand, Theme
from partnerships.organisations.duplicate_index import rebuild as rebuild_duplicates
from partnerships.organisations.models import Affiliation, Organisation, Person
from partnerships.postgraduate.models import TrainingRecord
from partnerships.programmes.models import Accreditation, Cohort, Programme
from partnerships.relationships.models import Interaction, Relationship
from partnerships.research.models import Output, Project

from .agreements import AgreementsMixin
from .alliance import AllianceMixin
from .business import BusinessMixin
from .changelog import ChangeLogMixin
from .common import BATCH, YEARS
from .programmes import ProgrammesMixin
from .register import RegisterMixin


@dataclass(frozen=True)
class Size:
    """How many records of each kind the register holds in all (the demo data included)."""

    organisations: int
    people: int
    staff: int
    relationships: int
    interactions: int
    agreements: int
    projects: int = 0
    outputs: int = 0
    students: int = 0
    activities: int = 0
    objectives: int = 0
    initiatives: int = 0
    ip_assets: int = 0
    needs: int = 0
    experts: int = 0  # expertise records, on home staff (researchers added as staff if too few)
    deals: int = 0
    matched_needs: int = 0  # new needs the engine's suggestions are recorded for (up to 5 IP and 5 experts each)
    programmes: int = 0
    cohorts: int = 0  # in all: each programme that has recruited gets a run of consecutive academic years
    accreditations: int = 0


# About the register a centre accumulates in ten years (the figures of issue 8's measurement).
MATURE = Size(
    organisations=5000, people=30000, staff=400, relationships=1500, interactions=100000, agreements=4000,
    projects=1500, outputs=5000, students=800, activities=1200, objectives=60, initiatives=12,
    ip_assets=3000, needs=600, experts=800, deals=1500, matched_needs=300,
    programmes=120, cohorts=1000, accreditations=150,
)  # fmt: skip


def generate(size: Size = MATURE, seed: int = 8, stdout=None) -> dict[str, int]:
    """Top the register up to `size`; returns how many records of each kind it then holds."""
    with transaction.atomic():
        maker = _Maker(size, random.Random(seed), stdout)
        maker.run()
        rebuild_duplicates()  # bulk inserts pass by the signals that keep the likely duplicates current
    return maker.counts()


class _Maker(RegisterMixin, AgreementsMixin, AllianceMixin, BusinessMixin, ProgrammesMixin, ChangeLogMixin):
    def __init__(self, size: Size, rng: random.Random, stdout):
        self.size, self.rng, self.stdout = size, rng, stdout
        self.today = timezone.localdate()
        self.start = self.today - timedelta(days=365 * YEARS)
        self.strands = list(Strand.objects.values_list("pk", flat=True))
        self.colleges = list(College.objects.values_list("pk", flat=True))
        self.themes = list(Theme.objects.values_list("pk", flat=True))
        self.kinds = list(AgreementKind.objects.values_list("pk", flat=True))
        home_ror = Institution.current().ror_id
        self.home = Organisation.objects.get(ror_id=home_ror)
        self.users = self._users()
        # Change-log rows gathered per model and written last, with increasing times.
        self.changes: list[tuple[object, list, str, datetime]] = []

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message + "\n")

    def run(self) -> None:
        orgs = self._organisations()
        self.say(f"organisations: {Organisation.objects.count():,}")
        staff, contacts = self._people(orgs)
        self.say(f"people: {Person.objects.count():,}")
        self._relationships(orgs, staff)
        interactions = self._interactions(orgs, staff, contacts)
        self.say(f"interactions: {Interaction.objects.count():,}")
        self._agreements(orgs, staff, contacts, interactions)
        self.say(f"agreements: {Agreement.objects.count():,}")
        self._alliance(orgs, staff, contacts)
        self.say(
            f"projects: {Project.objects.count():,}, students: {TrainingRecord.objects.count():,}, activities: {Activity.objects.count():,}"
        )
        self._business(orgs, staff, contacts)
        self._programmes(orgs, staff, contacts)
        self._write_changes()
        self.say(f"change log: {ObjectChange.objects.count():,} changes, {ChangeRelation.objects.count():,} links")
        self._notifications()

    def counts(self) -> dict[str, int]:
        models = {
            "organisations": Organisation,
            "people": Person,
            "affiliations": Affiliation,
            "relationships": Relationship,
            "interactions": Interaction,
            "agreements": Agreement,
            "parties": Party,
            "projects": Project,
            "outputs": Output,
            "training records": TrainingRecord,
            "activities": Activity,
            "IP assets": IPAsset,
            "needs": Need,
            "experts": Expertise,
            "matches": Match,
            "deals": Deal,
            "programmes": Programme,
            "cohorts": Cohort,
            "accreditations": Accreditation,
            "changes": ObjectChange,
            "change links": ChangeRelation,
        }
        return {label: model.objects.count() for label, model in models.items()}

    # --- helpers -----------------------------------------------------------------------------------

    def _users(self):
        User = get_user_model()
        users = []
        for name in ("cheng.li", "s.walker", "h.patel", "wang.fang"):
            user, _ = User.objects.get_or_create(username=f"bench-{name}")
            users.append(user)
        return users

    def day(self, after: date | None = None) -> date:
        """A day in the generated period, more recent days likelier (the centre grows)."""
        low = after or self.start
        span = (self.today - low).days
        return low + timedelta(days=int(span * self.rng.random() ** 0.7))

    def pick(self, items: list, weights=None):
        return self.rng.choices(items, weights=weights)[0] if weights else self.rng.choice(items)

    def some(self, items: list, low: int, high: int) -> list:
        count = min(len(items), self.rng.randint(low, high))
        return self.rng.sample(items, count)

    def tag(self, model, objects: list, fields=("strands", "colleges", "themes")) -> None:
        """Strands, colleges and themes, as centre staff would tag them (not every record, not all)."""
        for field, pool, high in (
            ("strands", self.strands, 2),
            ("colleges", self.colleges, 2),
            ("themes", self.themes, 1),
        ):
            if field not in fields:
                continue
            through = getattr(model, field).through
            source = f"{model._meta.model_name}_id"
            target = f"{field[:-1] if field != 'colleges' else 'college'}_id"
            rows = []
            for obj in objects:
                for term in self.some(pool, 0, high):
                    rows.append(through(**{source: obj.pk, target: term}))
            through.objects.bulk_create(rows, batch_size=BATCH)

    def log(self, obj, related: list, when: datetime, action: str = "create") -> None:
        self.changes.append((obj, related, action, when))

    # --- records -----------------------------------------------------------------------------------
