"""Keeping the likely duplicates current: every write, from any interface, recomputes the pairs of what it touched.

Each record's blocking keys are stored (`DuplicateKey`, indexed by kind and key), and so are the
pairs (`DuplicatePair`, the evidence as codes and parameters). When an organisation, a person or an
affiliation is saved or deleted, the record's keys are written again and its pairs recomputed by
reading only the records that share one of its keys; a key shared by more records than its limit
stays skipped, judged on every record. A key that takes its block over the limit, or back under it,
changes the evidence of every pair in that block, so the block's members are recomputed as well.
The work for one write is bounded by the block limits, however large the register.

Signals are used for the same reason as the search index's: pages, API, commands, imports and
merges all end in `save()` or `delete()`, so capture cannot depend on the interface. The keys and
pairs are written in the same transaction as the record: a rolled-back edit or merge leaves the
pairs as they were, the page shows an edit as soon as it is saved, and a merge never commits with a
pair that points at the deleted record. Writes that bypass signals (`QuerySet.update()`,
`bulk_create()`, fixtures) must call `refresh()` themselves, or be followed by
`manage.py rebuild_duplicates`, which recomputes everything with the whole-register algorithm.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.utils import translation

from . import duplicates
from .choices import DuplicateKind
from .models import Affiliation, DuplicateKey, DuplicatePair, Organisation, Person

BATCH = 2000
SIZES_AT_ONCE = 100  # keys counted by one query (SQLite joins at most 500 SELECTs with UNION)


@dataclass(frozen=True)
class Kind:
    """How one model's records are keyed and compared."""

    name: str
    model: type
    limit: Callable[[str], int]  # the most records a key may be shared by and still count
    facts: Callable  # ids (None: all) → {id: facts}
    pair: Callable  # (facts, facts, shared keys) → Duplicate | None
    find: Callable  # {id: facts} → every pair among them (the whole-register algorithm)


def _organisation_facts(ids=None):
    records = Organisation._base_manager.all() if ids is None else Organisation._base_manager.filter(pk__in=ids)
    return duplicates.organisation_facts(records)


def _person_facts(ids=None):
    if ids is None:
        return duplicates.person_facts(Person._base_manager.all(), Affiliation._base_manager.all())
    return duplicates.person_facts(
        Person._base_manager.filter(pk__in=ids), Affiliation._base_manager.filter(person__in=ids)
    )


def _person_pair(a, b, shared):
    return duplicates.person_pair(a, b)  # whichever keys proposed them, people are compared in full


ORGANISATIONS = Kind(
    DuplicateKind.ORGANISATION.value,
    Organisation,
    duplicates.organisation_key_limit,
    _organisation_facts,
    duplicates.organisation_pair,
    duplicates.find_organisation_pairs,
)
PEOPLE = Kind(
    DuplicateKind.PERSON.value,
    Person,
    duplicates.person_key_limit,
    _person_facts,
    _person_pair,
    duplicates.find_person_pairs,
)
KINDS = (ORGANISATIONS, PEOPLE)


def refresh(kind: Kind, ids) -> None:
    """Bring the keys and pairs of these records up to date (dropping those of records that are gone)."""
    for pk in sorted({int(pk) for pk in ids if pk is not None}):
        with transaction.atomic():
            _refresh_one(kind, pk)


def _refresh_one(kind: Kind, pk: int) -> None:
    facts = kind.facts([pk])
    keys = facts[pk].keys if pk in facts else set()
    stored = DuplicateKey.objects.filter(kind=kind.name, record_id=pk)
    before = set(stored.values_list("key", flat=True))
    added, removed = keys - before, before - keys
    if removed:
        stored.filter(key__in=removed).delete()
    # Conflicts are rows another transaction wrote meanwhile for the same record or pair: theirs stand.
    DuplicateKey.objects.bulk_create(
        [DuplicateKey(kind=kind.name, key=k, record_id=pk) for k in sorted(added)], ignore_conflicts=True
    )

    sizes = _block_sizes(kind, keys | removed)
    # A block that just went over its limit, or back under it: every pair in it has changed.
    crossed = {k for k in added if sizes[k] == kind.limit(k) + 1} | {k for k in removed if sizes[k] == kind.limit(k)}
    members = set(DuplicateKey.objects.filter(kind=kind.name, key__in=crossed).values_list("record_id", flat=True))
    members.discard(pk)
    touched = members | {pk}
    for side in ("first_id", "second_id"):  # one index each; an OR of the two would read every pair
        DuplicatePair.objects.filter(kind=kind.name, **{f"{side}__in": touched}).delete()
    if members:
        facts |= kind.facts(members)
    _store(kind, _pairs_of(kind, facts, sizes))


