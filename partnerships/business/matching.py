"""Cross-lingual matching of companies' needs with IP assets and researchers' expertise.

Each text is mapped to the concepts of a bilingual lexicon (concepts.py), so a need written in Chinese
meets an invention described in English through the concepts both name. Two profiles score by the
cosine of their concept sets, each concept weighted by how rare it is in the pool being ranked (IDF),
plus small bonuses for a shared theme, a shared sector and a readiness level that fits. The reasons
are the shared concepts in both languages. Nothing is downloaded; the same input gives the same
ranking in any order and any process. See docs/matching-needs.md.
"""

import math
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .concepts import Concept, lexicon, mentions

__all__ = [
    "Candidate",
    "Concept",
    "Profile",
    "concepts_in",
    "expertise_profile",
    "ip_profile",
    "need_profile",
    "rank",
]

# The score's parts add up to 1: what the texts share carries it; the tags only reorder close calls.
CONCEPT_SHARE = 0.82
THEME_SHARE = 0.08
SECTOR_SHARE = 0.06
TRL_SHARE = 0.04
# Concepts from the lexicon's "general" group (AI, sensor, optimisation …) say less about the problem.
GENERAL_WEIGHT = 0.5
# How many shared concepts a candidate's reasons list.
REASONS = 8

TRL_FITS = "fits"
TRL_BELOW = "below"


@dataclass(frozen=True)
class Profile:
    """What matching knows of a need, an IP asset or an expert."""

    key: str  # "ip:12", "expert:3", "need:7"
    text: str  # everything written about it, in any language
    themes: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    trl: int | None = None  # an IP asset's TRL; for a need the lowest TRL it could take on


@dataclass(frozen=True)
class Candidate:
    """A ranked candidate with the reasons it was proposed."""

    key: str
    score: float
    concepts: tuple[Concept, ...]
    themes: tuple[str, ...]
    sectors: tuple[str, ...]
    trl: str | None

    def reasons(self) -> dict:
        return {
            "concepts": [{"en": c.en, "zh": c.zh} for c in self.concepts],
            "themes": list(self.themes),
            "sectors": list(self.sectors),
            "trl": self.trl,
        }


def _natural(key: str) -> tuple:
    """ "ip:9" before "ip:10": ties go to the older record, whatever the ids' number of digits (so a
    register loaded again with every id shifted ranks its ties the same way)."""
    kind, _, number = key.rpartition(":")
    return (kind, int(number)) if number.isdigit() else (key, -1)


def concepts_in(text: str) -> frozenset[str]:
    """The ids of the concepts a text names, with their broader concepts."""
    return frozenset(mentions(text))


def rank(
    query: Profile,
    candidates: Iterable[Profile],
    *,
    limit: int = 10,
    exclude: Collection[str] = (),
    minimum: float = 0.05,
) -> list[Candidate]:
    """The candidates that share a concept with the query, best first (ties by key)."""
    wanted = mentions(query.text)
    if not wanted or limit <= 0:
        return []
    excluded = set(exclude)
    pool = {c.key: c for c in candidates if c.key not in excluded and c.key != query.key}
    found = {key: mentions(profile.text) for key, profile in pool.items()}
    idf = _idf(found.values(), len(found))
    query_vector = _vector(wanted, idf)
    query_norm = _norm(query_vector)
    ranked = []
    for key in sorted(pool):
        shared = sorted(wanted.keys() & found[key].keys())
        if not shared:
            continue
        vector = _vector(found[key], idf)
        overlap = {cid: query_vector[cid] * vector[cid] for cid in shared}
        cosine = math.fsum(overlap[cid] for cid in shared) / (query_norm * _norm(vector))
        candidate = _candidate(query, pool[key], min(cosine, 1.0), overlap)
        if candidate.score >= minimum:
            ranked.append(candidate)
    ranked.sort(key=lambda c: (-c.score, _natural(c.key)))
    return ranked[:limit]


