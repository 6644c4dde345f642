"""The registry's background job: loading ROR records, with progress (core/jobs.py)."""

from itertools import chain
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from partnerships.core.jobs import register_job

from .models import RegistryEntry
from .parsing import SHIPPED_FILES, iter_records
from .services import registry_load


def count_records(paths: list[Path]) -> int | None:
    """How many records the files hold, when that is cheap to know (a .jsonl: one per line)."""
    if not all(p.suffix.lower() == ".jsonl" and p.is_file() for p in paths):
        return None  # a missing file is reported by the load itself, as a RecordError
    total = 0
    for path in paths:
        with path.open("rb") as handle:
            total += sum(1 for line in handle if line.strip())
    return total


def load(progress, *, path: str | None = None, batch_size: int = 1000) -> dict:
    """Load a ROR file (or the shipped ones) into the registry: one transaction, so a stopped worker
    leaves the registry as it was and the retry loads it whole."""
    paths = [Path(path)] if path else list(SHIPPED_FILES)
    records = chain.from_iterable(iter_records(p) for p in paths)
    result = registry_load(records, batch_size=max(int(batch_size), 1), progress=progress, total=count_records(paths))
    return {
        "files": ", ".join(p.name for p in paths),
        "read": result.read,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "kept": result.kept,
        "duplicates": result.duplicates,
        "entries": RegistryEntry.objects.count(),
    }


def register() -> None:
    register_job("registry.load", load, label=_("Load the registry's shipped ROR records"), startable=True)
