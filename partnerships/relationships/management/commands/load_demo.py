"""`manage.py load_demo`: bilingual demo partners, people, relationships and a year of interactions.

Every record it creates is marked `is_demo`. Records are found again by stable keys (ROR ID, USCC
or English name for organisations; e-mail for people; person and organisation for affiliations;
organisation for relationships; title for interactions) and are never changed once there, so a
second run writes nothing and leaves any edits made in the app alone.
"""

from collections import Counter
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from partnerships.agreements.demo import load_agreement_demo
from partnerships.core.changelog import change_context
from partnerships.core.models import College, Institution, Strand, Theme
from partnerships.organisations.duplicate_index import rebuild as rebuild_duplicates
from partnerships.organisations.models import Affiliation, Organisation, Person
from partnerships.registry.models import RegistryEntry
from partnerships.registry.services import organisation_from_registry, pinyin_for
from partnerships.relationships import demo_data as data
from partnerships.relationships.models import Interaction, Relationship

TERM_MODELS = {"strands": Strand, "colleges": College, "themes": Theme}
ORGANISATION_FIELDS = (
    "name_en",
    "name_zh",
    "acronyms",
    "aliases",
    "former_names",
    "kind",
    "city",
    "province",
    "country",
    "ror_id",
    "uscc",
    "description",
)
PERSON_FIELDS = (
    "family_name",
    "given_name",
    "name_zh",
    "family_name_first",
    "title",
    "kind",
    "email",
    "wechat_id",
    "preferred_language",
    "purpose",
    "lawful_basis",
    "data_origin",
)


