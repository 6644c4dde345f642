"""Likely duplicate organisations and people, each pair with its evidence and a score.

Candidate pairs come from blocks of records that share a normalised key (ROR ID, USCC, a folded
name, an e-mail address, a Chinese name, a place plus a name token, an organisation), never from
comparing every record with every other: the cost is O(n · names) to build the keys plus the sum
of the squared block sizes, and blocks larger than `MAX_BLOCK` are skipped as too generic
("university" in Guangzhou says nothing). Rapidfuzz scores only the pairs the blocks propose.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Model
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from partnerships.search.normalise import compact, key, simplify, tokens

from .models import Affiliation, Organisation, Person
from .people_matching import EMAIL, PersonKeys, compare, describe

MAX_BLOCK = 50  # a key shared by more records than this is too common to be evidence
MAX_PEOPLE_BLOCK = 300  # people at one organisation sharing one name word ("wang" at a big university)
MIN_SCORE = 0.5  # pairs below this are not listed
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


def combined(weights) -> float:
    """How sure several independent pieces of evidence make us: each one removes its share of the doubt."""
    remaining = 1.0
    for weight in weights:
        remaining *= 1 - weight
    return round(1 - remaining, 3)


@dataclass
class Duplicate:
    """Two records that are probably the same, with why (in the reader's language) and how sure."""

    first: Model
    second: Model
    reasons: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list, repr=False)

    @property
    def score(self) -> float:
        return combined(self.weights)

    def add(self, reason: str, weight: float) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
            self.weights.append(weight)


class _Pairs:
    """Evidence gathered per unordered pair of records."""

    def __init__(self, records: dict[int, Model]):
        self.records = records
        self.found: dict[tuple[int, int], Duplicate] = {}

    def add(self, a: int, b: int, reason: str, weight: float) -> None:
        if a == b:
            return
        a, b = min(a, b), max(a, b)
        pair = self.found.get((a, b))
        if pair is None:
            pair = self.found[(a, b)] = Duplicate(self.records[a], self.records[b])
        pair.add(reason, weight)

    def result(self, skip=lambda a, b: False) -> list[Duplicate]:
        pairs = [p for p in self.found.values() if p.score >= MIN_SCORE and not skip(p.first, p.second)]
        return sorted(pairs, key=lambda p: (-p.score, str(p.first), p.first.pk, p.second.pk))


def _blocks(keyed: dict, limit: int = MAX_BLOCK):
    """Each pair of records sharing a key, once per key, skipping keys too common to mean anything."""
    for value, ids in keyed.items():
        if 1 < len(ids) <= limit:
            for a, b in combinations(sorted(ids), 2):
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


def _same_id(a: Organisation, b: Organisation) -> bool:
    return bool(
        (a.ror_id and b.ror_id and _ror(a.ror_id) == _ror(b.ror_id))
        or (a.uscc and b.uscc and a.uscc.strip().upper() == b.uscc.strip().upper())
    )


