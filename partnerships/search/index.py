"""The in-memory name index the resolver searches: built from registry entries and organisations, cached per process."""

import csv
import math
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.db import connection

from partnerships.core.models import Institution
from partnerships.core.normalise import compact, has_chinese, key, pinyin, simplify, tokens
from partnerships.organisations.models import Organisation
from partnerships.registry.models import RegistryEntry, RegistryName

from .places import country_mentions

# How much a match on each kind of name is worth before fuzziness and context.
KIND_WEIGHT = {
    "name": 1.0,
    "label": 1.0,
    "alias": 0.97,
    "former": 0.95,
    "pinyin": 0.95,
    "acronym": 0.93,
    "derived": 0.9,
    "short": 0.9,
    "local": 0.95,  # a short form people use, from the curated names (data/names.csv)
    "reordered": 0.95,
    "word": 0.84,
    "place": 0.6,
}
GENERIC_POSTINGS = 25  # a name all of whose words are in this many names is generic
_ORDERLESS = "~"  # marks a key of sorted words
GENERIC_WORDS = frozenset({"university", "college", "institute", "hospital"})
# Words that are no organisation on their own, whatever a short form leaves over.
PLACE_WORDS = frozenset(
    {
        "new",
        "northern",
        "southern",
        "eastern",
        "western",
        "north",
        "south",
        "east",
        "west",
        "central",
        "royal",
        "national",
        "city",
        "state",
        "people",
        "first",
        "second",
        "third",
    }
)
# Chinese suffixes and the English word pinyin-writers put in their place ("Zhongshan University").
CHINESE_SUFFIXES = (("大学", "university"), ("学院", "college"), ("医院", "hospital"), ("研究所", "institute"))


# The curated names shipped with the product: short forms, Chinese names of UK, Hong Kong and Macau
# institutions, former names and publication abbreviations, each with its source; and names a
# record carries that belong to another organisation ("not"). Rows without a ROR ID name an
# organisation the registry does not hold: it is recognised, and the resolver abstains rather than
# answer a namesake. docs/matching.md, "Names as data".
NAMES_FILE = Path(__file__).resolve().parent / "data" / "names.csv"
CURATED_KINDS = {"short": "local", "name": "alias", "former": "former", "abbrev": "alias", "not": "not"}
UNLISTED = "unlisted"  # the status of a target the registry does not hold


@dataclass(frozen=True)
class CuratedName:
    key: str
    ror_id: str
    name: str
    kind: str
    lang: str = ""
    source: str = ""


@lru_cache(maxsize=1)
def shipped_names() -> tuple[CuratedName, ...]:
    if not NAMES_FILE.exists():
        return ()
    with NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if (r.get("key") or "").strip() and not r["key"].startswith("#")]
    return tuple(
        CuratedName(
            r["key"].strip(),
            (r.get("ror_id") or "").strip(),
            r["name"].strip(),
            r["kind"].strip(),
            (r.get("lang") or "").strip(),
            (r.get("source") or "").strip(),
        )  # fmt: skip
        for r in rows
        if r["kind"].strip() in CURATED_KINDS and r["name"].strip()
    )


# Slots: an index holds a hundred thousand and more of these; without a __dict__ each they take half the memory.
@dataclass(slots=True)
class Target:
    """One organisation the resolver can answer with: a centre record, a registry entry, or both."""

    ror_id: str
    organisation_id: int | None
    name: str
    name_zh: str
    city: str
    country: str
    status: str
    parents: tuple[str, ...] = ()
    province: str = ""


@dataclass(slots=True)
class NameRecord:
    target: int
    kind: str
    text: str
    key: str


