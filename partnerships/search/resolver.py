"""Organisation resolution: a messy string → the best organisation with a score and reasons, or no confident match.

Candidates come from the name index (exact keys over runs of tokens, short forms and acronyms over
whole parts of the string, and a token index for fuzzy matches), never from a scan of every name.
"""

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from partnerships.core.normalise import BREAK, after_of, compact, has_chinese, postcodes, segments, simplify, tokens
from partnerships.core.pinyin import Style, pinyin, pinyin_for

from .index import _ORDERLESS, CHINESE_SUFFIXES, KIND_WEIGHT, UNLISTED, NameIndex, get_index
from .places import POSTCODE_CITIES, country_mentions

# Tuned on the training splits of data/affiliations-dev (see docs/matching.md).
THRESHOLD = 0.90
FUZZY_MIN = 85  # rapidfuzz ratio below which a name is not a fuzzy match at all
FUZZY_PENALTY = 0.04
COUNTRY_CONFLICT = 0.35
NEIGHBOUR_CONFLICT = 0.06  # CN / HK / MO: "Hong Kong, China" is common, and joint campuses cross the line
COUNTRY_AGREES = 0.02
CITY_AGREES = 0.03
INACTIVE = 0.03
AMBIGUOUS = 0.1
NEIGHBOURS = frozenset({"CN", "HK", "MO"})
NEIGHBOURS_AS = {"HK": "CN", "MO": "CN"}
MANY_COUNTRIES = 0.1  # a list of partners from several countries names no single organisation
MAX_COMPACT_WINDOW = 8
NEAR_BEST = 0.05
# "Zhejiang Univ. City Coll.": a match followed, in the same part, by another kind of organisation.
CONTINUES = frozenset({"university", "college", "hospital"})
CONTINUED = 0.1
HOSPITAL_OF = 0.05  # more when "Hospital" follows the name at once: the university's hospital, a namesake
GENERIC_INSIDE = 0.12  # "Institute of Science" inside "Weizmann Institute of Science"
# A ministry named beside its unit designates it ("Key Laboratory of X, Ministry of Education"); it is not the
# affiliation, so it does not win as the parent.
SPONSORS = frozenset({"ministry"})
UNSUPPORTED_ACRONYM = 0.08  # "(CSIC/UPO/JA)" in a Spanish address is not China Shipbuilding
# "National Sun Yat-sen University", "National Tsing Hua University": Taiwan's public universities
# carry the word before a name they share with a mainland university.
NATIONAL_PREFIX = 0.35
# "Hunan University of Arts and Science" is not Hunan University: a name ending in its kind of
# organisation and going on with "of …" in the same part is a longer name.
HEADS = frozenset({"university", "college", "institute", "academy", "school"})
NAME_GOES_ON = 0.15
# "Institute of Zoology, University of Fribourg": a name of common words only, beside a university or
# academy the string names, is that one's unit, not the registry's namesake.
GENERIC_BESIDE = 0.1
BESIDE = frozenset({"university", "academy"})
# "Jìnán Dàxué" is 暨南大学 (Guangzhou), "Jǐnán Dàxué" 济南大学 (Jinan): tone marks a writer gave must
# agree with the reading of the record's Chinese name.
TONES_DIFFER = 0.2
# The last character of a Chinese unit's name: 学院, 研究所, 实验室, 中心, 系, 医院 …
UNIT_ENDINGS = frozenset("院所室心系部处科组站馆")
_CHINESE_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


@dataclass
class Candidate:
    """An organisation the string may name, with its score and why."""

    ror_id: str
    organisation_id: int | None
    name: str
    score: float
    reasons: list[str] = field(default_factory=list)
    unlisted: bool = False  # an organisation the registry does not hold, known by a curated name
    target: int = field(default=-1, repr=False)  # its place in the index

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "target"}