def _distinct(a: Organisation, b: Organisation) -> bool:
    """Records that cannot be the same whatever their names: different registry or company IDs,
    or sub-units of different parents ("Department of Chemistry" at two universities)."""
    return (
        (a.ror_id and b.ror_id and _ror(a.ror_id) != _ror(b.ror_id))
        or (a.uscc and b.uscc and a.uscc.strip().upper() != b.uscc.strip().upper())
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


def organisation_duplicates(user, queryset=None) -> list[Duplicate]:
    """Likely duplicate organisations among those `user` may view, best evidence first."""
    queryset = queryset if queryset is not None else Organisation.objects.all()
    orgs = {o.pk: o for o in queryset.restrict(user, "view").order_by("pk")}
    pairs = _Pairs(orgs)
    by_ror, by_uscc = defaultdict(set), defaultdict(set)
    by_name: dict[str, set[int]] = defaultdict(set)
    name_fields: dict[tuple[int, str], set[str]] = defaultdict(set)
    spellings: dict[tuple[int, str], set[str]] = defaultdict(set)
    by_place_token: dict[tuple, set[int]] = defaultdict(set)
    english: dict[int, list[str]] = {}

    for org in orgs.values():
        # The database keeps each spelling unique; these are the same ID written two ways.
        if org.ror_id:
            by_ror[_ror(org.ror_id)].add(org.pk)
        if org.uscc:
            by_uscc[org.uscc.strip().upper()].add(org.pk)
        for field_name, name in _names(org):
            name_key = key(name)
            if not name_key:
                continue
            by_name[name_key].add(org.pk)
            name_fields[(org.pk, name_key)].add(field_name)
            spellings[(org.pk, name_key)].add(name.strip())
        place = _place(org)
        english[org.pk] = tokens(org.name_en)
        if place:
            for token in set(english[org.pk]):
                by_place_token[(*place, token)].add(org.pk)

    for value, a, b in _blocks(by_ror):
        pairs.add(a, b, _("Same ROR ID (%(id)s)") % {"id": value}, SAME_IDENTIFIER)
    for value, a, b in _blocks(by_uscc):
        pairs.add(a, b, _("Same unified social credit code (%(code)s)") % {"code": value}, SAME_IDENTIFIER)
    for value, a, b in _blocks(by_name):
        _name_evidence(pairs, orgs[a], orgs[b], value, name_fields, spellings)

    seen = set()
    for (_country, _city, _token), a, b in _blocks(by_place_token):
        if (a, b) in seen:
            continue
        seen.add((a, b))
        first, second = english[a], english[b]
        if first == second or not first or not second:
            continue  # equal names are already evidence of their own
        similarity = fuzz.token_sort_ratio(" ".join(first), " ".join(second))
        if similarity >= FUZZY_MIN and _typo_variants(first, second):
            pairs.add(
                a,
                b,
                _("Similar English names (%(similarity)d%%) in the same place") % {"similarity": similarity},
                SIMILAR_NAME * similarity / 100,
            )

    for (a, b), pair in pairs.found.items():
        place = _place(orgs[a])
        if place and place == _place(orgs[b]) and orgs[a].city:
            pair.add(_("Both in %(city)s") % {"city": orgs[a].city}, SAME_PLACE)

    # Conflicting identifiers outweigh any name evidence; equal identifiers are never overruled.
    return pairs.result(skip=lambda a, b: _distinct(a, b) and not _same_id(a, b))


def _name_evidence(pairs, a: Organisation, b: Organisation, name_key, name_fields, spellings) -> None:
    fields_a, fields_b = name_fields[(a.pk, name_key)], name_fields[(b.pk, name_key)]
    spelled = sorted(spellings[(a.pk, name_key)] | spellings[(b.pk, name_key)])
    shown = " / ".join(spelled)
    if fields_a == {"acronyms"} or fields_b == {"acronyms"}:
        # An acronym is weak evidence: "SCU" is Sichuan, Soochow and Shandong Cheeloo alike.
        pairs.add(a.pk, b.pk, _("Same acronym: %(name)s") % {"name": shown}, SAME_ACRONYM)
        return
    if len(spelled) > 1 and any(simplify(s) != s for s in spelled) and len({simplify(s) for s in spelled}) == 1:
        pairs.add(
            a.pk,
            b.pk,
            _("Same Chinese name in simplified and traditional characters: %(name)s") % {"name": shown},
            SAME_NAME,
        )
    elif set(NAME_FIELDS) & fields_a and set(NAME_FIELDS) & fields_b:
        pairs.add(a.pk, b.pk, _("Same name: %(name)s") % {"name": shown}, SAME_NAME)
    else:
        pairs.add(
            a.pk, b.pk, _("One's name is the other's former or other name: %(name)s") % {"name": shown}, SAME_OTHER_NAME
        )


# ---------------------------------------------------------------- people


def person_duplicates(user, queryset=None) -> list[Duplicate]:
    """Likely duplicate people among those `user` may view, best evidence first.

    Pairs are proposed by a shared e-mail, a shared Chinese name, or an organisation plus a name word
    (Latin or pinyin); each is then compared by `people_matching`, where names count only at a
    shared organisation."""
    queryset = queryset if queryset is not None else Person.objects.all()
    people = {p.pk: p for p in queryset.restrict(user, "view").order_by("pk")}
    keys = {pk: PersonKeys.of(p) for pk, p in people.items()}
    pairs = _Pairs(people)
    by_email, by_chinese = defaultdict(set), defaultdict(set)
    for pk, person_keys in keys.items():
        if person_keys.email:
            by_email[person_keys.email].add(pk)
        if person_keys.chinese:
            by_chinese[person_keys.chinese].add(pk)

    # Shared organisations, from affiliations the user may view to organisations the user may view.
    orgs_of: dict[int, set[int]] = defaultdict(set)
    members: dict[int, set[int]] = defaultdict(set)  # organisation → its people
    org_names: dict[int, str] = {}
    affiliations = (
        Affiliation.objects.restrict(user, "view")
        .filter(person__in=people.keys(), organisation__in=Organisation.objects.restrict(user, "view"))
        .select_related("organisation")
    )
    for affiliation in affiliations:
        orgs_of[affiliation.person_id].add(affiliation.organisation_id)
        members[affiliation.organisation_id].add(affiliation.person_id)
        org_names[affiliation.organisation_id] = str(affiliation.organisation)

    # Names are compared only between people at one organisation who share a name word.
    by_org_word: dict[tuple[int, str], set[int]] = defaultdict(set)
    for organisation_id, ids in members.items():
        for pk in ids:
            for word in keys[pk].words:
                by_org_word[(organisation_id, word)].add(pk)

    proposed = {(a, b) for blocks in (by_email, by_chinese) for _value, a, b in _blocks(blocks)}
    proposed |= {(a, b) for _key, a, b in _blocks(by_org_word, MAX_PEOPLE_BLOCK)}
    for a, b in proposed:
        common = orgs_of[a] & orgs_of[b]
        organisation = org_names[min(common)] if common else None
        for match in compare(keys[a], keys[b]):
            if match.kind != EMAIL and organisation is None:
                continue  # a name alone is no evidence: 王芳 is a very common name
            evidence = describe(match, keys[a], keys[b], organisation)
            if evidence is not None:
                pairs.add(a, b, *evidence)
    return pairs.result()
