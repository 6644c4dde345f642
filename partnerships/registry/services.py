"""Writes with rules for the registry: loading ROR records as they are published.

Making the centre's organisation from an entry is the organisations app's
(`organisations/from_registry.py`): this app is reference data and imports no domain app.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import RegistryEntry
from .parsing import RecordError, parse_record

ENTRY_FIELDS = [f.name for f in RegistryEntry._meta.concrete_fields if not f.primary_key and f.name != "loaded_at"]


@dataclass
class LoadResult:
    """What a load did, record by record."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # the stored copy is newer: schema v2 over v1, or a later last_modified date
    duplicates: int = 0  # the same ROR ID earlier in this load (v1 records already given in v2)


@transaction.atomic
def registry_load(records: Iterable[dict], *, batch_size: int = 1000, progress=None, total=None) -> LoadResult:
    """Insert or update a RegistryEntry per ROR record, in batches; all or nothing.

    Idempotent: a record identical to the stored entry is left alone. The first record for an ID
    wins within a load, and a stored entry is never replaced by an older copy of itself.
    Raises RecordError (nothing written) for a record that cannot be read. `progress(done, total)`
    hears after each batch (core.jobs.Progress: a job's page, a command's bar).
    """
    result, seen, batch = LoadResult(), set(), []
    for record in records:
        result.read += 1
        try:
            data = _fit_entry(parse_record(record))
        except RecordError as exc:
            raise RecordError(f"Record {result.read}: {exc}") from exc
        if data["ror_id"] in seen:
            result.duplicates += 1
            continue
        seen.add(data["ror_id"])
        batch.append(data)
        if len(batch) >= batch_size:
            _save_batch(batch, result, batch_size)
            batch = []
            if progress is not None:
                progress(result.read, total)
    _save_batch(batch, result, batch_size)
    if progress is not None:
        progress(result.read, total)
    return result


def _save_batch(batch: list[dict], result: LoadResult, batch_size: int) -> None:
    stored = RegistryEntry.objects.in_bulk([data["ror_id"] for data in batch])
    new, changed = [], []
    for data in batch:
        entry = stored.get(data["ror_id"])
        if entry is None:
            new.append(RegistryEntry(**data))
        elif _is_newer(entry, data):
            result.kept += 1
        elif all(getattr(entry, name) == data[name] for name in ENTRY_FIELDS):
            result.unchanged += 1
        else:
            for name in ENTRY_FIELDS:
                setattr(entry, name, data[name])
            changed.append(entry)
    RegistryEntry.objects.bulk_create(new, batch_size=batch_size)
    now = timezone.now()
    for entry in changed:
        entry.loaded_at = now  # bulk_update does not apply auto_now
    RegistryEntry.objects.bulk_update(changed, [*ENTRY_FIELDS, "loaded_at"], batch_size=batch_size)
    result.created += len(new)
    result.updated += len(changed)


def _is_newer(entry: RegistryEntry, data: dict) -> bool:
    """Whether the stored entry is a later copy than the incoming record."""
    if entry.schema_version == "2" and data["schema_version"] == "1":
        return True
    return _last_modified(entry.record) > _last_modified(data["record"])


def _last_modified(record: dict) -> str:
    # v2 records carry admin.last_modified.date (ISO, so strings compare); v1 records carry none.
    return str(((record.get("admin") or {}).get("last_modified") or {}).get("date") or "")


def _fit_entry(data: dict) -> dict:
    """Cut text to the column sizes: a few names in the full dump are longer than any column should be."""
    for name, value in data.items():
        field = RegistryEntry._meta.get_field(name)
        if isinstance(value, str) and field.max_length:
            data[name] = value[: field.max_length]
    return data