@dataclass
class Resolution:
    """The answer for one string: `match` is None when no candidate is confident enough."""

    query: str
    match: Candidate | None
    score: float
    reasons: list[str]
    candidates: list[Candidate]

    def as_dict(self) -> dict:
        match = self.match
        return {
            "query": self.query,
            "match": {"ror_id": match.ror_id or None, "organisation_id": match.organisation_id, "name": match.name}
            if match
            else None,
            "score": round(self.score, 4),
            "reasons": self.reasons,
            "candidates": [
                {
                    "ror_id": c.ror_id or None,
                    "organisation_id": c.organisation_id,
                    "name": c.name,
                    "score": round(c.score, 4),
                }
                for c in self.candidates
            ],
        }


@dataclass
class _Hit:
    target: int
    kind: str
    text: str
    start: int
    end: int
    score: float
    how: str


def resolve(text: str, *, registry_only: bool = False, index: NameIndex | None = None) -> Resolution:
    """Resolve one string against the centre's organisations and the ROR registry (or the registry alone)."""
    index = index or get_index(registry_only=registry_only)
    return Resolver(index).resolve(text)


class Resolver:
    """Resolution against one index; build it once to resolve many strings."""

    def __init__(self, index: NameIndex, threshold: float = THRESHOLD):
        self.index = index
        self.threshold = threshold

    def resolve(self, text: str) -> Resolution:
        cut = segments(text)
        parts, compacts = [p for p, _ in cut], [c for _, c in cut]
        toks = [folded for part in parts for _, folded in part]
        part_of = [number for number, part in enumerate(parts) for _ in part]
        hits = self._exact_hits(parts, compacts, toks)
        softened = _CHINESE_SPACE.sub("，", text)
        if softened != text:
            # Chinese puts no space inside a name: "华农 资源环境学院" is 华农 and its school. The finer
            # parts have the same tokens, so their whole-part hits (short forms) fall in the same places.
            fine = segments(softened)
            hits += self._whole_part_hits([p for p, _ in fine], [c for _, c in fine])
        found = hits + self._fuzzy_hits(parts)
        query = _Query.of(text, toks, part_of)
        candidates = self._score(self._drop_place_tails(_drop_contained(found), toks), query)
        if not candidates:
            return Resolution(text, None, 0.0, ["no name in the string is in the index"], [])
        best = candidates[0]
        listed = [c for c in candidates if not c.unlisted]
        if best.unlisted:
            parent = self._held_inside(best, found, query)
            if parent is None:
                reasons = [f"names {best.name}, which the registry does not hold", *best.reasons]
                return Resolution(text, None, 0.0, reasons, listed[:5])
            best, listed = parent, [parent, *(c for c in listed if c.target != parent.target)]
        candidates = listed
        if best.score >= self.threshold:
            return Resolution(text, best, best.score, best.reasons, self._with_parents(best, candidates)[:5])
        reasons = [f"best candidate {best.score:.2f} is below the threshold {self.threshold:.2f}"]
        return Resolution(text, None, best.score, reasons, candidates[:5])

    # Candidate generation -------------------------------------------------------------------------

    def _exact_hits(self, parts, compacts, toks) -> list[_Hit]:
        index, hits = self.index, []
        n = len(toks)
        part_of = [number for number, part in enumerate(parts) for _ in part]
        for start in range(n):
            found = []
            for size in index.window_sizes:
                if start + size <= n:
                    found += [(name, size) for name in index.exact.get(" ".join(toks[start : start + size]), ())]
            for size in range(2, min(MAX_COMPACT_WINDOW, n - start) + 1):
                found += [(name, size) for name in index.compact_exact.get("".join(toks[start : start + size]), ())]
            for name, size in found:
                # Across a comma only when the name has one: "First Affiliated Hospital, Sun Yat-sen University".
                if part_of[start] != part_of[start + size - 1] and not BREAK.search(index.names[name].text):
                    continue
                hits.append(self._hit(name, start, start + size, 1.0, "exact"))
        return hits + self._whole_part_hits(parts, compacts)

    def _with_parents(self, best: Candidate, candidates: list[Candidate]) -> list[Candidate]:
        """The answer's parents among the candidates, next after it: a unit answered, its parent offered."""
        listed = {c.target for c in candidates}
        parents = []
        for ror_id in self.index.targets[best.target].parents:
            target = self.index.by_ror.get(ror_id)
            if target is not None and target not in listed:
                record = self.index.targets[target]
                reason = f"the parent of {best.name}"
                parents.append(
                    Candidate(
                        record.ror_id,
                        record.organisation_id,
                        record.name,
                        best.score - NEAR_BEST,
                        [reason],
                        target=target,
                    )
                )
        return [candidates[0], *parents, *candidates[1:]] if parents else candidates

    def _held_inside(self, unheld: Candidate, found: list[_Hit], query: "_Query") -> Candidate | None:
        """A hospital or research unit the registry does not hold, named with its parent inside its name
        (中山大学孙逸仙纪念医院, "Third Affiliated Hospital of X University"): the organisation named
        inside it that the registry holds, if confident on its own; else None (no answer, not a
        namesake). Independent colleges and branch campuses (华南农业大学珠江学院, 香港中文大学（深圳）)
        are institutions of their own: they get no answer."""
        if not _a_unit(unheld.name, found, unheld.target):
            return None  # an independent college or a branch campus: another institution, not a unit
        spans = [(h.start, h.end) for h in found if h.target == unheld.target]
        inner = [
            h
            for h in found
            if self.index.targets[h.target].status != UNLISTED
            and any(s <= h.start and h.end <= e and h.end - h.start < e - s for s, e in spans)
        ]
        candidates = self._score(self._drop_place_tails(_drop_contained(inner), query.toks), query) if inner else []
        if not candidates or candidates[0].score < self.threshold:
            return None
        best = candidates[0]
        best.reasons.append(f"named within {unheld.name}, which the registry does not hold")
        return best

    def _whole_part_hits(self, parts, compacts) -> list[_Hit]:
        hits, offset = [], 0
        for part, compact_part in zip(parts, compacts, strict=True):
            hits += self._part_hits(part, compact_part, offset, whole_query=len(parts) == 1)
            offset += len(part)
        return hits

    def _part_hits(self, part, compact_part: str, offset: int, *, whole_query: bool) -> list[_Hit]:
        """Acronyms, short forms and one-word names count only when they are the whole part (less places)."""
        index, hits = self.index, []
        folded = [f for _, f in part]
        end = len(folded)
        while end > 1 and (folded[end - 1] in index.cities or country_mentions(folded[end - 1 : end])):
            end -= 1
        while end > 2 and country_mentions(folded[end - 2 : end]):
            end -= 2
        seen = set()
        for stop in dict.fromkeys((len(folded), end)):
            part_key = " ".join(folded[:stop])
            originals = [raw for raw, _ in part[:stop]]
            found = [
                *index.segment_only.get(part_key, ()),
                *index.segment_only.get(_ORDERLESS + " ".join(sorted(folded[:stop])), ()),
                *index.compact_exact.get(compact(part_key), ()),
                *index.compact_parts.get(compact(part_key), ()),
            ]
            if stop == len(folded):
                found += index.compact_parts.get(compact_part, ())
                if len(folded) > 3 and folded[-1] in UNIT_ENDINGS:
                    # 港大医学院, 澳大中华医药研究院: a two-character short form, then its unit.
                    short = index.segment_only.get(" ".join(folded[:2]), ())
                    found += [n for n in short if index.names[n].kind == "local"]
            for name in found:
                record = index.names[name]
                if name in seen or (
                    record.kind == "acronym" and not _acronym_written(originals, record.text, whole_query)
                ):
                    continue
                if record.kind == "place" and not whole_query:  # "Bristol" in an address is the city
                    continue
                seen.add(name)
                hits.append(self._hit(name, offset, offset + stop, 1.0, "part"))
        return hits

    def _fuzzy_hits(self, parts) -> list[_Hit]:
        """Names sharing rare tokens with a part of the string, compared with runs of its tokens."""
        index, hits, offset = self.index, [], 0
        for part in parts:
            folded = [f for _, f in part]
            weights: dict[int, float] = {}
            for token in set(folded):
                postings = index.postings.get(token, ())
                if len(postings) > 2000:
                    continue
                weight = index.idf.get(token, 0.0)
                for name in postings:
                    weights[name] = weights.get(name, 0.0) + weight
            best = sorted(weights, key=weights.get, reverse=True)[:15]
            for name in best:
                record = index.names[name]
                size = record.key.count(" ") + 1
                top, span = 0.0, (0, 0)
                for width in (size - 1, size, size + 1):
                    for start in range(max(len(folded) - width + 1, 1 if width >= 1 else 0)):
                        window = " ".join(folded[start : start + width])
                        if not window:
                            continue
                        ratio = fuzz.ratio(window, record.key, score_cutoff=FUZZY_MIN)
                        if ratio > top:
                            top, span = ratio, (start, start + width)
                window = folded[span[0] : span[1]]
                if FUZZY_MIN <= top < 100 and self._same_distinctive_words(window, record.key.split()):
                    hits.append(
                        self._hit(
                            name, offset + span[0], offset + span[1], top / 100 - FUZZY_PENALTY, f"fuzzy {top:.0f}"
                        )
                    )
            offset += len(part)
        return hits

    def _same_distinctive_words(self, window: list[str], name: list[str]) -> bool:
        """Every rare word on either side has a near twin on the other: "Guandgong" may be "Guangdong", but
        "Liverpool University Hospitals" is not "University Hospitals Dorset"."""
        limit = self.index.distinctive_idf
        for ours, theirs in ((window, name), (name, window)):
            for word in ours:
                if word in theirs or self.index.idf.get(word, limit + 1) <= limit:
                    continue
                if not any(fuzz.ratio(word, other) >= 80 for other in theirs):
                    return False
        return True

    def _drop_place_tails(self, hits: list[_Hit], toks: list[str]) -> list[_Hit]:
        """A name that borrows the last word of a longer name before it and adds only a place is that name
        followed by its city: "Shandong Normal University Jinan" does not name the University of Jinan."""
        strong = [h for h in hits if h.score >= 0.9]
        index = self.index

        def place(token: str) -> bool:
            return token in index.places or token in index.cities or bool(country_mentions([token]))

        return [
            hit
            for hit in hits
            if not any(
                o.target != hit.target
                and o.start < hit.start < o.end < hit.end
                and all(place(t) for t in toks[o.end : hit.end])
                for o in strong
            )
        ]

    def _hit(self, name: int, start: int, end: int, factor: float, how: str) -> _Hit:
        record = self.index.names[name]
        return _Hit(record.target, record.kind, record.text, start, end, KIND_WEIGHT[record.kind] * factor, how)

    # Scoring ----------------------------------------------------------------------------------------

    def _score(self, hits: list[_Hit], query: "_Query") -> list[Candidate]:
        index = self.index
        best: dict[int, tuple[float, _Hit, list[str]]] = {}
        # Where each organisation is named last: "… (Shantou University/The University of Hong Kong),
        # Shantou University" names Shantou last, though its best hit is the first.
        last = {}
        for hit in hits:
            last[hit.target] = max(last.get(hit.target, -1), hit.start)
            delta, reasons = self._context(hit, query)
            score = hit.score + delta
            current = best.get(hit.target)
            if current is None or (score, -hit.start) > (current[0], -current[1].start):
                best[hit.target] = (score, hit, [f"{hit.how} {hit.kind} “{hit.text}”", *reasons])
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1].start))
        if ranked:
            ranked = _prefer_unit(ranked, index, self.threshold, chinese=query.sounds is not None) or (
                _prefer_broader(ranked, index, self.threshold, last)
            )
        candidates = []
        for target_id, (score, _, reasons) in ranked:
            target = index.targets[target_id]
            candidates.append(
                Candidate(
                    target.ror_id,
                    target.organisation_id,
                    target.name,
                    min(score, 1.0),
                    reasons,
                    unlisted=target.status == UNLISTED,
                    target=target_id,
                )
            )
        if len(candidates) > 1 and _tied(ranked):
            candidates[0].score -= AMBIGUOUS
            candidates[0].reasons.append(f"as good as “{candidates[1].name}”")
        return candidates

    def _context(self, hit: _Hit, query: "_Query") -> tuple[float, list[str]]:
        """What the rest of the string says for or against the hit: countries, city, what surrounds the name."""
        target, delta, reasons = self.index.targets[hit.target], 0.0, []
        toks, part_of, mentions = query.toks, query.part_of, query.mentions
        outside = {code for s, e, code in mentions if e <= hit.start or s >= hit.end}
        if len({NEIGHBOURS_AS.get(code, code) for code in outside}) > 1:
            delta -= MANY_COUNTRIES
            reasons.append("the string names several countries")
        agrees = False
        if outside and target.country:
            if target.country in outside:
                delta += COUNTRY_AGREES
                agrees = True
                reasons.append(f"country {target.country} agrees")
            else:
                delta -= (
                    NEIGHBOUR_CONFLICT if target.country in NEIGHBOURS and outside & NEIGHBOURS else COUNTRY_CONFLICT
                )
                reasons.append(f"string names {'/'.join(sorted(outside))}, record is {target.country}")
        city = target.city and _city_key(target.city)
        if city and (_mentions(toks, city, hit) or query.names_city(city, hit)):
            delta += CITY_AGREES
            agrees = True
            reasons.append(f"city {target.city} named")
        taiwanese = target.country in NEIGHBOURS and "national" not in _city_key(target.name)
        written_in_pinyin = query.toned and hit.kind in ("pinyin", "derived") and target.name_zh
        if written_in_pinyin and _tones_agree(query.toned, target.name_zh) is False:
            delta -= TONES_DIFFER
            reasons.append(f"its tone marks are not those of {target.name_zh}")
        goes_on = hit.end < len(toks) and part_of[hit.end] == part_of[hit.start] and hit.end in query.after_of
        if goes_on and toks[hit.end - 1] in HEADS:
            delta -= NAME_GOES_ON
            reasons.append("the name goes on with “of …”: a longer name")
        if self.index.names_generic.get(hit.text) and not agrees:
            elsewhere = {toks[i] for i, p in enumerate(part_of) if p != part_of[hit.start]}
            if BESIDE & elsewhere:
                delta -= GENERIC_BESIDE
                reasons.append("a name of common words beside another institution")
        if taiwanese and _after_national(hit, toks, part_of):
            delta -= NATIONAL_PREFIX
            reasons.append("“National …” names a namesake in Taiwan, which the registry does not cover")
        in_part = [i for i, p in enumerate(part_of) if p == part_of[hit.start]]
        rest_of_part = [toks[i] for i in in_part if not hit.start <= i < hit.end]
        if CONTINUES & {toks[i] for i in in_part if i >= hit.end}:
            delta -= CONTINUED
            reasons.append("the name goes on into another organisation's")
            if hit.end in in_part and toks[hit.end] == "hospital" and hit.kind != "acronym":
                delta -= HOSPITAL_OF  # "University College London Hospitals" is not the college

        if rest_of_part and self.index.names_generic.get(hit.text):
            delta -= GENERIC_INSIDE
            reasons.append("a generic name inside a longer one")
        if hit.kind == "acronym" and len(set(part_of)) > 1 and not agrees:
            delta -= UNSUPPORTED_ACRONYM
            reasons.append("an acronym with nothing else for it")
        if target.status != "active":
            delta -= INACTIVE
            reasons.append(f"record is {target.status}")
        return delta, reasons


