"""Likely duplicate organisations and people, each pair with its evidence and a score.

Every record has a few blocking keys: an organisation its ROR ID, USCC, each folded name, and its
place with each word of its English name; a person their e-mail, Chinese name, and each
organisation they are at with each of their name words (Latin or pinyin). Only records sharing a
key are compared, never every record with every other, and a key shared by more records than its
limit is skipped as too generic ("university" in Guangzhou says nothing). Rapidfuzz scores only the
pairs the keys propose.

What two records' evidence is depends only on the two records and the keys they share, so the same
functions find every pair of the register at once (here: tests and `rebuild_duplicates`) and the
pairs of one record (`duplicate_index`, on every write). Evidence is a code with its parameters,
put into words in the reader's language only when it is shown.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz

from partnerships.core.normalise import compact, key, simplify, tokens

from . import people_matching
from .models import Affiliation, Organisation, Person
from .people_matching import EMAIL, PersonKeys, compare

MAX_BLOCK = 50  # a key shared by more records than this is too common to be evidence
MAX_PEOPLE_BLOCK = 300  # people at one organisation sharing one name word ("wang" at a big university)
MIN_SCORE = 0.5  # pairs below this are not listed
MAX_KEY_LENGTH = 300  # characters of a stored key (see `blocking_key`)
FUZZY_MIN = 90  # rapidfuzz token_sort_ratio of two English names, out of 100
TOKEN_MIN = 75  # how alike two words that differ between the names must be (typos, not other words)
ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})

# Weight of each kind of evidence about organisations (people's are in `people_matching`); several
# pieces combine as 1 - Π(1 - w).
SAME_IDENTIFIER = 1.0
SAME_NAME = 0.9
SAME_OTHER_NAME = 0.8
SAME_ACRONYM = 0.4
SIMILAR_NAME = 0.8  # scaled by the similarity
SAME_PLACE = 0.15  # supporting only: never listed on its own

# Every kind of evidence by its code, as the reader sees it.
REASONS = {
    "ror": gettext_lazy("Same ROR ID (%(id)s)"),
    "uscc": gettext_lazy("Same unified social credit code (%(code)s)"),
    "scripts": gettext_lazy("Same Chinese name in simplified and traditional characters: %(name)s"),
    "name": gettext_lazy("Same name: %(name)s"),
    "other-name": gettext_lazy("One's name is the other's former or other name: %(name)s"),
    "acronym": gettext_lazy("Same acronym: %(name)s"),
    "similar-name": gettext_lazy("Similar English names (%(similarity)d%%) in the same place"),
    "place": gettext_lazy("Both in %(city)s"),
    **people_matching.REASONS,
}


def combined(weights) -> float:
    """How sure several independent pieces of evidence make us: each one removes its share of the doubt."""
    remaining = 1.0
    for weight in weights:
        remaining *= 1 - weight
    return round(1 - remaining, 3)


def reason_text(code: str, params: dict, organisations: dict | None = None) -> str:
    """One piece of evidence in the reader's language. A person's evidence refers to a shared organisation
    by ID: `organisations` (by ID) names it, or says that the reader may not see it."""
    if "organisation" in params:
        organisation = (organisations or {}).get(params["organisation"])
        params = {**params, "organisation": organisation or _("an organisation you may not view")}
    return REASONS[code] % params


@dataclass
class Duplicate:
    """Two records that are probably the same (the older first), with why and how sure."""

    first: Model
    second: Model
    evidence: list[tuple[str, dict]] = field(default_factory=list)  # (code, parameters)
    weights: list[float] = field(default_factory=list, repr=False)
    organisations: dict = field(default_factory=dict, repr=False)  # named in people's evidence, by ID

    @property
    def score(self) -> float:
        return combined(self.weights)

    @property
    def reasons(self) -> list[str]:
        """The evidence in the reader's language."""
        return [reason_text(code, params, self.organisations) for code, params in self.evidence]

    def add(self, code: str, params: dict, weight: float) -> None:
        if (code, params) not in self.evidence:
            self.evidence.append((code, params))
            self.weights.append(weight)


