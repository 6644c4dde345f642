"""Merging duplicates: everything linked to the loser moves to the survivor, in one transaction.

Links are found through `_meta.related_objects`, so a model added later that points at
organisations or people moves with them without a change here. Each move is saved through the ORM,
so the change log records it; a move that would break a unique constraint (two parties to the same
agreement, two relationships with one partner) folds the loser's row into the survivor's instead,
by the same rules, recursively.

Rules: the survivor's values win; its blanks are filled from the loser; long texts are joined;
lists and tags are united; an organisation keeps the loser's names as other names.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from partnerships.core.confidential import is_restricted
from partnerships.core.deletion import delete_record
from partnerships.core.events import record_event
from partnerships.core.locking import claim_version
from partnerships.core.models import ChangeRelation, ObjectChange, TimelineEvent
from partnerships.core.normalise import key

from .models import Organisation, Person

SKIP_FIELDS = frozenset({"id", "created_at", "updated_at", "version", "is_demo"})
ORGANISATION_NAMES = ("name_en", "name_zh", "pinyin", "acronyms", "former_names", "aliases")


@transaction.atomic
def organisation_merge(
    *, survivor: Organisation, loser: Organisation, user=None, survivor_version=None, loser_version=None
) -> Organisation:
    """Fold `loser` into `survivor`: every linked record moves, its names become other names, then it is deleted."""
    survivor, loser = _lock(Organisation, survivor, loser, survivor_version, loser_version)
    moved = merge_preview(loser)
    dropped = [
        f"{label} {theirs}"
        for label, mine, theirs in (
            (_("ROR ID"), survivor.ror_id, loser.ror_id),
            (_("USCC"), survivor.uscc, loser.uscc),
        )
        if mine and theirs and mine != theirs
    ]
    message, loser_pk = _message(loser, loser.name_en, moved, dropped), loser.pk
    _keep_names(survivor, loser)
    _absorb(keep=survivor, drop=loser, skip=ORGANISATION_NAMES, validate=True)
    _carry_history(survivor, loser_pk)
    record_event(survivor, "organisation.merged", user=user, message=message)
    return survivor


@transaction.atomic
def person_merge(*, survivor: Person, loser: Person, user=None, survivor_version=None, loser_version=None) -> Person:
    """Fold `loser` into `survivor`: affiliations, interactions, signatures and every other link move; then it is deleted."""
    survivor, loser = _lock(Person, survivor, loser, survivor_version, loser_version)
    if survivor.kind != loser.kind:
        # A contact has no college and cannot manage relationships: the merged record would be invalid.
        raise ValidationError(
            _("%(first)s is %(kind)s and %(second)s is not: change one of them first, then merge.")
            % {"first": survivor, "second": loser, "kind": survivor.get_kind_display()}
        )
    moved = merge_preview(loser)
    name = " / ".join(n for n in (loser.latin_name, loser.name_zh) if n)
    message, loser_pk = _message(loser, name, moved, []), loser.pk
    _absorb(keep=survivor, drop=loser, validate=True)
    _carry_history(survivor, loser_pk)
    record_event(survivor, "person.merged", user=user, message=message)
    return survivor


def merge_preview(record, user=None) -> list[dict]:
    """What links to `record` and would move with it: one row per kind of link, with a count.

    Types that hide rows from some users (confidential deals) are counted only as far as `user`
    may see them, and left out when no user is given (the merge's message on the timeline, which
    everyone reads): all of their rows move all the same."""
    rows = []
    for relation in record._meta.related_objects:
        model, field = relation.related_model, relation.field
        if relation.many_to_many and not field.remote_field.through._meta.auto_created:
            continue  # moved as rows of the through model, counted there
        if is_restricted(model):
            if user is None:
                continue
            linked = model.objects.restrict(user, "view")
        else:
            linked = model._base_manager.all()
        count = linked.filter(**{field.name: record}).count()
        if count:
            rows.append({"model": model._meta.verbose_name_plural, "field": field.verbose_name, "count": count})
    return rows


def _lock(model, survivor, loser, survivor_version, loser_version):
    if type(survivor) is not model or type(loser) is not model:
        raise ValidationError(
            _("Only two %(records)s can be merged here.") % {"records": model._meta.verbose_name_plural}
        )
    if survivor.pk is None or loser.pk is None:
        raise ValidationError(_("Both records must be saved before they can be merged."))
    if survivor.pk == loser.pk:
        raise ValidationError(_("A record cannot be merged into itself."))
    # Locked in key order, so that two merges touching the same pair cannot deadlock.
    locked = {
        r.pk: r for r in model._base_manager.select_for_update().filter(pk__in=[survivor.pk, loser.pk]).order_by("pk")
    }
    if len(locked) != 2:
        raise ValidationError(_("One of the records no longer exists."))
    survivor, loser = locked[survivor.pk], locked[loser.pk]
    claim_version(survivor, survivor.version if survivor_version is None else survivor_version)
    claim_version(loser, loser.version if loser_version is None else loser_version)
    return survivor, loser


def _keep_names(survivor: Organisation, loser: Organisation) -> None:
    """The loser's names join the survivor's, each once (compared normalised: 中山大學 is 中山大学)."""
    known = {key(n) for n in (survivor.name_en, survivor.name_zh, *_listed(survivor)) if n}

    def new(names):
        out = []
        for name in names:
            name_key = key(name or "")
            if name_key and name_key not in known:
                known.add(name_key)
                out.append(name.strip())
        return out

    if not survivor.name_zh and loser.name_zh:
        survivor.name_zh = loser.name_zh
        known.add(key(loser.name_zh))
    survivor.pinyin = survivor.pinyin or loser.pinyin
    survivor.acronyms = [*(survivor.acronyms or []), *new(loser.acronyms or [])]
    survivor.former_names = [*(survivor.former_names or []), *new(loser.former_names or [])]
    survivor.aliases = [*(survivor.aliases or []), *new([loser.name_en, loser.name_zh, *(loser.aliases or [])])]


def _listed(org: Organisation) -> list[str]:
    return [*(org.acronyms or []), *(org.former_names or []), *(org.aliases or [])]


def _absorb(*, keep, drop, skip=(), validate=False) -> None:
    """Fold `drop` into `keep` (same model): its links move, its tags join, its values fill keep's blanks; then it goes."""
    _move_links(keep, drop)
    for field in drop._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            missing = set(getattr(drop, field.name).values_list("pk", flat=True)) - set(
                getattr(keep, field.name).values_list("pk", flat=True)
            )
            if missing:
                getattr(keep, field.name).add(*sorted(missing))
    if _fill(keep, drop, skip):
        drop.save()  # unique values leave the loser before the survivor takes them
    if validate:
        keep.full_clean()
    keep.save()
    delete_record(drop)