def _prefer_unit(ranked: list, index: NameIndex, threshold: float, *, chinese: bool) -> list | None:
    """A unit with its own record named with its parent is the answer, its parent the next candidate,
    in a Chinese string (中国科学院华南植物园, 南方医科大学南方医院) and for a unit in the centre's own
    province ("Guangzhou Institute of Energy Conversion, Chinese Academy of Sciences"): the centre works
    with the institute, the hospital. Elsewhere publication strings are labelled with the parent
    (`_prefer_broader`; docs/matching.md). None when no confident unit of a confident parent is named."""
    top = ranked[0][1][0]
    if top < threshold:
        return None
    near = [item for item in ranked if item[1][0] >= max(top - NEAR_BEST, threshold)]
    named = {index.targets[t].ror_id for t, _ in near}
    home = index.home_province

    def local(target) -> bool:
        return chinese or bool(home and target.province.casefold() == home)

    units = [item for item in near if named & set(index.targets[item[0]].parents) and local(index.targets[item[0]])]
    if not units:
        return None
    # The deepest: a unit that is no other named unit's parent.
    deepest = [u for u in units if not any(index.targets[u[0]].ror_id in index.targets[o[0]].parents for o in units)]
    chosen = (deepest or units)[0]
    return [chosen, *(item for item in ranked if item is not chosen)]


