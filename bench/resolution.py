"""Resolution throughput: the labelled affiliation strings resolved against the shipped registry."""

import statistics
import time


def bench_resolution(runs: int, out) -> None:
    from partnerships.registry.models import RegistryEntry
    from partnerships.search.datasets import DATASETS, load_dataset
    from partnerships.search.index import clear_index, get_index
    from partnerships.search.resolver import Resolver

    strings = [row.text for name in DATASETS for row in load_dataset(name)]
    builds, rates = [], []
    for _ in range(runs):
        clear_index()
        started = time.perf_counter()
        index = get_index(registry_only=True)
        builds.append(time.perf_counter() - started)
        resolver = Resolver(index)
        started = time.perf_counter()
        for text in strings:
            resolver.resolve(text)
        rates.append(len(strings) / (time.perf_counter() - started))
    entries = RegistryEntry.objects.count()
    out(f"## Resolution, registry only ({entries:,} entries, {len(strings):,} affiliation strings, {runs} runs)\n")
    out("| measure | median | min | max |\n|---|---:|---:|---:|")
    out(f"| strings / second | {statistics.median(rates):,.0f} | {min(rates):,.0f} | {max(rates):,.0f} |")
    out(f"| index build, s | {statistics.median(builds):.2f} | {min(builds):.2f} | {max(builds):.2f} |\n")
