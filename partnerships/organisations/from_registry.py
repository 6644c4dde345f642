"""Making the centre's organisation record from a registry entry, and finding it already recorded by hand.

Lives with organisations rather than with the registry: the registry app is reference data (ROR
records loaded as they are published) and imports no domain app (docs/architecture.md).
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils.translation import gettext as _

from partnerships.core.normalise import key
from partnerships.core.pinyin import pinyin_for
from partnerships.registry.models import RegistryEntry

from .choices import DuplicateKind, OrganisationKind
from .duplicates import blocking_key
from .models import DuplicateKey, Organisation

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


def organisation_kind(types: Iterable[str]) -> str:
    types = {t.lower() for t in types}
    return next((kind for ror_type, kind in KIND_BY_TYPE if ror_type in types), OrganisationKind.OTHER)


def namesakes(entry: RegistryEntry, user) -> list[Organisation]:
    """The centre's organisations without a ROR ID that go by one of the entry's names, as the user may see
    them: most likely the same organisation recorded by hand, which should get the ROR ID instead of a twin.

    Looked up in the duplicates' name keys (every name, alias and acronym of every organisation, folded
    the way duplicates are found: case, punctuation, traditional and simplified Chinese), kept current by
    every save, so it costs one indexed query, not a scan of the register."""
    names = [entry.name, entry.name_zh, *entry.aliases, *(label.get("value", "") for label in entry.labels)]
    keys = {blocking_key("name", folded) for folded in map(key, filter(None, names)) if folded}
    if not keys:
        return []
    ids = DuplicateKey.objects.filter(kind=DuplicateKind.ORGANISATION, key__in=keys).values("record_id")
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
