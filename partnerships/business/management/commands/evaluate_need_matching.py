"""`manage.py evaluate_need_matching`: recall@5 and MRR of need matching on the labelled set."""

from django.core.management.base import BaseCommand

from partnerships.business.evaluation import CUTOFF, DATA, breakdown, load, outcomes


class Command(BaseCommand):
    help = (
        f"Rank every candidate in the labelled pool (data/matching_pairs.json) for each labelled pair and print "
        f"recall@{CUTOFF} and MRR overall, by direction and by language pair, on the dev and test splits. "
        "Needs no database."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--data", default=str(DATA), help="the labelled set")
        parser.add_argument(
            "--text-only", action="store_true", help="leave out themes, sectors and TRL: score the texts alone"
        )
        parser.add_argument("--misses", action="store_true", help="list dev pairs ranked below the cut-off")

    def handle(self, *args, **options):
        results = outcomes(load(options["data"]), tags=not options["text_only"])
        table = breakdown(results)
        self.stdout.write(f"{'':16}" + "".join(f"{split:>26}" for split in table))
        self.stdout.write(f"{'':16}" + f"{'pairs  recall@' + str(CUTOFF) + '    MRR':>26}" * len(table))
        for row in table["all"]:
            cells = []
            for split in table:
                scores = table[split].get(row)
                cells.append(f"{scores.pairs:>11}  {scores.recall:>8.3f}  {scores.mrr:.3f}" if scores else " " * 26)
            self.stdout.write(f"{row:16}" + "".join(cells))
        if options["misses"]:
            for o in results:
                if o.split == "dev" and (o.rank is None or o.rank > CUTOFF):
                    self.stdout.write(f"  {o.direction:15} {o.query} → {o.target}  rank {o.rank}")