def _move_links(keep, drop) -> None:
    """Point every record that links to `drop` at `keep` instead."""
    for relation in drop._meta.related_objects:
        model, field = relation.related_model, relation.field
        if relation.many_to_many:
            if not field.remote_field.through._meta.auto_created:
                continue  # an explicit through model is an ordinary foreign key, moved below
            for obj in model._base_manager.filter(**{field.name: drop}).order_by("pk"):
                linked = getattr(obj, field.name)
                linked.remove(drop)
                if not linked.filter(pk=keep.pk).exists():  # one that lists both keeps just the survivor
                    linked.add(keep)
            continue
        for obj in model._base_manager.filter(**{field.name: drop}).order_by("pk"):
            if model is type(keep) and obj.pk == keep.pk:
                # The survivor sat under the loser: it takes the loser's place.
                above = getattr(drop, field.attname)
                setattr(keep, field.attname, None if above == keep.pk else above)
                continue
            twin = _unique_twin(obj, field, keep)
            if twin is None and model is not type(keep) and not model._meta.many_to_many:
                twin = _identical_twin(obj, field, keep)
            if twin is not None:
                if hasattr(twin, "version"):
                    twin.version += 1
                _absorb(keep=twin, drop=obj)
                continue
            setattr(obj, field.name, keep)
            if hasattr(obj, "version"):
                obj.version += 1
            obj.save()