def ordered(pairs) -> list[Duplicate]:
    """Best evidence first; equal scores by the name of the record to keep."""
    return sorted(pairs, key=lambda p: (-p.score, str(p.first), p.first.pk, p.second.pk))


def _blocks(keys: dict[int, set[str]], limit):
    """(key, a, b) for each pair of records sharing a key, a < b, skipping keys too common to mean anything."""
    blocks = defaultdict(list)
    for pk in sorted(keys):
        for value in keys[pk]:
            blocks[value].append(pk)
    for value, ids in blocks.items():
        if 1 < len(ids) <= limit(value):
            for a, b in combinations(ids, 2):
                yield value, a, b


# ---------------------------------------------------------------- organisations

NAME_FIELDS = ("name_en", "name_zh")
LIST_FIELDS = ("aliases", "former_names", "acronyms")


def _names(org: Organisation) -> list[tuple[str, str]]:
    """(field, name) for every name the organisation goes by."""
    out = [(f, getattr(org, f)) for f in NAME_FIELDS if getattr(org, f)]
    for f in LIST_FIELDS:
        out += [(f, str(n)) for n in (getattr(org, f) or []) if str(n).strip()]
    return out


def _place(org: Organisation) -> tuple[str, str] | None:
    place = ((org.country or "").upper(), key(org.city or ""))
    return place if any(place) else None


def _ror(value: str) -> str:
    """A ROR ID as its nine characters: "https://ror.org/0064KTY71" → "0064kty71"."""
    return value.strip().lower().rstrip("/").rsplit("/", 1)[-1]


def _uscc(value: str) -> str:
    return value.strip().upper()


def _same_id(a: Organisation, b: Organisation) -> bool:
    return bool(
        (a.ror_id and b.ror_id and _ror(a.ror_id) == _ror(b.ror_id))
        or (a.uscc and b.uscc and _uscc(a.uscc) == _uscc(b.uscc))
    )


def _distinct(a: Organisation, b: Organisation) -> bool:
    """Records that cannot be the same whatever their names: different registry or company IDs,
    or sub-units of different parents ("Department of Chemistry" at two universities)."""
    return (
        (a.ror_id and b.ror_id and _ror(a.ror_id) != _ror(b.ror_id))
        or (a.uscc and b.uscc and _uscc(a.uscc) != _uscc(b.uscc))
        or (a.parent_id and b.parent_id and a.parent_id != b.parent_id)
        or a.parent_id == b.pk
        or b.parent_id == a.pk
    )


def _typo_variants(a: list[str], b: list[str]) -> bool:
    """Names whose differing words are misspellings of each other, not other words or numbers
    ("Univeristy" for "University" yes; "First Hospital" for "Second Hospital" no; "City" added no)."""
    if compact(" ".join(a)) == compact(" ".join(b)):
        return True
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    if len(only_a) != len(only_b) or not only_a:
        return False
    for word in only_a + only_b:
        if word in ORDINALS or any(c.isdigit() for c in word):
            return False
    remaining = list(only_b)
    for word in only_a:
        best = max(remaining, key=lambda other: fuzz.ratio(word, other))
        if fuzz.ratio(word, best) < TOKEN_MIN:
            return False
        remaining.remove(best)
    return True


def blocking_key(kind: str, value: str) -> str:
    """A key as stored: what it is and its value, a very long value (an alias pasted from a page) cut and
    completed by its hash, so that every key fits a database index."""
    text = f"{kind}:{value}"
    if len(text) <= MAX_KEY_LENGTH:
        return text
    return f"{text[: MAX_KEY_LENGTH - 41]}#{hashlib.sha1(text.encode()).hexdigest()}"


