"""Organisations (real registry entries, then generated companies), people, affiliations,
relationships and interactions."""

from datetime import timedelta

from partnerships.core.pinyin import pinyin_for
from partnerships.organisations.from_registry import organisation_kind
from partnerships.organisations.models import Affiliation, Organisation, Person
from partnerships.registry.models import RegistryEntry
from partnerships.relationships.models import Interaction, Relationship

from .. import names as words
from .common import BATCH, at


class RegisterMixin:
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
            self.log(org, [], at(self.day(), self.rng))
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
            self.log(person, [], at(self.day(), self.rng))
        for a in affiliations:
            self.log(a, [people[a.person_id], orgs_by_id[a.organisation_id]], at(a.start_date or self.today, self.rng))
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
            when = at(self.day(), self.rng)
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
            # In id order: a set of ids iterates in an order that depends on the ids' values, and the
            # draws below would follow it (a run on a database whose ids start higher would differ).
            for org_id in sorted(chosen):
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
            self.log(interaction, related, at(interaction.date, self.rng))
        return new