def _prefer_broader(ranked: list, index: NameIndex, threshold: float = 0.0, last: dict | None = None) -> list:
    """Of the organisations a string names about equally well, answer with the broader one: a parent
    named beside its unit ("State Key Laboratory of X, Fudan University" → Fudan; the top one of a chain),
    else the one named
    last, as affiliations run from department to institution. A unit whose full name includes its
    parent's ("First Affiliated Hospital, Sun Yat-sen University") was already preferred as the longer match."""
    top = ranked[0][1][0]
    # A confident answer is not handed to a candidate too weak to be answered on its own.
    floor = max(top - NEAR_BEST, threshold) if top >= threshold else top - NEAR_BEST
    near = [item for item in ranked if item[1][0] >= floor]
    if len(near) < 2:
        return ranked

    def parent_here(item) -> bool:
        return any(index.targets[item[0]].ror_id in index.targets[t].parents for t, _ in near)

    near = [i for i in near if not (SPONSORS & set(tokens(index.targets[i[0]].name)) and parent_here(i))] or near
    if len(near) < 2:
        return [near[0], *(item for item in ranked if item is not near[0])]
    parents = [item for item in near if parent_here(item)]
    # Of a chain (laboratory → institute → academy), the top: one level for every string, however many are named.
    named = {index.targets[t].ror_id for t, _ in near}
    tops = [item for item in parents if not named & set(index.targets[item[0]].parents)]
    last = last or {}
    chosen = (tops or parents or [max(near, key=lambda item: last.get(item[0], item[1][1].start))])[0]
    return [chosen, *(item for item in ranked if item is not chosen)]