class Command(BaseCommand):
    help = (
        "Load bilingual demo data (partners, people, relationships, a year of interactions), all marked as "
        "demo. Needs the institution profile; uses the ROR registry when it is loaded. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        loader = DemoLoader(terms=profile_terms(), today=timezone.localdate())
        try:
            with transaction.atomic(), change_context(source="command"):
                loader.load()
                agreements = load_agreement_demo(
                    organisations=loader.organisations, people=loader.people, today=loader.today
                )
                # Saves keep the likely duplicates current; this also finds those among records loaded before.
                duplicates = rebuild_duplicates()
        except ValidationError as exc:
            raise CommandError(f"Demo data not loaded, nothing was written: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(loader.summary()))
        self.stdout.write(self.style.SUCCESS(agreements.summary()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Likely duplicates: {duplicates['organisation']} pairs of organisations, "
                f"{duplicates['person']} pairs of people."
            )
        )


def profile_terms() -> dict[str, dict[str, object]]:
    """The profile's strands, colleges and themes by code; refuses to go on when the demo needs one that is missing."""
    needed = needed_codes()
    terms = {name: model.objects.in_bulk(needed[name], field_name="code") for name, model in TERM_MODELS.items()}
    missing = [f"{name}: {code}" for name, codes in needed.items() for code in sorted(codes) if code not in terms[name]]
    if Institution.current() is None or missing:
        detail = f" (missing {', '.join(missing)})" if missing and Institution.current() is not None else ""
        raise CommandError(
            f"The institution profile is not loaded{detail}. Run "
            "`manage.py load_profile profiles/birmingham-guangzhou.yaml` first."
        )
    return terms


def needed_codes() -> dict[str, set[str]]:
    """Every strand, college and theme code the demo data refers to."""
    needed = {name: set() for name in TERM_MODELS}
    tagged = [item.get("tags", {}) for item in data.ORGANISATIONS] + data.INTERACTIONS
    for item in tagged:
        for name in TERM_MODELS:
            needed[name].update(item.get(name) or [])
    needed["colleges"].update(person["college"] for person in data.STAFF.values())
    return needed


class DemoLoader:
    """Creates what is missing of the demo data and counts what it created and what it found."""

    def __init__(self, *, terms: dict, today: date):
        self.terms = terms
        self.today = today
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.tags = {item["key"]: item.get("tags", {}) for item in data.ORGANISATIONS}
        self.created: Counter[str] = Counter()
        self.present: Counter[str] = Counter()
        self.from_registry = 0

    def load(self) -> None:
        for item in data.ORGANISATIONS:
            self.organisations[item["key"]] = self.organisation({**data.ORGANISATION_DEFAULTS, **item})
        for key, item in data.STAFF.items():
            self.people[key] = self.person({**data.STAFF_DEFAULTS, **item}, organisation_key=data.HOME)
        for key, item in data.CONTACTS.items():
            self.people[key] = self.person({**data.CONTACT_DEFAULTS, **item}, organisation_key=item["organisation"])
        for key, item in data.RELATIONSHIPS.items():
            self.relationship(key, item)
        for item in data.INTERACTIONS:
            self.interaction(item)

    # --- one record each ---------------------------------------------------------------------

    def organisation(self, item: dict) -> Organisation:
        entry = registry_entry(item)
        ror_id = item.get("ror_id") or (entry.ror_id if entry else "")
        existing = existing_organisation(item, ror_id)
        if existing is not None:
            self.present["organisations"] += 1
            return existing
        if entry is not None:
            organisation = organisation_from_registry(entry=entry)
            top_up(organisation, item)
            self.from_registry += 1
        else:
            organisation = Organisation(**{f: item[f] for f in ORGANISATION_FIELDS if f in item})
            organisation.pinyin = pinyin_for(organisation.name_zh)
        if item.get("parent") and organisation.parent is None:
            organisation.parent = self.organisations[item["parent"]]
        self.save(organisation, "organisations")
        self.tag(organisation, item.get("tags", {}))
        return organisation

    def person(self, item: dict, *, organisation_key: str) -> Person:
        person = Person.objects.filter(email__iexact=item["email"]).first()
        if person is not None:
            self.present["people"] += 1
        else:
            person = Person(**{f: item[f] for f in PERSON_FIELDS if f in item})
            person.college = self.terms["colleges"][item["college"]] if item.get("college") else None
            person.retain_until = date(self.today.year + data.RETAIN_YEARS, 12, 31)
            self.save(person, "people")
        self.affiliation(person, self.organisations[organisation_key], item)
        return person

    def affiliation(self, person: Person, organisation: Organisation, item: dict) -> None:
        if Affiliation.objects.filter(person=person, organisation=organisation).exists():
            self.present["affiliations"] += 1
            return
        affiliation = Affiliation(
            person=person,
            organisation=organisation,
            role=item.get("role", ""),
            department=item.get("department", ""),
            start_date=date(self.today.year - item["since"], 9, 1) if item.get("since") else None,
        )
        self.save(affiliation, "affiliations")

    def relationship(self, key: str, item: dict) -> None:
        organisation = self.organisations[key]
        if Relationship.objects.filter(organisation=organisation).exists():
            self.present["relationships"] += 1
            return
        relationship = Relationship(
            organisation=organisation,
            stage=item["stage"],
            health=item.get("health", ""),
            manager=self.people[item["manager"]],
            summary=item.get("summary", ""),
        )
        self.save(relationship, "relationships")
        self.tag(relationship, self.tags[key])

    def interaction(self, item: dict) -> None:
        if Interaction.objects.filter(title=item["title"]).exists():
            self.present["interactions"] += 1
            return
        follow_up = item.get("follow_up") or {}
        interaction = Interaction(
            kind=item["kind"],
            title=item["title"],
            date=self.today - timedelta(days=item["days_ago"]),
            location=item.get("location", ""),
            notes=item.get("notes", ""),
            follow_up_date=self.today + timedelta(days=follow_up["in_days"]) if follow_up else None,
            follow_up_owner=self.people[follow_up["owner"]] if follow_up else None,
            follow_up_done=follow_up.get("done", False),
        )
        self.save(interaction, "interactions")
        interaction.organisations.set([self.organisations[key] for key in item["organisations"]])
        interaction.people.set([self.people[key] for key in item.get("people", [])])
        self.tag(interaction, item)

    # --- shared steps --------------------------------------------------------------------------

    def save(self, obj, counter: str) -> None:
        obj.is_demo = True
        obj.full_clean()
        obj.save()
        self.created[counter] += 1

    def tag(self, obj, tags: dict) -> None:
        for name in TERM_MODELS:
            if tags.get(name):
                getattr(obj, name).set([self.terms[name][code] for code in tags[name]])

    def summary(self) -> str:
        names = ("organisations", "people", "affiliations", "relationships", "interactions")
        if not sum(self.created.values()):
            return "Demo data already loaded: nothing created. " + _counts(self.present, names) + " found."
        fallback = self.created["organisations"] - self.from_registry
        lines = [
            "Demo data loaded (marked is_demo). Created: " + _counts(self.created, names) + ".",
            f"Organisations: {self.from_registry} from the ROR registry, {fallback} from the demo data file.",
        ]
        if sum(self.present.values()):
            lines.append("Already present, left as they were: " + _counts(self.present, names) + ".")
        return "\n".join(lines)


def registry_entry(item: dict) -> RegistryEntry | None:
    """The registry entry for a demo organisation: by its ROR ID, else by its exact English name."""
    if item.get("ror_id"):
        return RegistryEntry.objects.filter(pk=item["ror_id"]).first()
    if item.get("kind") == "company":
        return None  # the demo companies are fictional
    matches = list(RegistryEntry.objects.filter(name__iexact=item["name_en"], status="active")[:2])
    return matches[0] if len(matches) == 1 else None


def existing_organisation(item: dict, ror_id: str) -> Organisation | None:
    """An organisation already recorded under the demo one's ROR ID, USCC or English name."""
    for field, value in (("ror_id", ror_id), ("uscc", item.get("uscc")), ("name_en", item["name_en"])):
        if value:
            found = Organisation.objects.filter(**{field: value}).order_by("pk").first()
            if found is not None:
                return found
    return None


def top_up(organisation: Organisation, item: dict) -> None:
    """Fill what the registry entry lacks (a Chinese name, the acronym people use) from the demo data."""
    for field in ("name_zh", "city", "province", "country", "description"):
        if not getattr(organisation, field) and item.get(field):
            setattr(organisation, field, item[field])
    if not organisation.pinyin:
        organisation.pinyin = pinyin_for(organisation.name_zh)
    organisation.acronyms += [a for a in item.get("acronyms", []) if a not in organisation.acronyms]
    known = {
        n.casefold()
        for n in (organisation.name_en, organisation.name_zh, *organisation.aliases, *organisation.former_names)
    }
    organisation.aliases += [a for a in item.get("aliases", []) if a.casefold() not in known]


def _counts(counter: Counter, names: tuple[str, ...]) -> str:
    return ", ".join(f"{counter[name]} {name}" for name in names)
