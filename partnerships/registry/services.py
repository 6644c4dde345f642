"""Writes with rules for the registry: loading ROR records, and making an organisation from an entry."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.core.pinyin import lazy_pinyin
from partnerships.organisations.choices import OrganisationKind
from partnerships.organisations.models import Organisation

from .models import RegistryEntry
from .parsing import RecordError, parse_record

# ROR types in order of precedence: the first one a record has decides the organisation's kind.
# `funder` only marks an organisation with a Crossref Funder ID (universities, hospitals and
# laboratories have one too), so every more specific type goes before it.
KIND_BY_TYPE = (
    ("education", OrganisationKind.UNIVERSITY),
    ("healthcare", OrganisationKind.HOSPITAL),
    ("government", OrganisationKind.GOVERNMENT),
    ("company", OrganisationKind.COMPANY),
    ("facility", OrganisationKind.RESEARCH_INSTITUTE),
    ("funder", OrganisationKind.FUNDER),
)

ENTRY_FIELDS = [f.name for f in RegistryEntry._meta.concrete_fields if not f.primary_key and f.name != "loaded_at"]


def pinyin_for(text: str) -> str:
    """Toneless pinyin, one syllable a word: 中山大学 → "zhong shan da xue"; other text is kept."""
    return " ".join(part.strip() for part in lazy_pinyin(text or "") if any(c.isalnum() for c in part))


def organisation_kind(types: Iterable[str]) -> str:
    types = {t.lower() for t in types}
    return next((kind for ror_type, kind in KIND_BY_TYPE if ror_type in types), OrganisationKind.OTHER)


def namesakes(entry: RegistryEntry, user) -> list[Organisation]:
    """The centre's organisations without a ROR ID that go by one of the entry's names, as the user may see
    them: most likely the same organisation recorded by hand, which should get the ROR ID instead of a twin.

    Looked up in the resolver's name index (names, labels, aliases, acronyms; either script, any spelling
    the normaliser folds together), so it costs a few dictionary lookups, not a scan of the register."""
    from partnerships.core.normalise import key
    from partnerships.search.index import get_index  # the search app builds on this one

    index = get_index()
    names = [entry.name, entry.name_zh, *entry.aliases, *(label.get("value", "") for label in entry.labels)]
    ids = set()
    for name in filter(None, names):
        for number in index.exact.get(key(name), ()):
            target = index.targets[index.names[number].target]
            if target.organisation_id and not target.ror_id:
                ids.add(target.organisation_id)
    if not ids:
        return []
    return list(Organisation.objects.restrict(user, "view").filter(pk__in=ids, ror_id="").order_by("name_en"))


@transaction.atomic
def organisation_from_registry(*, entry: RegistryEntry, user=None) -> Organisation:
    """Create the centre's record for a registry entry, linked to the parent and children already recorded.

    `user` is the person asking; the change log attributes the change through the change context.
    """
    existing = Organisation.objects.filter(ror_id=entry.ror_id).first()
    if existing is not None:
        raise ValidationError(
            _("“%(name)s” already has the ROR ID %(ror_id)s; open that record instead.")
            % {"name": existing.name_en, "ror_id": entry.ror_id}
        )
    parent_ids = entry.related_ids("parent")
    parents = {o.ror_id: o for o in Organisation.objects.filter(ror_id__in=parent_ids)}
    organisation = Organisation(
        name_en=entry.name,
        name_zh=entry.name_zh,
        pinyin=_fit(Organisation, "pinyin", pinyin_for(entry.name_zh)),
        acronyms=list(entry.acronyms),
        aliases=_other_names(entry),
        kind=organisation_kind(entry.types),
        city=entry.city,
        province=entry.province,
        country=entry.country,
        website=_valid_website(entry.website),
        ror_id=entry.ror_id,
        # ROR lists several parents for joint units; the first one the centre has recorded wins.
        parent=next((parents[i] for i in parent_ids if i in parents), None),
    )
    organisation.full_clean()
    organisation.save()

    ancestors = _ancestor_ids(organisation)
    children = Organisation.objects.filter(ror_id__in=entry.related_ids("child"), parent__isnull=True)
    for child in children.exclude(pk__in=ancestors):
        child.parent = organisation
        child.version += 1  # an edit opened before this link is then refused, not saved over it
        child.save(update_fields=["parent", "version", "updated_at"])
    return organisation


def _other_names(entry: RegistryEntry) -> list[str]:
    """Aliases and labels in any language, less the names already in the English and Chinese fields."""
    names, seen = [], {entry.name, entry.name_zh}
    for value in [*entry.aliases, *(label["value"] for label in entry.labels)]:
        if value and value not in seen:
            seen.add(value)
            names.append(value)
    return names


def _valid_website(url: str) -> str:
    # A registry URL the organisation form would refuse is left out rather than blocking the record.
    if not url or len(url) > Organisation._meta.get_field("website").max_length:
        return ""
    try:
        URLValidator()(url)
    except ValidationError:
        return ""
    return url


def _ancestor_ids(organisation: Organisation) -> set[int]:
    ids, node = {organisation.pk}, organisation.parent
    while node is not None and node.pk not in ids:
        ids.add(node.pk)
        node = node.parent
    return ids


def _fit(model: type[models.Model], field: str, value: str) -> str:
    return value[: model._meta.get_field(field).max_length]


# --- loading ROR records ------------------------------------------------------------------------


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
def registry_load(records: Iterable[dict], *, batch_size: int = 1000) -> LoadResult:
    """Insert or update a RegistryEntry per ROR record, in batches; all or nothing.

    Idempotent: a record identical to the stored entry is left alone. The first record for an ID
    wins within a load, and a stored entry is never replaced by an older copy of itself.
    Raises RecordError (nothing written) for a record that cannot be read.
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
    _save_batch(batch, result, batch_size)
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