def _acronym_written(originals: list[str], acronym: str, whole_query: bool) -> bool:
    """An acronym counts when written as the registry writes it ("EdUHK") or in capitals ("SYSU", not
    "sysu"), and, unless it is the whole string, has three letters or more: "CA" after a city is California."""
    letters = "".join(originals)
    as_registered = letters == "".join(c for c in simplify(acronym) if c.isalnum())
    return (as_registered or letters.isupper()) and (whole_query or len(letters) >= 3)


def _tied(ranked) -> bool:
    """Two different organisations matched by the same name in the same place: the string cannot tell."""
    (_, (s1, h1, _)), (_, (s2, h2, _)) = ranked[0], ranked[1]
    return abs(s1 - s2) < 1e-9 and (h1.start, h1.end) == (h2.start, h2.end)


def _drop_contained(hits: list[_Hit]) -> list[_Hit]:
    """A name inside a longer matched name is part of it: "University of London" in "Queen Mary University of London"."""
    strong = [h for h in hits if h.score >= 0.9]
    kept = []
    for hit in hits:
        inside = any(
            o.target != hit.target
            and o.start <= hit.start
            and hit.end <= o.end
            and (o.end - o.start) > (hit.end - hit.start)
            for o in strong
        )
        if not inside:
            kept.append(hit)
    return kept