def _pairs_of(kind: Kind, facts: dict, sizes: dict[str, int]) -> list[duplicates.Duplicate]:
    """Every pair one of these records is in, found through the records that share one of its keys."""
    keys = {k for f in facts.values() for k in f.keys}
    sizes = {**sizes, **_block_sizes(kind, keys - sizes.keys())}
    usable = {k for k in keys if 1 < sizes[k] <= kind.limit(k)}
    holders = defaultdict(list)
    for pk, f in facts.items():
        for k in f.keys & usable:
            holders[k].append(pk)
    shared = defaultdict(set)
    for k, other in DuplicateKey.objects.filter(kind=kind.name, key__in=usable).values_list("key", "record_id"):
        for pk in holders[k]:
            if other != pk:
                shared[(min(pk, other), max(pk, other))].add(k)
    facts = facts | kind.facts({pk for pair in shared for pk in pair} - facts.keys())
    pairs = (kind.pair(facts[a], facts[b], ks) for (a, b), ks in shared.items() if a in facts and b in facts)
    return [pair for pair in pairs if pair is not None]


def _block_sizes(kind: Kind, keys) -> dict[str, int]:
    """How many records hold each key, counted no further than just past the key's limit: a block over its
    limit is skipped whatever its size, so a common key costs no more to look up than a rare one."""
    quote = connection.ops.quote_name
    table, kind_column, key_column = quote(DuplicateKey._meta.db_table), quote("kind"), quote("key")
    keys, sizes = sorted(keys), {}
    for start in range(0, len(keys), SIZES_AT_ONCE):
        chunk = keys[start : start + SIZES_AT_ONCE]
        sql = " UNION ALL ".join(
            f"SELECT {i}, (SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {kind_column} = %s AND {key_column} = %s"
            f" LIMIT {kind.limit(k) + 2}) AS b)"
            for i, k in enumerate(chunk)
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for k in chunk for value in (kind.name, k)])
            sizes.update((chunk[i], count) for i, count in cursor.fetchall())
    return sizes


def _store(kind: Kind, pairs) -> None:
    # Ties in score are listed by the kept record's name, in the site's language whoever's write it was.
    with translation.override(settings.LANGUAGE_CODE):
        rows = [
            DuplicatePair(
                kind=kind.name,
                first_id=pair.first.pk,
                second_id=pair.second.pk,
                score=pair.score,
                sort_name=str(pair.first)[:300],
                evidence=[[code, params] for code, params in pair.evidence],
            )
            for pair in pairs
        ]
    DuplicatePair.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def rebuild(stdout=None, progress=None) -> dict[str, int]:
    """Compute every key and pair again with the whole-register algorithm, in one transaction; returns
    the pairs of each kind. `progress(done, total, message)` hears after each kind (core.jobs.Progress)."""
    found = {}
    with transaction.atomic():
        for step, kind in enumerate(KINDS):
            if progress is not None:
                progress(step, len(KINDS), str(kind.model._meta.verbose_name_plural))
            for model in (DuplicatePair, DuplicateKey):
                # A plain DELETE: the ORM would read every row first, to send signals nobody listens for here.
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} WHERE kind = %s", [kind.name]
                    )
            facts = kind.facts()
            DuplicateKey.objects.bulk_create(
                (DuplicateKey(kind=kind.name, key=k, record_id=pk) for pk, f in facts.items() for k in sorted(f.keys)),
                batch_size=BATCH,
            )
            pairs = kind.find(facts)
            _store(kind, pairs)
            found[kind.name] = len(pairs)
            if stdout is not None:
                stdout.write(f"{kind.model._meta.verbose_name_plural}: {len(facts)} records, {len(pairs)} pairs")
    if progress is not None:
        progress(len(KINDS), len(KINDS))
    return found


# ---------------------------------------------------------------- capture


def _on_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(ORGANISATIONS if sender is Organisation else PEOPLE, [instance.pk])


def _on_deleted(sender, instance, **kwargs):
    refresh(ORGANISATIONS if sender is Organisation else PEOPLE, [instance.pk])


def _on_affiliation_pre_save(sender, instance, raw=False, **kwargs):
    # An affiliation moved to another person (a merge) changes what the first one shares, too.
    if not raw and instance.pk is not None:
        instance._duplicates_person = (
            Affiliation._base_manager.filter(pk=instance.pk).values_list("person_id", flat=True).first()
        )


def _on_affiliation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(PEOPLE, [instance.person_id, getattr(instance, "_duplicates_person", None)])


def _on_affiliation_deleted(sender, instance, **kwargs):
    refresh(PEOPLE, [instance.person_id])


def _on_post_migrate(sender, **kwargs):
    """Find the pairs once after the migration that creates their tables, when there are records already."""
    if DuplicateKey._meta.db_table not in connection.introspection.table_names() or DuplicateKey.objects.exists():
        return
    if Organisation._base_manager.exists() or Person._base_manager.exists():
        rebuild()


def connect(app_config):
    for model in (Organisation, Person):
        post_save.connect(_on_saved, sender=model, dispatch_uid=f"duplicates_saved_{model._meta.model_name}")
        post_delete.connect(_on_deleted, sender=model, dispatch_uid=f"duplicates_deleted_{model._meta.model_name}")
    pre_save.connect(_on_affiliation_pre_save, sender=Affiliation, dispatch_uid="duplicates_affiliation_pre_save")
    post_save.connect(_on_affiliation_saved, sender=Affiliation, dispatch_uid="duplicates_affiliation_saved")
    post_delete.connect(_on_affiliation_deleted, sender=Affiliation, dispatch_uid="duplicates_affiliation_deleted")
    post_migrate.connect(_on_post_migrate, sender=app_config, dispatch_uid="duplicates_post_migrate")