def _idf(concept_sets: Iterable[dict[str, float]], size: int) -> dict[str, float]:
    # Smoothed and never below 1, so that a pool of one or two candidates still ranks by overlap.
    counts = Counter()
    for found in concept_sets:
        counts.update(found.keys())
    return {cid: math.log((size + 1) / (n + 1)) + 1 for cid, n in counts.items()} | {"": math.log(size + 1) + 1}


def _vector(found: dict[str, float], idf: dict[str, float]) -> dict[str, float]:
    groups, unseen = lexicon().groups, idf[""]
    return {
        cid: weight * idf.get(cid, unseen) * (GENERAL_WEIGHT if groups[cid] == "general" else 1.0)
        for cid, weight in found.items()
    }


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(math.fsum(vector[cid] ** 2 for cid in sorted(vector))) or 1.0


def _candidate(query: Profile, other: Profile, cosine: float, overlap: dict[str, float]) -> Candidate:
    themes = tuple(sorted(query.themes & other.themes))
    sectors = tuple(sorted(query.sectors & other.sectors))
    trl = _trl_fit(query, other)
    trl_part = {TRL_FITS: 1.0, TRL_BELOW: 0.0, None: 0.5}[trl]
    score = CONCEPT_SHARE * cosine + THEME_SHARE * bool(themes) + SECTOR_SHARE * bool(sectors) + TRL_SHARE * trl_part
    return Candidate(
        key=other.key,
        score=round(min(max(score, 0.0), 1.0), 3),
        concepts=_reasons(overlap),
        themes=themes,
        sectors=sectors,
        trl=trl,
    )


def _trl_fit(query: Profile, other: Profile) -> str | None:
    # The need is whichever side is keyed "need:"; ranking from a need, the query is the need.
    need, offer = (other, query) if other.key.startswith("need:") else (query, other)
    if need.trl is None or offer.trl is None:
        return None
    return TRL_FITS if offer.trl >= need.trl else TRL_BELOW


def _reasons(overlap: dict[str, float]) -> tuple[Concept, ...]:
    """The shared concepts that explain the match, most informative first, without their own ancestors."""
    lex = lexicon()
    implied = {parent for cid in overlap for parent, _ in lex.ancestors[cid]}
    shown = sorted((cid for cid in overlap if cid not in implied), key=lambda cid: (-overlap[cid], cid))
    return tuple(lex.concepts[cid] for cid in shown[:REASONS])


def _codes(manager) -> frozenset[str]:
    return frozenset(term.code for term in manager.all())


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def need_profile(need) -> Profile:
    """A need's profile: its titles, problem and requirements in both languages (prefetch themes)."""
    return Profile(
        key=f"need:{need.pk}",
        text=_join(
            need.title_en, need.title_zh, need.problem_en, need.problem_zh, need.requirements_en, need.requirements_zh
        ),
        themes=_codes(need.themes),
        sectors=frozenset({need.sector.code}) if need.sector_id else frozenset(),
        trl=need.trl_min,
    )


def ip_profile(ip) -> Profile:
    """An IP asset's profile: titles and summaries in both languages (prefetch sectors and themes)."""
    return Profile(
        key=f"ip:{ip.pk}",
        text=_join(ip.title_en, ip.title_zh, ip.summary_en, ip.summary_zh),
        themes=_codes(ip.themes),
        sectors=_codes(ip.sectors),
        trl=ip.trl,
    )


def expertise_profile(expertise) -> Profile:
    """A researcher's profile: keywords and statements (prefetch sectors and themes)."""
    # Keywords are separated by commas in either script; a line each keeps phrases from running on.
    keywords = expertise.keywords.replace("，", ",").replace("、", ",").replace(",", "\n")
    return Profile(
        key=f"expert:{expertise.pk}",
        text=_join(keywords, expertise.statement_en, expertise.statement_zh),
        themes=_codes(expertise.themes),
        sectors=_codes(expertise.sectors),
    )