def _after_national(hit: _Hit, toks: list[str], part_of: list[int]) -> bool:
    """The hit follows "National" at the start of its part: "National Tsing Hua University"."""
    before = hit.start - 1
    return (
        before >= 0
        and toks[before] == "national"
        and part_of[before] == part_of[hit.start]
        and (before == 0 or part_of[before - 1] != part_of[before])
    )


@dataclass
class _Query:
    """One string's tokens and what places it: countries named (a mainland postcode counts as China
    when no country is), cities named in English, in Chinese or by a Guangdong postcode."""

    toks: list[str]
    part_of: list[int]
    mentions: list[tuple[int, int, str]]
    postcode_cities: frozenset[str]
    sounds: list[str] | None  # the pinyin of each Chinese token (None: the string has no Chinese)
    after_of: set[int]  # tokens that follow "of" or "for"
    toned: str  # the string's letters, tone marks kept, if it has any (pinyin as written: "jìnándàxué")

    @classmethod
    def of(cls, text: str, toks: list[str], part_of: list[int]) -> "_Query":
        mentions = country_mentions(toks)
        codes = postcodes(text)
        if codes and not mentions:
            mentions = [(len(toks), len(toks), "CN")]
        cities = frozenset(POSTCODE_CITIES[c[:3]] for c in codes if c[:3] in POSTCODE_CITIES)
        sounds = [pinyin_for(t).replace(" ", "") if has_chinese(t) else "" for t in toks] if has_chinese(text) else None
        letters = "".join(c for c in unicodedata.normalize("NFC", text).casefold() if c.isalpha())
        toned = letters if any(c in TONE_MARKED for c in letters) else ""
        return cls(toks, part_of, mentions, cities, sounds, after_of(text), toned)

    def names_city(self, city: tuple[str, ...], hit: _Hit) -> bool:
        """The city named outside the hit in Chinese (广州 for Guangzhou) or by its postcode."""
        wanted = "".join(city)
        if wanted in self.postcode_cities:
            return True
        if self.sounds is None:
            return False
        for start in range(len(self.toks)):
            if hit.start <= start < hit.end or not self.sounds[start]:
                continue
            joined = ""
            for i in range(start, min(start + 4, len(self.toks))):
                if hit.start <= i < hit.end or not self.sounds[i]:
                    break
                joined += self.sounds[i]
                if joined == wanted:
                    return True
        return False


