"""Matching speed: every open need ranked against the offerable IP and the available experts.

The pools and the open needs are read once (with their prefetches) and the candidates' profiles
built once; then each open need is ranked against both pools with `matching.rank`, as
`services.suggest_matches` ranks them, without writing anything. The first need starts cold (the
lexicon, jieba's dictionary and the concept cache emptied first, so it also finds the concepts of
every text in the pools); the others are warm. Two more figures:

- `suggest_matches`' own loop rebuilds the candidates' profiles for every need (each profile reads
  its themes and sectors through the related managers, prefetched): timed on a few needs;
- `services.ranked_needs` for the IP asset whose page the bench opens (the page ranks every open
  need for it), as the bench user.
"""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

SUGGEST_LOOP_NEEDS = 20
RANKED_NEEDS_RUNS = 7


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def _cold() -> None:
    from partnerships.business import concepts

    for cached in (concepts.lexicon, concepts._segmenter, concepts.mentions, concepts.stem):
        cached.cache_clear()


def _rank(need, pools) -> list:
    from partnerships.business import matching, services

    query = matching.need_profile(need)
    found = []
    for profiles, by_key in pools:
        found.extend((by_key[c.key], c) for c in matching.rank(query, profiles, limit=services.SUGGESTIONS))
    return found


def _suggest_loop(need, ip_pool, expert_pool) -> list:
    """What `services.suggest_matches(need=…, ip_pool=…, expert_pool=…)` computes, without its reads
    and writes of matches."""
    from partnerships.business import matching, services

    query = matching.need_profile(need)
    found = []
    for pool, profile in ((ip_pool, matching.ip_profile), (expert_pool, matching.expertise_profile)):
        by_key = {profile(record).key: record for record in pool}
        ranked = matching.rank(query, [profile(r) for r in pool], limit=services.SUGGESTIONS)
        found.extend((by_key[c.key], c) for c in ranked)
    return found


def bench_matching(user=None) -> dict:
    """The figures for the database in use (report.matching shows them)."""
    from partnerships.business import matching, services

    _cold()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        ip_pool = list(services.offerable_ip())
        expert_pool = list(services.available_experts())
        needs = list(services.open_needs())
        loaded = time.perf_counter() - started
    started = time.perf_counter()
    pools = [
        ([matching.ip_profile(r) for r in ip_pool], {f"ip:{r.pk}": r for r in ip_pool}),
        ([matching.expertise_profile(r) for r in expert_pool], {f"expert:{r.pk}": r for r in expert_pool}),
    ]
    profiled = time.perf_counter() - started
    times = []
    started = time.perf_counter()
    for need in needs:
        began = time.perf_counter()
        _rank(need, pools)
        times.append((time.perf_counter() - began) * 1000)
    total = time.perf_counter() - started
    warm = times[1:]
    result = {
        "open_needs": len(needs),
        "ip_pool": len(ip_pool),
        "expert_pool": len(expert_pool),
        "load_seconds": loaded,
        "load_queries": len(queries),
        "profiles_ms": profiled * 1000,
        "cold_ms": times[0] if times else 0.0,
        "seconds": total,
        "needs_per_second": len(needs) / total if total else 0.0,
        "warm_needs_per_second": len(warm) / (sum(warm) / 1000) if warm and sum(warm) else 0.0,
        "warm_p50_ms": statistics.median(warm) if warm else 0.0,
        "warm_p95_ms": _percentile(warm, 0.95),
        "warm_max_ms": max(warm, default=0.0),
    }
    loop = []
    for need in needs[:SUGGEST_LOOP_NEEDS]:
        began = time.perf_counter()
        _suggest_loop(need, ip_pool, expert_pool)
        loop.append((time.perf_counter() - began) * 1000)
    if loop:
        result["suggest_loop"] = {"needs": len(loop), "p50_ms": statistics.median(loop)}
    asset = ranked_asset()
    if asset is not None and user is not None:
        times = []
        for _ in range(RANKED_NEEDS_RUNS):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                found = services.ranked_needs(ip_asset=asset, user=user)
                times.append((time.perf_counter() - began) * 1000)
        result["ranked_needs"] = {
            "asset": asset.pk,
            "p50_ms": statistics.median(times),
            "queries": len(queries),
            "found": len(found),
        }
    return result


def ranked_asset():
    """The IP asset whose page the bench opens (bench/pages.py)."""
    from bench.pages import business_records

    return business_records()["ip_asset"]
