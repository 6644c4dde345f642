"""Recall@5 and MRR of matching on the labelled set (data/matching_pairs.json), in plain Python.

Every labelled pair (need, IP asset or expert) is scored from the need's side, ranking every candidate
of that kind in the pool, and an IP pair also from the asset's side, ranking every need. A pair's rank
is filtered: the other candidates labelled relevant to the same query do not push it down. A pair that
is not returned at all has rank None (reciprocal rank 0).
"""

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .matching import Profile, rank

DATA = Path(__file__).parent / "data" / "matching_pairs.json"
CUTOFF = 5
NEED_TO_IP = "need_to_ip"
NEED_TO_EXPERT = "need_to_expert"
IP_TO_NEED = "ip_to_need"
# dev: looked at while building the lexicon; test: held out from that; unseen: written after it was frozen.
SPLITS = ("dev", "test", "unseen")


@dataclass(frozen=True)
class Outcome:
    """Where one labelled target came in the ranking for one query."""

    direction: str
    query: str
    target: str
    languages: str  # "zh→en": the query's language, then the target's
    split: str
    rank: int | None


@dataclass(frozen=True)
class Scores:
    pairs: int
    recall: float  # recall@CUTOFF
    mrr: float


def load(path: Path = DATA) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _profile(kind: str, row: dict, tags: bool) -> Profile:
    themes = frozenset({row["theme"]}) if tags and row.get("theme") else frozenset()
    sectors = frozenset({row["sector"]}) if tags and row.get("sector") else frozenset()
    text = "\n".join(p for p in (row.get("keywords", "").replace(",", "\n"), row["text"]) if p)
    return Profile(f"{kind}:{row['id']}", text, themes, sectors, row.get("trl") if tags else None)


def outcomes(data: dict, *, tags: bool = True) -> list[Outcome]:
    """The rank of every labelled pair in every direction it is scored in; tags=False uses the texts alone."""
    pools = {
        kind: {row["id"]: (_profile(kind, row, tags), row["lang"]) for row in data[name]}
        for kind, name in (("need", "needs"), ("ip", "ip"), ("expert", "experts"))
    }
    relevant = defaultdict(set)  # query id → its labelled targets
    for pair in data["pairs"]:
        relevant[pair["need"]].add(pair["candidate"])
        relevant[pair["candidate"]].add(pair["need"])
    rankings: dict[tuple[str, str], list[str]] = {}

    def ranked(kind: str, query_id: str, query_kind: str) -> list[str]:
        if (query_id, kind) not in rankings:
            query = pools[query_kind][query_id][0]
            pool = [profile for profile, _ in pools[kind].values()]
            rankings[query_id, kind] = [c.key.split(":", 1)[1] for c in rank(query, pool, limit=len(pool), minimum=0)]
        return rankings[query_id, kind]

    def position(order: list[str], target: str, others: set[str]) -> int | None:
        if target not in order:
            return None
        return 1 + sum(1 for key in order[: order.index(target)] if key not in others)

    results = []
    for pair in data["pairs"]:
        need, target, split = pair["need"], pair["candidate"], pair["split"]
        kind = "ip" if target in pools["ip"] else "expert"
        need_lang, target_lang = pools["need"][need][1], pools[kind][target][1]
        order = ranked(kind, need, "need")
        results.append(
            Outcome(
                NEED_TO_IP if kind == "ip" else NEED_TO_EXPERT,
                need,
                target,
                f"{need_lang}→{target_lang}",
                split,
                position(order, target, relevant[need]),
            )
        )
        if kind == "ip":
            order = ranked("need", target, "ip")
            results.append(
                Outcome(
                    IP_TO_NEED,
                    target,
                    need,
                    f"{target_lang}→{need_lang}",
                    split,
                    position(order, need, relevant[target]),
                )
            )
    return results


def score(results: Iterable[Outcome]) -> Scores:
    ranks = [o.rank for o in results]
    if not ranks:
        return Scores(0, 0.0, 0.0)
    hits = sum(1 for r in ranks if r is not None and r <= CUTOFF)
    return Scores(len(ranks), hits / len(ranks), sum(1 / r for r in ranks if r) / len(ranks))


def breakdown(results: list[Outcome]) -> dict[str, dict[str, Scores]]:
    """Scores overall, by direction and by language pair, for each split and for all together."""
    table = {}
    for split in [s for s in SPLITS if any(o.split == s for o in results)] + ["all"]:
        chosen = [o for o in results if split == "all" or o.split == split]
        rows = {"overall": score(chosen)}
        for direction in (NEED_TO_IP, NEED_TO_EXPERT, IP_TO_NEED):
            rows[direction] = score(o for o in chosen if o.direction == direction)
        for languages in sorted({o.languages for o in chosen}):
            rows[languages] = score(o for o in chosen if o.languages == languages)
        table[split] = rows
    return table