# A hospital or a research unit: part of the organisation whose name it carries.
UNIT_SUFFIXES = ("医院", "研究所", "研究院", "实验室", "中心")
UNIT_WORDS = frozenset({"hospital", "institute", "laboratory", "center"})


def _a_unit(name: str, found: list, target: int) -> bool:
    texts = [name] + [h.text for h in found if h.target == target]
    return any(simplify(t).endswith(UNIT_SUFFIXES) or UNIT_WORDS & set(tokens(t)) for t in texts)


TONE_MARKED = frozenset("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def _toned_readings(name_zh: str) -> tuple[str, ...]:
    """The tone-marked pinyin of a Chinese name, and of it without 大学/学院/… (for "Jìnán University")."""
    name = simplify(name_zh)
    stems = [name] + [name[: -len(suffix)] for suffix, _ in CHINESE_SUFFIXES if name.endswith(suffix)]
    return tuple(
        unicodedata.normalize("NFC", "".join(p[0] for p in pinyin(stem, style=Style.TONE)).casefold())
        for stem in stems
        if stem
    )


def _tones_agree(toned: str, name_zh: str) -> bool | None:
    """Whether the tone marks written in the string agree with the reading of `name_zh`: False when a
    marked vowel differs, True when some agree and none differs, None when nothing can be compared."""
    plain_query = _plain(toned)
    for reading in _toned_readings(name_zh):
        reading = "".join(c for c in reading if c.isalpha())
        start = plain_query.find(_plain(reading))
        if start < 0 or not reading:
            continue
        compared = False
        for written, expected in zip(toned[start : start + len(reading)], reading, strict=False):
            if written in TONE_MARKED:
                if written != expected:
                    return False
                compared = True
        return True if compared else None
    return None


@lru_cache(maxsize=4096)
def _city_key(city: str) -> tuple[str, ...]:
    return tuple(tokens(city))


def _mentions(toks: list[str], phrase: tuple[str, ...], hit: _Hit) -> bool:
    size = len(phrase)
    for start in range(len(toks) - size + 1):
        if (start + size <= hit.start or start >= hit.end) and tuple(toks[start : start + size]) == phrase:
            return True
    return False