@dataclass
class NameIndex:
    """Exact keys, segment-only keys (acronyms, short forms) and a token index for fuzzy candidates."""

    targets: list[Target] = field(default_factory=list)
    names: list[NameRecord] = field(default_factory=list)
    exact: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    compact_exact: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    compact_parts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    segment_only: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    idf: dict[str, float] = field(default_factory=dict)
    distinctive_idf: float = 0.0  # words rarer than this tell organisations apart
    names_generic: dict[str, bool] = field(default_factory=dict)  # name text → made of common words only
    window_sizes: set[int] = field(default_factory=set)
    cities: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    places: set[str] = field(default_factory=set)  # words of city and province names
    signature: tuple = ()
    by_ror: dict[str, int] = field(default_factory=dict)  # ROR ID → target
    home_province: str = ""  # the centre's province (the institution profile): its units are answered

    def add_target(self, target: Target) -> int:
        self.targets.append(target)
        if target.city:
            self.cities[_place_key(target.city)].add(target.country)
        for place in (target.city, target.province):
            self.places.update(_place_key(place).split())
        return len(self.targets) - 1

    def add_name(self, target: int, kind: str, text: str) -> None:
        for name_kind, name_text, name_key, segment_only, compact_only in name_plan(kind, (text or "").strip()):
            self._add(target, name_kind, name_text, name_key, segment_only=segment_only, compact_only=compact_only)

    def _is_place(self, toks: list[str]) -> bool:
        """A short form that is only a place ("Bristol" from "University of Bristol") names no organisation."""
        return (len(toks) == 1 and (toks[0] in self.cities or toks[0] in PLACE_WORDS)) or _is_country(toks)

    def _add(self, target, kind, text, name_key, *, segment_only=False, compact_only=False) -> None:
        if not name_key:
            return
        index = len(self.names)
        self.names.append(NameRecord(target, kind, text, name_key))
        if compact_only:
            self.compact_parts[compact(name_key)].append(index)
        elif segment_only:
            self.segment_only[name_key].append(index)
        else:
            self.exact[name_key].append(index)
            self.compact_exact[compact(name_key)].append(index)
            self.window_sizes.add(len(name_key.split()))
            for token in set(name_key.split()):
                self.postings[token].append(index)

    def finish(self) -> "NameIndex":
        self.by_ror = {t.ror_id: n for n, t in enumerate(self.targets) if t.ror_id}
        # A short form that is a single word or a place is a candidate, never a confident answer alone.
        for name_key, names in self.segment_only.items():
            if len(name_key.split()) == 1 or self._is_place(name_key.split()):
                for n in names:
                    if self.names[n].kind == "short":
                        self.names[n].kind = "place" if self._is_place(name_key.split()) else "word"
        total = max(len(self.names), 1)
        self.idf = {t: math.log(total / len(ids)) for t, ids in self.postings.items()}
        self.distinctive_idf = math.log(total / 40)
        for record in self.names:
            words = record.key.split()
            if record.kind in ("name", "alias", "label", "former") and not has_chinese(record.text):
                common = all(len(self.postings.get(w, ())) >= GENERIC_POSTINGS and w not in self.places for w in words)
                self.names_generic[record.text] = common
        for mapping in (
            self.exact,
            self.compact_exact,
            self.compact_parts,
            self.segment_only,
            self.postings,
            self.cities,
        ):
            mapping.default_factory = None
        return self


@lru_cache(maxsize=20_000)
def _place_key(place: str) -> str:
    return key(place)


def _is_country(toks: list[str]) -> bool:
    return _is_country_key(tuple(toks))


@lru_cache(maxsize=50_000)
def _is_country_key(toks: tuple[str, ...]) -> bool:
    mentions = country_mentions(list(toks))
    return bool(toks) and sum(end - start for start, end, _ in mentions) == len(toks)