@dataclass
class OrganisationFacts:
    """What comparing an organisation needs, worked out once: its keys, and its names by their key."""

    record: Organisation
    keys: set[str]
    names: dict[str, tuple[set[str], set[str]]]  # key of a folded name → (fields it is in, spellings)
    english: list[str]

    @classmethod
    def of(cls, org: Organisation) -> "OrganisationFacts":
        names = defaultdict(lambda: (set(), set()))
        for field_name, name in _names(org):
            if name_key := key(name):
                names[blocking_key("name", name_key)][0].add(field_name)
                names[blocking_key("name", name_key)][1].add(name.strip())
        keys = set(names)
        # The database keeps each spelling unique; these are the same ID written two ways.
        if org.ror_id:
            keys.add(blocking_key("ror", _ror(org.ror_id)))
        if org.uscc:
            keys.add(blocking_key("uscc", _uscc(org.uscc)))
        english = tokens(org.name_en)
        if place := _place(org):
            keys |= {blocking_key("place", f"{place[0]}|{place[1]}|{token}") for token in english}
        return cls(org, keys, dict(names), english)


def organisation_facts(queryset) -> dict[int, OrganisationFacts]:
    return {org.pk: OrganisationFacts.of(org) for org in queryset.order_by("pk")}


def organisation_key_limit(value: str) -> int:
    return MAX_BLOCK


def organisation_pair(a: OrganisationFacts, b: OrganisationFacts, shared: set[str]) -> Duplicate | None:
    """What the keys two organisations share (a the older) say, or None when it is too little to list
    or they cannot be the same. `shared` holds only keys within their limit."""
    pair = Duplicate(a.record, b.record)
    kinds = {value.partition(":")[0] for value in shared}
    if "ror" in kinds:
        pair.add("ror", {"id": _ror(a.record.ror_id)}, SAME_IDENTIFIER)
    if "uscc" in kinds:
        pair.add("uscc", {"code": _uscc(a.record.uscc)}, SAME_IDENTIFIER)
    for name in sorted(shared & a.names.keys()):
        _name_evidence(pair, a.names[name], b.names[name])
    first, second = a.english, b.english
    if "place" in kinds and first != second and first and second:  # equal names are evidence of their own
        similarity = fuzz.token_sort_ratio(" ".join(first), " ".join(second))
        if similarity >= FUZZY_MIN and _typo_variants(first, second):
            pair.add("similar-name", {"similarity": int(similarity)}, SIMILAR_NAME * similarity / 100)
    if not pair.evidence:
        return None
    place = _place(a.record)
    if place and place == _place(b.record) and a.record.city:
        pair.add("place", {"city": a.record.city}, SAME_PLACE)
    # Conflicting identifiers outweigh any name evidence; equal identifiers are never overruled.
    if pair.score < MIN_SCORE or (_distinct(a.record, b.record) and not _same_id(a.record, b.record)):
        return None
    return pair


