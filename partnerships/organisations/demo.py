"""The organisations app's demo: partners (from the ROR registry where it is loaded), staff, contacts
and their affiliations, then the likely duplicates among them.

Records are found again by stable keys (ROR ID, USCC or English name for organisations; e-mail for
people; person and organisation for affiliations) and never changed once there. They are left in
the run by demo key (`run.get("organisations", "sysu")`, `run.get("people", "goodwin")`) for the
demo data of the apps above.
"""

from collections import Counter
from datetime import date

from partnerships.core.demo import DemoRun, counts, register_demo, save_demo
from partnerships.core.pinyin import pinyin_for
from partnerships.registry.models import RegistryEntry

from . import demo_data as data
from .duplicate_index import rebuild as rebuild_duplicates
from .from_registry import organisation_from_registry
from .models import Affiliation, Organisation, Person

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
NAMES = ("organisations", "people", "affiliations")


def needed_codes() -> dict[str, set[str]]:
    """Every strand, college and theme code the organisations' and people's demo data refer to."""
    needed = {name: set() for name in ("strands", "colleges", "themes")}
    for item in data.ORGANISATIONS:
        for name, codes in item.get("tags", {}).items():
            needed[name].update(codes)
    needed["colleges"].update(person["college"] for person in data.STAFF.values())
    return needed


def load(run: DemoRun) -> list[str]:
    run.require_terms("organisations and people", needed_codes())
    loader = OrganisationDemo(run)
    loader.load()
    # Saves keep the likely duplicates current; this also finds those among records loaded before.
    duplicates = rebuild_duplicates()
    return [
        *loader.summary(),
        f"Likely duplicates: {duplicates['organisation']} pairs of organisations, "
        f"{duplicates['person']} pairs of people.",
    ]


class OrganisationDemo:
    """Creates what is missing of the demo organisations and people, and counts what it created and found."""

    def __init__(self, run: DemoRun):
        self.run = run
        self.created: Counter[str] = Counter()
        self.present: Counter[str] = Counter()
        self.from_registry = 0

    def load(self) -> None:
        for item in data.ORGANISATIONS:
            self.run.keep("organisations", item["key"], self.organisation({**data.ORGANISATION_DEFAULTS, **item}))
        for key, item in data.STAFF.items():
            self.run.keep("people", key, self.person({**data.STAFF_DEFAULTS, **item}, organisation_key=data.HOME))
        for key, item in data.CONTACTS.items():
            person = self.person({**data.CONTACT_DEFAULTS, **item}, organisation_key=item["organisation"])
            self.run.keep("people", key, person)

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
            organisation.parent = self.run.get("organisations", item["parent"])
        save_demo(organisation, self.created, "organisations")
        self.run.tag(organisation, item.get("tags", {}))
        return organisation

    def person(self, item: dict, *, organisation_key: str) -> Person:
        person = Person.objects.filter(email__iexact=item["email"]).first()
        if person is not None:
            self.present["people"] += 1
        else:
            person = Person(**{f: item[f] for f in PERSON_FIELDS if f in item})
            person.college = self.run.terms["colleges"][item["college"]] if item.get("college") else None
            person.retain_until = date(self.run.today.year + data.RETAIN_YEARS, 12, 31)
            save_demo(person, self.created, "people")
        self.affiliation(person, self.run.get("organisations", organisation_key), item)
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
            start_date=date(self.run.today.year - item["since"], 9, 1) if item.get("since") else None,
        )
        save_demo(affiliation, self.created, "affiliations")

    def summary(self) -> list[str]:
        if not sum(self.created.values()):
            return [
                f"Demo organisations and people already loaded: nothing created. {counts(self.present, NAMES)} found."
            ]
        fallback = self.created["organisations"] - self.from_registry
        lines = [
            f"Demo data loaded (marked is_demo). Created: {counts(self.created, NAMES)}.",
            f"Organisations: {self.from_registry} from the ROR registry, {fallback} from the demo data file.",
        ]
        if sum(self.present.values()):
            lines.append(f"Already present, left as they were: {counts(self.present, NAMES)}.")
        return lines


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


def register() -> None:
    register_demo("organisations", load)
