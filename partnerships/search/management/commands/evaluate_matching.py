"""`manage.py evaluate_matching` (`make eval-matching`): precision, recall and F1 on the labelled affiliation sets."""

import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from partnerships.registry.models import RegistryEntry
from partnerships.search.datasets import DATA_DIR, DATASETS, load_dataset
from partnerships.search.evaluation import registry_name_rows, score_rows, throughput, variant_rows
from partnerships.search.index import get_index
from partnerships.search.resolver import Resolver

# Sets reported split by split as well: S2AFF's train/val/test, the Chinese-side set's classes.
SPLIT_SETS = {"s2aff_gold", "chinese_side_dev"}


class Command(BaseCommand):
    help = (
        "Score organisation resolution against the ROR registry on data/affiliations-dev with ROR's definitions "
        "(a wrong ID is a false positive; no answer where one exists a false negative; no answer where none "
        "exists a true negative), on rows whose gold organisation is loaded plus the no-match rows. Loads the "
        "shipped registry first if the registry is empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(DATA_DIR), help="folder of the labelled sets")
        parser.add_argument("--dataset", action="append", choices=sorted(DATASETS), help="only these sets")
        parser.add_argument("--errors", type=int, default=0, help="print up to N wrong answers per set")
        parser.add_argument(
            "--skip-names", action="store_true", help="leave out the registry-names and generated-variants figures"
        )

    def handle(self, *args, data_dir, dataset=None, errors=0, skip_names=False, **options):
        if not RegistryEntry.objects.exists():
            call_command("load_ror", stdout=self.stdout)
        started = time.perf_counter()
        index = get_index(registry_only=True, rebuild=True)
        resolver = Resolver(index)
        self.stdout.write(
            f"Index of {len(index.targets):,} organisations built in {time.perf_counter() - started:.1f} s."
        )
        loaded = set(RegistryEntry.objects.values_list("ror_id", flat=True))

        def predict(text):
            match = resolver.resolve(text).match
            return match.ror_id if match else None

        header = (
            f"{'data set':<34}{'rows':>6}{'TP':>6}{'FP':>5}{'FN':>5}{'TN':>5}{'P':>7}{'R':>7}{'F1':>7}"
            f"{'P all':>7}   unloaded: answered"
        )
        self.stdout.write(header)
        texts = []
        for name in dataset or DATASETS:
            rows = load_dataset(name, data_dir=Path(data_dir))
            texts += [row.text for row in rows]
            splits = sorted({row.split for row in rows if row.split}) if name in SPLIT_SETS else []
            for split in [None, *splits]:
                subset = [row for row in rows if split is None or row.split == split]
                scores, wrong = score_rows(subset, predict, loaded)
                label = name if split is None else f"  {name} {split}"
                self.stdout.write(
                    f"{label:<34}{scores.rows:>6}{scores.tp:>6}{scores.fp:>5}{scores.fn:>5}{scores.tn:>5}"
                    f"{scores.precision:>7.3f}{scores.recall:>7.3f}{scores.f1:>7.3f}{scores.precision_all:>7.3f}"
                    f"   {scores.unloaded_answered:,} of {scores.unloaded_rows:,}"
                )
                for row, predicted in wrong[:errors] if split is None else []:
                    self.stdout.write(f"    {row.text[:120]!r} gold={sorted(row.gold) or '-'} got={predicted or '-'}")

        if not skip_names:
            self._names(index, resolver)
        self.stdout.write(
            f"\nThroughput: {throughput(texts, resolver.resolve):,.0f} strings/second ({len(texts):,} affiliation strings, one process)"
        )

    def _names(self, index, resolver):
        """Top-1 (best candidate, answered or not) and answered-correctly shares on the registry's own names."""
        names, variants = registry_name_rows(index), variant_rows(index)
        for title, rows in (
            ("Registry's own Chinese labels, acronyms and aliases", names),
            ("Generated variants", variants),
        ):
            outcomes = [(row, resolver.resolve(row.text)) for row in rows]
            self.stdout.write(f"\n{title}: {_line(outcomes)}")
            for kind in sorted({row.split for row in rows}):
                self.stdout.write(f"  {kind:<16} {_line([(r, res) for r, res in outcomes if r.split == kind])}")


def _line(outcomes) -> str:
    best = sum(1 for row, res in outcomes if res.candidates and res.candidates[0].ror_id in row.gold)
    answered = sum(1 for row, res in outcomes if res.match and res.match.ror_id in row.gold)
    n = max(len(outcomes), 1)
    return f"top-1 {best / n:.4f}   answered correctly {answered / n:.4f}   of {len(outcomes):,}"