def _name_evidence(pair: Duplicate, a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> None:
    """One folded name both organisations go by: in which fields, spelt how."""
    (fields_a, spellings_a), (fields_b, spellings_b) = a, b
    spelled = sorted(spellings_a | spellings_b)
    shown = {"name": " / ".join(spelled)}
    if fields_a == {"acronyms"} or fields_b == {"acronyms"}:
        # An acronym is weak evidence: "SCU" is Sichuan, Soochow and Shandong Cheeloo alike.
        pair.add("acronym", shown, SAME_ACRONYM)
    elif len(spelled) > 1 and any(simplify(s) != s for s in spelled) and len({simplify(s) for s in spelled}) == 1:
        pair.add("scripts", shown, SAME_NAME)
    elif set(NAME_FIELDS) & fields_a and set(NAME_FIELDS) & fields_b:
        pair.add("name", shown, SAME_NAME)
    else:
        pair.add("other-name", shown, SAME_OTHER_NAME)


def organisation_duplicates(user, queryset=None) -> list[Duplicate]:
    """Likely duplicate organisations among those `user` may view (among all, for None), best evidence first."""
    queryset = queryset if queryset is not None else Organisation.objects.all()
    if user is not None:
        queryset = queryset.restrict(user, "view")
    return ordered(find_organisation_pairs(organisation_facts(queryset)))


def find_organisation_pairs(facts: dict[int, OrganisationFacts]) -> list[Duplicate]:
    """Every pair among these organisations, in no particular order."""
    shared = defaultdict(set)
    for value, a, b in _blocks({pk: f.keys for pk, f in facts.items()}, organisation_key_limit):
        shared[(a, b)].add(value)
    pairs = (organisation_pair(facts[a], facts[b], values) for (a, b), values in shared.items())
    return [pair for pair in pairs if pair is not None]


# ---------------------------------------------------------------- people


@dataclass
class PersonFacts:
    """What comparing a person needs: their names and e-mail as matching compares them, their
    organisations, and their keys."""

    record: Person
    names: PersonKeys
    organisations: set[int]
    keys: set[str]

    @classmethod
    def of(cls, person: Person, organisations: set[int]) -> "PersonFacts":
        names = PersonKeys.of(person)
        keys = {blocking_key("org", f"{org}|{word}") for org in organisations for word in names.words}
        if names.email:
            keys.add(blocking_key("email", names.email))
        if names.chinese:
            keys.add(blocking_key("zh", names.chinese))
        return cls(person, names, organisations, keys)


def person_facts(queryset, affiliations) -> dict[int, PersonFacts]:
    """The facts of these people; `affiliations` (any queryset of them) says which organisations they share."""
    organisations = defaultdict(set)
    for person_id, organisation_id in affiliations.values_list("person_id", "organisation_id"):
        organisations[person_id].add(organisation_id)
    return {p.pk: PersonFacts.of(p, organisations[p.pk]) for p in queryset.order_by("pk")}


def person_key_limit(value: str) -> int:
    return MAX_PEOPLE_BLOCK if value.startswith("org:") else MAX_BLOCK


def person_pair(a: PersonFacts, b: PersonFacts) -> Duplicate | None:
    """How alike two people (a the older) are, or None when it is too little to list. Names count only at
    a shared organisation, which the evidence refers to by ID (the one with the lowest)."""
    common = a.organisations & b.organisations
    organisation = min(common) if common else None
    pair = Duplicate(a.record, b.record)
    for match in compare(a.names, b.names):
        if match.kind != EMAIL and organisation is None:
            continue  # a name alone is no evidence: 王芳 is a very common name
        found = people_matching.evidence(match, a.names, b.names, organisation)
        if found is not None:
            pair.add(*found)
    return pair if pair.evidence and pair.score >= MIN_SCORE else None


def person_duplicates(user, queryset=None) -> list[Duplicate]:
    """Likely duplicate people among those `user` may view (among all, for None), best evidence first.

    Pairs are proposed by a shared e-mail, a shared Chinese name, or an organisation plus a name word
    (Latin or pinyin); each is then compared by `people_matching`, where names count only at a
    shared organisation: one of those the user may view, through an affiliation they may view."""
    queryset = queryset if queryset is not None else Person.objects.all()
    affiliations, organisations = Affiliation.objects.all(), Organisation.objects.all()
    if user is not None:
        queryset = queryset.restrict(user, "view")
        organisations = organisations.restrict(user, "view")
        affiliations = affiliations.restrict(user, "view").filter(organisation__in=organisations)
    facts = person_facts(queryset, affiliations.filter(person__in=queryset))
    pairs = find_person_pairs(facts)
    named = organisations.in_bulk({params.get("organisation") for p in pairs for _c, params in p.evidence} - {None})
    for pair in pairs:
        pair.organisations = named
    return ordered(pairs)


def find_person_pairs(facts: dict[int, PersonFacts]) -> list[Duplicate]:
    """Every pair among these people, in no particular order."""
    proposed = {(a, b) for _value, a, b in _blocks({pk: f.keys for pk, f in facts.items()}, person_key_limit)}
    pairs = (person_pair(facts[a], facts[b]) for a, b in proposed)
    return [pair for pair in pairs if pair is not None]
