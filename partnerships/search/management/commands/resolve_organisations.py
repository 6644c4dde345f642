"""`manage.py resolve_organisations`: one string a line in, one JSON object a line out."""

import json
import sys
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError

from partnerships.search.index import get_index
from partnerships.search.resolver import Resolver


class Command(BaseCommand):
    help = (
        "Resolve organisation names and affiliation strings, one a line, from standard input or --input FILE. "
        'Writes one JSON object a line: {"query", "match": {"ror_id", "organisation_id", "name"} or null, '
        '"score", "reasons", "candidates": [the best five]}.'
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--input", metavar="FILE", help="read the strings from FILE (UTF-8) instead of stdin")
        parser.add_argument(
            "--registry-only",
            action="store_true",
            help="resolve against every loaded ROR registry entry only, not the centre's organisations",
        )

    def handle(self, *args, input=None, registry_only=False, **options):
        resolver = Resolver(get_index(registry_only=registry_only))
        try:
            # Standard input is not ours to close.
            source = open(input, encoding="utf-8-sig") if input else nullcontext(options.get("stdin") or sys.stdin)  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot read {input}: {exc.strerror}.") from exc
        with source as lines:
            for line in lines:
                text = line.strip()
                if text:
                    self.stdout.write(json.dumps(resolver.resolve(text).as_dict(), ensure_ascii=False))