@lru_cache(maxsize=200_000)
def name_plan(kind: str, text: str) -> tuple[tuple[str, str, str, bool, bool], ...]:
    """The index keys one name gives: (kind, text, key, segment_only, compact_only) each.

    A pure function of the name, remembered across builds: normalising and writing pinyin is most of an
    index build, so rebuilding after an organisation is edited only analyses the names that changed."""
    if not text:
        return ()
    if kind == "acronym":
        return ((kind, text, key(text), True, False),)
    if kind == "local":
        # A short form people say: as it is, no pinyin or suffix variants. Two Chinese characters (华农,
        # 中大) only as a whole part of the string: inside longer text they are often part of other words.
        local_key = key(text)
        whole_part = len(local_key.split()) <= 2 or not has_chinese(text)
        return ((kind, text, local_key, whole_part, False),)
    name_key = key(text)
    toks = name_key.split()
    if not toks:
        return ()
    # One-word names ("Unilever", "Birmingham") are matched only as a whole part of the string.
    plan = [(kind, text, name_key, len(toks) == 1 and not has_chinese(text), False)]
    if has_chinese(text):
        simplified = simplify(text)
        plan.append(("pinyin", text, pinyin(simplified), False, True))
        for suffix, english in CHINESE_SUFFIXES:
            if simplified.endswith(suffix) and len(simplified) > len(suffix) + 1:
                stem = simplified[: -len(suffix)]
                if len(stem) > 2:  # 北京, 中山: a two-character stem is usually a place
                    plan.append(("short", text, key(stem), True, False))
                plan.append(("derived", text, f"{pinyin(stem)} {english}", False, True))
        return tuple(plan)
    if len(toks) > 1:  # "Southampton University" for "University of Southampton"
        plan.append(("reordered", text, _ORDERLESS + " ".join(sorted(toks)), True, False))
    # "Sun Yat-sen" for Sun Yat-sen University; "Zhongnan Hospital of Wuhan" for … of Wuhan University.
    for generic in (frozenset({"university"}), GENERIC_WORDS):
        rest = [t for t in toks if t not in generic]
        if 0 < len(rest) < len(toks):
            plan.append(("short", text, " ".join(rest), True, False))
    # "Fera Science (United Kingdom)": ROR adds the country to tell namesakes apart.
    bare = re.sub(r"\s*\(([^)]*)\)\s*$", "", text)
    qualifier = tokens(text[len(bare) :])
    if bare != text and key(bare) and _is_country(qualifier):
        plan.append((kind, bare, key(bare), len(key(bare).split()) == 1, False))
    return tuple(plan)


def registry_target(entry: RegistryEntry, organisation: Organisation | None = None) -> Target:
    return Target(
        ror_id=entry.ror_id,
        organisation_id=organisation.pk if organisation else None,
        name=organisation.name_en if organisation else entry.name,
        name_zh=(organisation.name_zh if organisation else "") or entry.name_zh,
        city=(organisation.city if organisation else "") or entry.city,
        country=(organisation.country if organisation else "") or entry.country,
        status=entry.status,
        parents=tuple(entry.related_ids("parent")),
        province=(organisation.province if organisation else "") or entry.province,
    )


def add_entry_names(index: NameIndex, target: int, entry: RegistryEntry, not_names: frozenset[str] = frozenset()):
    """The entry's names, less those the curated names say belong to another organisation."""
    names = [("name", entry.name), ("label", entry.name_zh)]
    names += [("label", label.get("value", "")) for label in entry.labels]
    names += [("alias", alias) for alias in entry.aliases] + [("acronym", a) for a in entry.acronyms]
    for kind, text in names:
        if not (not_names and key(text or "") in not_names):
            index.add_name(target, kind, text)


def add_organisation_names(index: NameIndex, target: int, organisation: Organisation) -> None:
    index.add_name(target, "name", organisation.name_en)
    index.add_name(target, "label", organisation.name_zh)
    if organisation.pinyin:
        index._add(target, "pinyin", organisation.pinyin, organisation.pinyin.casefold(), compact_only=True)
    for kind, values in (
        ("acronym", organisation.acronyms),
        ("former", organisation.former_names),
        ("alias", organisation.aliases),
    ):
        for value in values or []:
            index.add_name(target, kind, value)


