"""Keeping the search index current: every write, from any interface, re-indexes what it touched.

Signals are used for the same reason as the change log's: pages, API, commands, imports and merges all
end in `save()`, `delete()` or a many-to-many change, so capture cannot depend on the interface. The
entry is written in the same transaction as the record, so a rolled-back edit leaves no trace in the
index. Writes that bypass signals (`QuerySet.update()`, `bulk_create()`, fixtures) must call
`reindex()` themselves, or be followed by `manage.py rebuild_search_index`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save

from partnerships.core import search_types

from .analysis import document_tokens, is_latin, name_keys
from .backends import get_backend
from .models import SearchEntry, SearchTerm

BATCH = 500


def entry_text(search_type, obj) -> tuple[str, str]:
    """(names, document) of a record as stored in its entry."""
    names = search_type.names_of(obj)
    keys = sorted(set().union(*(name_keys(n) for n in names))) if names else []
    tokens = sorted(document_tokens(names, search_type.text_of(obj)))
    return "\n" + "\n".join(keys) + "\n", " " + " ".join(tokens) + " "


def reindex(model, ids) -> set[int]:
    """Bring the entries of these records up to date (removing those of records that are gone);
    returns the ids whose entry changed."""
    search_type = search_types.get_type(model)
    ids = {int(pk) for pk in ids if pk is not None}
    if search_type is None or not ids:
        return set()
    backend = get_backend()
    content_type = ContentType.objects.get_for_model(model)
    existing = {e.object_id: e for e in SearchEntry.objects.filter(content_type=content_type, object_id__in=ids)}
    created, updated, terms = [], [], set()
    records = model._base_manager.filter(pk__in=ids).prefetch_related(*search_type.prefetch)
    for obj in records:
        names, document = entry_text(search_type, obj)
        entry = existing.pop(obj.pk, None)
        if entry is not None and (entry.names, entry.document) == (names, document):
            continue
        if entry is None:
            entry = SearchEntry(content_type=content_type, object_id=obj.pk)
            created.append(entry)
        else:
            updated.append(entry)
        entry.names, entry.document = names, document
        terms.update(t for t in document.split() if len(t) >= 3 and is_latin(t))
    SearchEntry.objects.bulk_create(created)
    SearchEntry.objects.bulk_update(updated, ["names", "document"])
    backend.write([e.pk for e in [*created, *updated]])
    if existing:  # records that no longer exist
        backend.remove([e.pk for e in existing.values()])
        SearchEntry.objects.filter(pk__in=[e.pk for e in existing.values()]).delete()
    if terms:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t, length=len(t)) for t in sorted(terms)], ignore_conflicts=True, batch_size=BATCH
        )
    return {e.object_id for e in [*created, *updated]} | set(existing)


def dependent_ids(model, ids) -> dict[type, set[int]]:
    """The registered records whose text includes these records' (an organisation's agreements)."""
    out = {}
    for dependent, lookup in search_types.dependents(model):
        if dependent is model:
            continue
        found = dependent._base_manager.filter(**{f"{lookup}__in": list(ids)}).values_list("pk", flat=True)
        out.setdefault(dependent, set()).update(found)
    return out


def record_changed(model, ids, also=None):
    """Re-index changed records and, when their text changed, the records that show it."""
    changed = reindex(model, ids) if search_types.get_type(model) else set(ids)
    targets = dependent_ids(model, changed) if changed and search_types.dependents(model) else {}
    for dependent, more in (also or {}).items():
        targets.setdefault(dependent, set()).update(more)
    for dependent, dependent_pks in targets.items():
        reindex(dependent, dependent_pks)


def rebuild(stdout=None, progress=None) -> int:
    """Empty the index and write it again from every registered model, in one transaction (searches
    meanwhile see the old index); returns the number of entries. `progress(done, total, message)`
    hears after each batch (core.jobs.Progress)."""
    backend = get_backend()
    with transaction.atomic():
        backend.clear()
        SearchEntry.objects.all().delete()
        SearchTerm.objects.all().delete()
        work = [
            (search_type, list(search_type.model._base_manager.order_by("pk").values_list("pk", flat=True)))
            for search_type in search_types.registered()
        ]
        total, done = sum(len(pks) for _, pks in work), 0
        for search_type, pks in work:
            label = str(search_type.model._meta.verbose_name_plural)
            for start in range(0, len(pks), BATCH):
                batch = pks[start : start + BATCH]
                reindex(search_type.model, batch)
                done += len(batch)
                if progress is not None:
                    progress(done, total, label)
            if stdout is not None:
                stdout.write(f"{search_type.model._meta.label}: {len(pks)}")
    return total


def _before(instance) -> dict:
    # A link record (an agreement's party) may move or go: remember whom it counted for before.
    model = type(instance)
    if search_types.get_type(model) or not search_types.dependents(model) or instance.pk is None:
        return {}
    return dependent_ids(model, [instance.pk])


def _on_pre_save(sender, instance, raw=False, **kwargs):
    if not raw:
        instance._search_before = _before(instance)


def _on_post_save(sender, instance, raw=False, **kwargs):
    if raw or not (search_types.get_type(sender) or search_types.dependents(sender)):
        return
    record_changed(sender, [instance.pk], also=getattr(instance, "_search_before", None))


def _on_pre_delete(sender, instance, **kwargs):
    instance._search_before = _before(instance)


def _on_post_delete(sender, instance, **kwargs):
    if search_types.get_type(sender):
        reindex(sender, [instance.pk])
    for dependent, pks in (getattr(instance, "_search_before", None) or {}).items():
        reindex(dependent, pks)


def _on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    owner = search_types.through_owner(sender)
    if owner is None:
        return
    if action == "pre_clear" and reverse:
        field = next(f for f in owner._meta.many_to_many if f.remote_field.through is sender)
        instance._search_cleared = set(
            owner._base_manager.filter(**{field.name: instance}).values_list("pk", flat=True)
        )
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, owner):
        record_changed(owner, [instance.pk])
    elif model is owner:
        record_changed(owner, pk_set or getattr(instance, "_search_cleared", set()))


def _on_post_migrate(sender, **kwargs):
    """Build the index once after the migration that creates it, when there are records already."""
    if SearchEntry.objects.exists():
        return
    if any(t.model._base_manager.exists() for t in search_types.registered()):
        rebuild()


def connect(app_config):
    pre_save.connect(_on_pre_save, dispatch_uid="search_pre_save")
    post_save.connect(_on_post_save, dispatch_uid="search_post_save")
    pre_delete.connect(_on_pre_delete, dispatch_uid="search_pre_delete")
    post_delete.connect(_on_post_delete, dispatch_uid="search_post_delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="search_m2m_changed")
    post_migrate.connect(_on_post_migrate, sender=app_config, dispatch_uid="search_post_migrate")
