"""A register the size of a mature centre's, generated reproducibly from a seed with bulk inserts.

Runs on top of the profile, the shipped ROR registry and the demo data (so the demo's records, and
the pages about them, exist at both scales). Partners are real registry entries (names in both
scripts, acronyms, aliases, places) topped up with generated Guangzhou companies; people are
fictional, with Chinese or English names; every record carries tags, and the change log holds a
create for every record plus updates, tied to related records as the live change log ties them.

`bulk_create` passes by the model signals, so the search index is rebuilt afterwards and the
change log is written here directly. Later issues add their models with one more `_make_…` step.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from partnerships.agreements.models import Agreement, AgreementKind, Document, Obligation, Party, Signatory
from partnerships.core.models import (
    ChangeRelation,
    College,
    Institution,
    Notification,
    ObjectChange,
    Strand,
    Theme,
    TimelineEvent,
)
from partnerships.organisations.duplicate_index import rebuild as rebuild_duplicates
from partnerships.organisations.models import Affiliation, Organisation, Person
from partnerships.registry.models import RegistryEntry
from partnerships.registry.services import organisation_kind, pinyin_for
from partnerships.relationships.models import Interaction, Relationship

from . import names as words

BATCH = 2000
YEARS = 10  # how far back the generated history goes


@dataclass(frozen=True)
class Size:
    """How many records of each kind the register holds in all (the demo data included)."""

    organisations: int
    people: int
    staff: int
    relationships: int
    interactions: int
    agreements: int


# About the register a centre accumulates in ten years (the figures of issue 8's measurement).
MATURE = Size(organisations=5000, people=30000, staff=400, relationships=1500, interactions=100000, agreements=4000)


def generate(size: Size = MATURE, seed: int = 8, stdout=None) -> dict[str, int]:
    """Top the register up to `size`; returns how many records of each kind it then holds."""
    with transaction.atomic():
        maker = _Maker(size, random.Random(seed), stdout)
        maker.run()
        rebuild_duplicates()  # bulk inserts pass by the signals that keep the likely duplicates current
    return maker.counts()


def _at(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour=rng.randint(8, 18), minute=rng.randint(0, 59))))


class _Maker:
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

    def tag(self, model, objects: list) -> None:
        """Strands, colleges and themes, as centre staff would tag them (not every record, not all)."""
        for field, pool, high in (
            ("strands", self.strands, 2),
            ("colleges", self.colleges, 2),
            ("themes", self.themes, 1),
        ):
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

    def _organisations(self) -> list[Organisation]:
        existing = list(Organisation.objects.exclude(pk=self.home.pk))
        wanted = self.size.organisations - len(existing) - 1
        taken = set(Organisation.objects.exclude(ror_id="").values_list("ror_id", flat=True))
        entries = [e for e in RegistryEntry.objects.order_by("ror_id") if e.ror_id not in taken]
        self.rng.shuffle(entries)
        # Mostly mainland China, as a Guangzhou centre's register is; the rest UK, Hong Kong, Macau.
        entries.sort(key=lambda e: (e.country != "CN") + self.rng.random() * 1.5)
        new = []
        for entry in entries[: max(0, wanted * 4 // 5)]:
            new.append(
                Organisation(
                    name_en=entry.name[:300],
                    name_zh=entry.name_zh[:300],
                    pinyin=pinyin_for(entry.name_zh)[:500],
                    acronyms=list(entry.acronyms),
                    aliases=[a for a in entry.aliases if a != entry.name][:5],
                    kind=organisation_kind(entry.types),
                    city=entry.city[:100],
                    province=entry.province[:100],
                    country=entry.country,
                    ror_id=entry.ror_id,
                    website=entry.website if len(entry.website) <= 200 else "",
                )
            )
        for n in range(wanted - len(new)):
            word, word_zh = self.pick(words.COMPANY_WORDS)
            sector, sector_zh = self.pick(words.COMPANY_SECTORS)
            name_zh = f"广州{word_zh}{sector_zh}有限公司" + (f"（{n}）" if n >= 200 else "")
            new.append(
                Organisation(
                    name_en=f"Guangzhou {word} {sector} Co., Ltd." + (f" ({n})" if n >= 200 else ""),
                    name_zh=name_zh,
                    pinyin=pinyin_for(name_zh),
                    kind="company",
                    city="Guangzhou",
                    province="Guangdong",
                    country="CN",
                    description=f"{sector} company in the {word} area.",
                )
            )
        created = Organisation.objects.bulk_create(new, batch_size=BATCH)
        # Departments and hospitals sit under universities, as their registry records say.
        by_ror = {o.ror_id: o for o in [*created, *existing] if o.ror_id}
        with_parent = []
        entry_by_id = {e.ror_id: e for e in entries[: len(created)]}
        for org in created:
            entry = entry_by_id.get(org.ror_id)
            parent = next((by_ror[i] for i in entry.related_ids("parent") if i in by_ror), None) if entry else None
            if parent is not None and parent.pk != org.pk:
                org.parent_id = parent.pk
                with_parent.append(org)
        Organisation.objects.bulk_update(with_parent, ["parent"], batch_size=BATCH)
        self.tag(Organisation, self.rng.sample(created, len(created) // 3))
        for org in created:
            self.log(org, [], _at(self.day(), self.rng))
        return [*existing, *created]

    def _people(self, orgs: list[Organisation]):
        existing_staff = list(Person.objects.filter(kind="staff"))
        existing_contacts = list(Person.objects.filter(kind="contact"))
        staff_wanted = max(0, self.size.staff - len(existing_staff))
        contacts_wanted = max(0, self.size.people - Person.objects.count() - staff_wanted)
        staff = []
        for n in range(staff_wanted):
            family, given = self.pick(words.ENGLISH_FAMILY_NAMES), self.pick(words.ENGLISH_GIVEN_NAMES)
            staff.append(
                Person(
                    family_name=family,
                    given_name=given,
                    title=self.pick(words.TITLES),
                    kind="staff",
                    college_id=self.pick(self.colleges),
                    email=f"{given[0].lower()}.{family.lower()}.{n}@staff.example.ac.uk",
                    phone=f"+44 121 414 {n % 10000:04d}",
                    preferred_language="en",
                    purpose="Home staff member working with partners",
                    lawful_basis="public_task",
                    data_origin="uk",
                )
            )
        contacts = []
        # Contacts cluster at the big partners: a few universities hold most of them.
        weights = [1 / (rank + 10) for rank in range(len(orgs))]
        contact_orgs = []
        for n in range(contacts_wanted):
            org = self.pick(orgs, weights)
            contact_orgs.append(org)
            if org.country in ("GB",) or self.rng.random() < 0.08:
                family, given = self.pick(words.ENGLISH_FAMILY_NAMES), self.pick(words.ENGLISH_GIVEN_NAMES)
                family_zh = given_zh = ""
                first = False
            else:
                family_zh, family = self.pick(words.FAMILY_NAMES_ZH)
                chars = self.some(words.GIVEN_CHARS_ZH, 1, 2)
                given_zh = "".join(c for c, _ in chars)
                given = "".join(p for _, p in chars).capitalize()
                first = True
            contacts.append(
                Person(
                    family_name=family,
                    given_name=given,
                    name_zh=family_zh + given_zh,
                    family_name_first=first,
                    title=self.pick(words.TITLES),
                    kind="contact",
                    email=f"{given.lower()}.{family.lower()}{n}@partner{org.pk}.example.cn",
                    phone=f"+86 20 {8000_0000 + n}",
                    wechat_id=f"wx_{family.lower()}{n}" if self.rng.random() < 0.4 else "",
                    preferred_language=self.pick(["zh", "zh", "en", ""]),
                    purpose="Partnership contact",
                    lawful_basis="legitimate_interests",
                    data_origin=self.pick(["prc", "prc", "uk"]),
                    retain_until=self.today + timedelta(days=self.rng.randint(100, 2000)),
                )
            )
        Person.objects.bulk_create([*staff, *contacts], batch_size=BATCH)
        self.tag(Person, self.rng.sample(contacts, len(contacts) // 5))
        affiliations = []
        for person in staff:
            affiliations.append(
                Affiliation(
                    person_id=person.pk,
                    organisation_id=self.home.pk,
                    role=self.pick(words.ROLES)[0],
                    department=self.pick(words.DEPARTMENTS),
                    start_date=self.day() - timedelta(days=2000),
                )
            )
        for person, org in zip(contacts, contact_orgs, strict=True):
            role, role_zh = self.pick(words.ROLES)
            start = self.day()
            affiliations.append(
                Affiliation(
                    person_id=person.pk,
                    organisation_id=org.pk,
                    role=role if person.family_name_first is False else role_zh,
                    department=self.pick(words.DEPARTMENTS),
                    start_date=start,
                )
            )
            if self.rng.random() < 0.1:  # an earlier post elsewhere
                affiliations.append(
                    Affiliation(
                        person_id=person.pk,
                        organisation_id=self.pick(orgs).pk,
                        role=self.pick(words.ROLES)[0],
                        start_date=start - timedelta(days=self.rng.randint(400, 3000)),
                        end_date=start - timedelta(days=1),
                    )
                )
        Affiliation.objects.bulk_create(affiliations, batch_size=BATCH)
        people = {p.pk: p for p in [*staff, *contacts]}
        orgs_by_id = {o.pk: o for o in [*orgs, self.home]}
        for person in [*staff, *contacts]:
            self.log(person, [], _at(self.day(), self.rng))
        for a in affiliations:
            self.log(a, [people[a.person_id], orgs_by_id[a.organisation_id]], _at(a.start_date or self.today, self.rng))
        by_org: dict[int, list[int]] = {}
        for a in affiliations:
            if a.end_date is None:
                by_org.setdefault(a.organisation_id, []).append(a.person_id)
        self.contacts_at = by_org
        return [*existing_staff, *staff], [*existing_contacts, *contacts]

    def _relationships(self, orgs, staff) -> None:
        have = set(Relationship.objects.values_list("organisation_id", flat=True))
        candidates = [o for o in orgs if o.pk not in have and o.pk != self.home.pk]
        candidates.sort(key=lambda o: -len(self.contacts_at.get(o.pk, ())))
        wanted = max(0, self.size.relationships - len(have))
        stages = ["exploring", "developing", "active", "strategic", "dormant", "ended"]
        new = [
            Relationship(
                organisation_id=org.pk,
                stage=self.pick(stages, [3, 3, 4, 1, 2, 1]),
                health=self.pick(["good", "at_risk", "poor", ""]),
                manager_id=self.pick(staff).pk if self.rng.random() < 0.8 else None,
                summary=f"Working with {org.name_en} on {self.pick(words.TOPICS)[0]}.",
            )
            for org in candidates[:wanted]
        ]
        Relationship.objects.bulk_create(new, batch_size=BATCH)
        self.tag(Relationship, new)
        orgs_by_id = {o.pk: o for o in orgs}
        for r in new:
            when = _at(self.day(), self.rng)
            self.log(r, [orgs_by_id[r.organisation_id]], when)
            for _ in range(self.rng.randint(0, 3)):  # stage moves over the years
                self.log(r, [orgs_by_id[r.organisation_id]], when + timedelta(days=self.rng.randint(30, 900)), "update")
        self.partners = [orgs_by_id[r.organisation_id] for r in Relationship.objects.all()]

    def _interactions(self, orgs, staff, contacts) -> list[Interaction]:
        wanted = max(0, self.size.interactions - Interaction.objects.count())
        partners = self.partners or orgs
        partner_weights = [1 / (rank + 5) for rank in range(len(partners))]
        kinds = ["meeting", "visit_in", "visit_out", "delegation", "event", "call", "email"]
        new, links = [], []
        for _ in range(wanted):
            topic, _topic_zh = self.pick(words.TOPICS)
            when = self.day()
            follow = self.rng.random() < 0.1
            new.append(
                Interaction(
                    kind=self.pick(kinds, [5, 2, 2, 1, 2, 3, 3]),
                    title=self.pick(words.INTERACTION_TITLES).format(topic=topic).capitalize()[:300],
                    date=when,
                    location=self.pick(words.LOCATIONS),
                    notes=self.pick(words.NOTES),
                    follow_up_date=when + timedelta(days=self.rng.randint(7, 60)) if follow else None,
                    follow_up_owner_id=self.pick(staff).pk if follow else None,
                    follow_up_done=follow and when < self.today - timedelta(days=60),
                )
            )
        Interaction.objects.bulk_create(new, batch_size=BATCH)
        org_rows, person_rows = [], []
        through_org, through_person = Interaction.organisations.through, Interaction.people.through
        orgs_by_id = {o.pk: o for o in [*orgs, self.home]}
        people_by_id = {p.pk: p for p in [*staff, *contacts]}
        for interaction in new:
            chosen = {self.pick(partners, partner_weights).pk for _ in range(self.rng.randint(1, 3))}
            if self.rng.random() < 0.1:
                chosen.add(self.home.pk)
            people = set()
            for org_id in chosen:
                at_org = self.contacts_at.get(org_id, ())
                people.update(self.rng.sample(at_org, min(len(at_org), self.rng.randint(0, 2))))
            people.add(self.pick(staff).pk)
            org_rows += [through_org(interaction_id=interaction.pk, organisation_id=o) for o in chosen]
            person_rows += [through_person(interaction_id=interaction.pk, person_id=p) for p in people]
            links.append((interaction, [*(orgs_by_id[o] for o in chosen), *(people_by_id[p] for p in people)]))
        through_org.objects.bulk_create(org_rows, batch_size=BATCH)
        through_person.objects.bulk_create(person_rows, batch_size=BATCH)
        self.tag(Interaction, new)
        for interaction, related in links:
            self.log(interaction, related, _at(interaction.date, self.rng))
        return new

    def _agreements(self, orgs, staff, contacts, interactions) -> None:
        wanted = max(0, self.size.agreements - Agreement.objects.count())
        partners = self.partners or orgs
        weights = [1 / (rank + 5) for rank in range(len(partners))]
        new, plans = [], []
        for n in range(wanted):
            org = self.pick(partners, weights)
            topic, topic_zh = self.pick(words.TOPICS)
            title, title_zh = self.pick(words.AGREEMENT_TITLES)
            start = self.day()
            end = start + timedelta(days=365 * self.rng.randint(1, 5))
            if end < self.today:
                status = self.pick(["expired", "terminated", "superseded"], [6, 1, 2])
            else:
                status = self.pick(
                    ["active", "signed", "draft", "negotiation", "legal_review", "approved"], [12, 1, 2, 2, 1, 1]
                )
            signed = status not in ("draft", "negotiation", "legal_review", "approved")
            new.append(
                Agreement(
                    kind_id=self.pick(self.kinds),
                    title_en=title.format(org=org.name_en, topic=topic)[:300],
                    title_zh=title_zh.format(org_zh=org.name_zh or org.name_en, topic_zh=topic_zh)[:300],
                    reference=f"GZ-{start.year}-{n:05d}",
                    controlling_language=self.pick(["en", "zh", "equal"]),
                    status=status,
                    unit=self.pick(words.DEPARTMENTS),
                    responsible_id=self.pick(staff).pk,
                    signed_date=start - timedelta(days=self.rng.randint(0, 30)) if signed else None,
                    start_date=start if signed else None,
                    end_date=end,
                    notice_period_days=self.pick([None, 90, 180]),
                    auto_renew=self.rng.random() < 0.1,
                    summary=f"Covers {topic} with {org.name_en}.",
                )
            )
            plans.append(org)
        Agreement.objects.bulk_create(new, batch_size=BATCH)
        # Hierarchy: a third sit under an earlier agreement with the same partner; some renew one.
        by_partner: dict[int, list[Agreement]] = {}
        children = []
        for agreement, org in zip(new, plans, strict=True):
            earlier = by_partner.setdefault(org.pk, [])
            if earlier and self.rng.random() < 0.35:
                agreement.parent_id = self.pick(earlier).pk
                children.append(agreement)
            earlier.append(agreement)
        Agreement.objects.bulk_update(children, ["parent"], batch_size=BATCH)
        renewals = []
        used = set()
        for agreement, org in zip(new, plans, strict=True):
            expired = [
                a for a in by_partner[org.pk] if a.status == "superseded" and a.pk not in used and a.pk < agreement.pk
            ]
            if expired and agreement.status == "active":
                agreement.predecessor_id = expired[0].pk
                used.add(expired[0].pk)
                renewals.append(agreement)
        Agreement.objects.bulk_update(renewals, ["predecessor"], batch_size=BATCH)
        self.tag(Agreement, new)

        parties, orgs_by_id = [], {o.pk: o for o in [*orgs, self.home]}
        for agreement, org in zip(new, plans, strict=True):
            parties.append(Party(agreement_id=agreement.pk, organisation_id=self.home.pk, role="home"))
            parties.append(Party(agreement_id=agreement.pk, organisation_id=org.pk, role="partner"))
            if self.rng.random() < 0.2:
                other = self.pick(partners)
                if other.pk not in (org.pk, self.home.pk):
                    parties.append(
                        Party(
                            agreement_id=agreement.pk, organisation_id=other.pk, role=self.pick(["partner", "funder"])
                        )
                    )
        Party.objects.bulk_create(parties, batch_size=BATCH)
        agreements_by_id = {a.pk: a for a in new}
        signatories, obligations, documents, events, links = [], [], [], [], []
        people_by_id = {p.pk: p for p in [*staff, *contacts]}
        for party in parties:
            agreement = agreements_by_id[party.agreement_id]
            if not agreement.signed_date:
                continue
            at_org = self.contacts_at.get(party.organisation_id) or [self.pick(staff).pk]
            signatories.append(
                Signatory(
                    party_id=party.pk,
                    person_id=self.pick(at_org),
                    capacity="President",
                    signed_on=agreement.signed_date,
                )
            )
        Signatory.objects.bulk_create(signatories, batch_size=BATCH)
        placeholder = default_storage.save("agreements/bench/signed-copy.pdf", ContentFile(b"%PDF-1.4\n%bench\n"))
        for agreement in new:
            for _ in range(self.rng.choice([0, 0, 1, 2])):
                obligations.append(
                    Obligation(
                        agreement_id=agreement.pk,
                        description=self.pick(words.OBLIGATIONS),
                        side=self.pick(["home", "partner", "both"]),
                        due_date=(agreement.start_date or self.today) + timedelta(days=self.rng.randint(90, 900)),
                        owner_id=self.pick(staff).pk,
                        done=self.rng.random() < 0.5,
                    )
                )
            if agreement.signed_date and self.rng.random() < 0.5:
                documents.append(
                    Document(
                        agreement_id=agreement.pk,
                        doc_type="signed",
                        title="Signed copy",
                        version_number=1,
                        file=placeholder,
                        original_name="signed-copy.pdf",
                        content_type="application/pdf",
                        size=16,
                    )
                )
            ct = ContentType.objects.get_for_model(Agreement)
            for kind in ("agreement.draft", "agreement.signed" if agreement.signed_date else None):
                if kind:
                    events.append(TimelineEvent(content_type=ct, object_id=str(agreement.pk), kind=kind, message=""))
        Obligation.objects.bulk_create(obligations, batch_size=BATCH)
        Document.objects.bulk_create(documents, batch_size=BATCH)
        TimelineEvent.objects.bulk_create(events, batch_size=BATCH)
        through = Agreement.interactions.through
        for agreement in new:
            if self.rng.random() < 0.3:
                for interaction in self.some(interactions, 1, 3):
                    links.append(through(agreement_id=agreement.pk, interaction_id=interaction.pk))
        through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)

        parties_of: dict[int, list[Organisation]] = {}
        for party in parties:
            parties_of.setdefault(party.agreement_id, []).append(orgs_by_id[party.organisation_id])
        for agreement in new:
            when = _at(agreement.signed_date or self.day(), self.rng)
            self.log(agreement, parties_of[agreement.pk], when)
            for _ in range(self.rng.randint(0, 4)):  # negotiated, signed, activated, renewed …
                self.log(agreement, parties_of[agreement.pk], when + timedelta(days=self.rng.randint(1, 400)), "update")
        for party in parties:
            self.log(
                party,
                [agreements_by_id[party.agreement_id], orgs_by_id[party.organisation_id]],
                _at(self.today, self.rng),
            )
        party_by_id = {p.pk: p for p in parties}
        for s in signatories:
            agreement = agreements_by_id[party_by_id[s.party_id].agreement_id]
            self.log(s, [agreement, people_by_id.get(s.person_id)], _at(s.signed_on, self.rng))
        for o in [*obligations, *documents]:
            self.log(o, [agreements_by_id[o.agreement_id]], _at(self.today, self.rng))

    # --- change log and notifications --------------------------------------------------------------

    def _write_changes(self) -> None:
        """One change per logged event, oldest first, so time and id order agree as in a live log."""
        self.changes.sort(key=lambda c: c[3])
        field = ObjectChange._meta.get_field("time")
        field.auto_now_add = False  # the generated times, not now
        try:
            types = {}
            rows = []
            for obj, _related, action, when in self.changes:
                model = type(obj)
                ct = types.get(model) or types.setdefault(model, ContentType.objects.get_for_model(model))
                data = _summary(obj)
                user = self.pick(self.users)
                rows.append(
                    ObjectChange(
                        time=when,
                        user=user,
                        user_name=user.username,
                        source=self.pick(["web", "web", "web", "api", "import"]),
                        action=action,
                        content_type=ct,
                        object_id=str(obj.pk),
                        object_repr=str(obj)[:300],
                        prechange_data=_changed(data, self.rng) if action == "update" else None,
                        postchange_data=data,
                    )
                )
            ObjectChange.objects.bulk_create(rows, batch_size=BATCH)
        finally:
            field.auto_now_add = True
        if rows and rows[0].pk is None:  # backends that return no keys
            rows = list(ObjectChange.objects.order_by("-pk")[: len(rows)])[::-1]
        relations = []
        for row, (_obj, related, _action, _when) in zip(rows, self.changes, strict=True):
            seen = set()
            for target in related:
                if target is None:
                    continue
                key = (
                    (
                        types.get(type(target))
                        or types.setdefault(type(target), ContentType.objects.get_for_model(target))
                    ).pk,
                    str(target.pk),
                )
                if key not in seen:
                    seen.add(key)
                    relations.append(ChangeRelation(change_id=row.pk, content_type_id=key[0], object_id=key[1]))
        ChangeRelation.objects.bulk_create(relations, batch_size=BATCH)

    def _notifications(self) -> None:
        rows = [
            Notification(
                key=f"bench-{n}",
                user=self.users[n % len(self.users)],
                subject=f"Agreement GZ-{n:05d} ends in 90 days",
                body="Decide whether to renew it.",
                url="/agreements/",
            )
            for n in range(400)
        ]
        Notification.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def _summary(obj) -> dict:
    """The record's plain fields as the change log keeps them (enough for a history row)."""
    out = {}
    for field in obj._meta.concrete_fields:
        if (
            field.name in ("id", "created_at", "updated_at", "version", "is_demo")
            or field.is_relation
            and not field.many_to_one
        ):
            continue
        value = getattr(obj, field.attname)
        out[field.name] = value if isinstance(value, (str, int, float, bool, list, type(None))) else str(value)
    return out


def _changed(data: dict, rng: random.Random) -> dict:
    """A plausible before-state: one or two of the fields held something else."""
    before = dict(data)
    for key in rng.sample(sorted(data), min(2, len(data))):
        value = before[key]
        before[key] = (value + " (draft)") if isinstance(value, str) else None
    return before