def build_index(
    entries: Iterable[RegistryEntry],
    organisations: Iterable[Organisation] = (),
    signature: tuple = (),
    names: Iterable[CuratedName] | None = None,
) -> NameIndex:
    """An index over the entries (withdrawn ones left out) and organisations; an organisation takes
    over the entry with its ROR ID, so both sets of names lead to the organisation. `names`: the
    curated names (the shipped file unless given): added to their entries, or, without a ROR ID, as
    organisations the registry does not hold."""
    index = NameIndex(signature=signature)
    curated: dict[str, list[CuratedName]] = defaultdict(list)
    unlisted: dict[str, list[CuratedName]] = defaultdict(list)
    for name in shipped_names() if names is None else names:
        (curated[name.ror_id] if name.ror_id else unlisted[name.key]).append(name)
    not_names = {ror_id: frozenset(key(n.name) for n in rows if n.kind == "not") for ror_id, rows in curated.items()}
    by_ror = {o.ror_id: o for o in organisations if o.ror_id}
    for organisation in organisations:
        if organisation.ror_id:
            continue
        target = index.add_target(
            Target("", organisation.pk, organisation.name_en, organisation.name_zh, organisation.city,
                   organisation.country, "active")
        )  # fmt: skip
        add_organisation_names(index, target, organisation)
    for entry in entries:
        organisation = by_ror.pop(entry.ror_id, None)
        if entry.status == "withdrawn" and organisation is None:
            continue
        target = index.add_target(registry_target(entry, organisation))
        add_entry_names(index, target, entry, not_names.get(entry.ror_id, frozenset()))
        for name in curated.get(entry.ror_id, ()):
            if name.kind != "not":
                index.add_name(target, CURATED_KINDS[name.kind], name.name)
        if organisation is not None:
            add_organisation_names(index, target, organisation)
    for rows in unlisted.values():
        first = rows[0]
        target = index.add_target(Target("", None, first.name, "", "", "", UNLISTED))
        for name in rows:
            if name.kind != "not":
                index.add_name(target, CURATED_KINDS[name.kind], name.name)
    for organisation in by_ror.values():  # a ROR ID the loaded registry does not hold
        target = index.add_target(
            Target(organisation.ror_id, organisation.pk, organisation.name_en, organisation.name_zh,
                   organisation.city, organisation.country, "active")
        )  # fmt: skip
        add_organisation_names(index, target, organisation)
    return index.finish()


_cache: dict[bool, NameIndex] = {}
_entries: dict[tuple, list[RegistryEntry]] = {}
_lock = threading.Lock()


def _count_and_latest(*tables) -> tuple:
    """(rows, latest value of the field) of each (model, field), in one query, read from the ends of
    indexes, not the tables: each aggregate in a subquery of its own, so the database counts the
    smallest index and takes the maximum from the field's index (together in one SELECT they scan)."""
    selects = []
    for model, field_name in tables:
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(model._meta.get_field(field_name).column)
        selects += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX({column}) FROM {table})"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(selects)}")
        return tuple(cursor.fetchone())


def _signature(registry_only: bool) -> tuple:
    """What the index depends on: the registry's entries and added names, and (unless registry only)
    the centre's organisations; the first pair is the registry's own (its entries are read once per load)."""
    tables = [(RegistryEntry, "loaded_at"), (RegistryName, "updated_at")]
    if not registry_only:
        tables.append((Organisation, "updated_at"))
    values = _count_and_latest(*tables)
    return (values[:2], *values[2:])


def curated_names() -> tuple[CuratedName, ...]:
    """The shipped names and those admins added in the app (which come last, so theirs count too)."""
    added = RegistryName.objects.order_by("pk").values_list("ror_id", "name", "kind", "language", "source")
    return shipped_names() + tuple(
        CuratedName(f"admin:{ror_id}", ror_id, name, kind, language, source)
        for ror_id, name, kind, language, source in added
    )


def get_index(*, registry_only: bool = False, rebuild: bool = False) -> NameIndex:
    """The process's index, rebuilt when records were added, removed or (organisations) edited."""
    signature = _signature(registry_only)
    index = _cache.get(registry_only)
    if index is not None and index.signature == signature and not rebuild:
        return index
    with _lock:
        organisations = [] if registry_only else list(Organisation.objects.order_by("pk"))
        index = build_index(_registry_entries(signature[0], rebuild), organisations, signature, curated_names())
        home = Institution.current()
        index.home_province = home.host_province.casefold() if home else ""
        _cache[registry_only] = index
    return index


def _registry_entries(registry: tuple, reload: bool) -> list[RegistryEntry]:
    """The registry entries, read once while their count and last load stay the same: an organisation
    edit rebuilds the index without reading 4,500 entries again."""
    cached = _entries.get(registry)
    if cached is None or reload:
        fields = ["ror_id", "name", "name_zh", "aliases", "acronyms", "labels", "status", "city", "province", "country"]
        cached = list(RegistryEntry.objects.only(*fields, "relationships").order_by("ror_id"))
        _entries.clear()
        _entries[registry] = cached
    return cached


def clear_index() -> None:
    """Forget the cached indexes, e.g. after `load_ror` updated entries in place."""
    _cache.clear()
    _entries.clear()