def _unique_sets(model, field) -> list[tuple[tuple[str, ...], object]]:
    """The unique field sets of `model` that include `field`, with each constraint's condition."""
    sets = [((field.name,), None)] if field.unique else []
    sets += [(tuple(fields), None) for fields in model._meta.unique_together if field.name in fields]
    sets += [
        (tuple(c.fields), c.condition)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and field.name in c.fields
    ]
    return sets


def _unique_twin(obj, field, target):
    """The row `obj` would collide with once its `field` points at `target` (e.g. the survivor's party)."""
    model = type(obj)
    for fields, condition in _unique_sets(model, field):
        lookup = {model._meta.get_field(f).attname: getattr(obj, model._meta.get_field(f).attname) for f in fields}
        lookup[field.attname] = target.pk
        rows = model._base_manager.filter(**lookup).exclude(pk=obj.pk)
        twin = (rows.filter(condition) if condition is not None else rows).first()
        if twin is not None:
            return twin
    return None


def _identical_twin(obj, field, target):
    """A row that says exactly what `obj` says once it points at `target` (the same affiliation twice)."""
    model = type(obj)
    lookup = {
        f.attname: target.pk if f is field else getattr(obj, f.attname)
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in SKIP_FIELDS and not isinstance(f, models.JSONField | models.FileField)
    }
    return model._base_manager.filter(**lookup).exclude(pk=obj.pk).first()


def _is_unique(model, field) -> bool:
    return bool(field.unique or any(field.name in fields for fields, _condition in _unique_sets(model, field)))


def _fill(keep, drop, skip) -> bool:
    """Fill `keep`'s blanks from `drop`, join texts, unite lists; True if `drop` gave up a unique value."""
    gave_up = False
    for field in keep._meta.concrete_fields:
        if field.primary_key or field.name in SKIP_FIELDS or field.name in skip or not field.editable:
            continue
        mine, theirs = getattr(keep, field.attname), getattr(drop, field.attname)
        if theirs in (None, "", [], {}) or mine == theirs:
            continue
        if field.is_relation and field.related_model is type(keep) and theirs == keep.pk:
            continue  # the loser sat under the survivor
        if isinstance(field, models.JSONField) and isinstance(mine, list) and isinstance(theirs, list):
            setattr(keep, field.attname, [*mine, *(item for item in theirs if item not in mine)])
        elif isinstance(field, models.TextField) and mine:
            setattr(keep, field.attname, f"{mine}\n\n{theirs}")
        elif mine in (None, ""):
            setattr(keep, field.attname, theirs)
            if _is_unique(type(drop), field):
                setattr(drop, field.attname, None if field.null else "")
                gave_up = True
    return gave_up


def _carry_history(survivor, loser_pk: int) -> None:
    """The loser's change log shows on the survivor's page, and its timeline events join the survivor's."""
    content_type, old = ContentType.objects.get_for_model(survivor), str(loser_pk)
    own = Q(content_type=content_type, object_id=old)
    related = Q(relations__content_type=content_type, relations__object_id=old)
    changes = ObjectChange.objects.filter(own | related).values_list("pk", flat=True).distinct()
    ChangeRelation.objects.bulk_create(
        [ChangeRelation(change_id=pk, content_type=content_type, object_id=str(survivor.pk)) for pk in changes],
        ignore_conflicts=True,
    )
    TimelineEvent.objects.filter(content_type=content_type, object_id=old).update(object_id=str(survivor.pk))


def _message(loser, name: str, moved: list[dict], dropped: list[str]) -> str:
    message = _("Merged %(name)s (#%(pk)s) into this record.") % {"name": name, "pk": loser.pk}
    if moved:
        message += " " + _("Moved: %(moved)s.") % {
            "moved": ", ".join(f"{row['count']} {row['model']}" for row in moved)
        }
    if dropped:
        message += " " + _("Not kept: %(values)s.") % {"values": ", ".join(dropped)}
    return message
