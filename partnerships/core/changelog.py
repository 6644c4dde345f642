"""Change capture: every save, delete and many-to-many change of a register record is logged.

Signals are used here, and only here, because capture must not depend on which interface made
the change: pages, API, management commands, imports and the shell all end in `save()`.
Who made it comes from the change context, set by middleware for requests and by
`change_context()` for commands.
"""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.serializers import serialize
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

# Fields that change on every save and say nothing a reader needs.
IGNORED_FIELDS = {"created_at", "updated_at", "version"}


@dataclass
class ChangeContext:
    request: object = None
    user: object = None
    source: str = "shell"
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)

    def current_user(self):
        user = getattr(self.request, "user", None) if self.request is not None else self.user
        return user if user is not None and getattr(user, "is_authenticated", False) else None


_context: ContextVar[ChangeContext | None] = ContextVar("change_context", default=None)


@contextmanager
def change_context(*, user=None, source: str = "command", request=None):
    """Attribute every change inside the block to `user` (a command's --user, an import's uploader)."""
    token = _context.set(ChangeContext(request=request, user=user, source=source))
    try:
        yield _context.get()
    finally:
        _context.reset(token)


def _current() -> ChangeContext:
    return _context.get() or ChangeContext(source="shell", request_id=None)


def snapshot(instance) -> dict:
    """The record's fields (many-to-many as sorted key lists) as JSON-ready data."""
    data = serialize("python", [instance])[0]["fields"]
    out = {}
    for key, value in data.items():
        if key in IGNORED_FIELDS:
            continue
        if isinstance(value, list):
            value = sorted(value, key=str)
        out[key] = value if isinstance(value, (str, int, float, bool, list, type(None))) else str(value)
    return out


def _is_logged(sender) -> bool:
    from .models import BaseModel

    return isinstance(sender, type) and issubclass(sender, BaseModel) and not sender._meta.abstract


def _relate(change, instance):
    """Tie the change to the records it concerns, before and after (a moved link shows on both)."""
    from .models import ChangeRelation

    related = [*getattr(instance, "_related_before", []), *instance.changelog_related()]
    targets = [obj for obj in related if obj is not None and obj.pk is not None]
    existing = {(r.content_type_id, r.object_id) for r in change.relations.all()} if change.pk else set()
    new = []
    for obj in targets:
        key = (ContentType.objects.get_for_model(obj).pk, str(obj.pk))
        if key not in existing:
            existing.add(key)
            new.append(ChangeRelation(change=change, content_type_id=key[0], object_id=key[1]))
    ChangeRelation.objects.bulk_create(new)


def _record(instance, action, pre, post):
    from .models import ObjectChange

    ctx = _current()
    user = ctx.current_user()
    change = ObjectChange.objects.create(
        user=user,
        user_name=user.get_username() if user else "",
        request_id=ctx.request_id,
        source=ctx.source,
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        prechange_data=pre,
        postchange_data=post,
    )
    _relate(change, instance)
    return change


def _on_pre_save(sender, instance, raw=False, **kwargs):
    if raw or not _is_logged(sender):
        return
    instance._prechange = None
    if instance.pk is not None:
        previous = sender._base_manager.filter(pk=instance.pk).first()
        if previous is not None:
            instance._prechange = snapshot(previous)
            instance._related_before = previous.changelog_related()


def _on_post_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _is_logged(sender):
        return
    pre = None if created else getattr(instance, "_prechange", None)
    post = snapshot(instance)
    if not created and pre == post:
        return  # a save that changed nothing is not a change
    _record(instance, "create" if created else "update", pre, post)


def _on_pre_delete(sender, instance, **kwargs):
    if _is_logged(sender):
        # Relations must be read before the row (and its many-to-many rows) go.
        instance._prechange = snapshot(instance)
        instance._related_before = instance.changelog_related()


def _on_post_delete(sender, instance, **kwargs):
    if not _is_logged(sender):
        return
    instance.changelog_related = list
    _record(instance, "delete", getattr(instance, "_prechange", None), None)


def _on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Log the change on the side that declares the field (organisation.interactions.add(x) is a
    change of interaction x). Before-states are kept on `instance`, the one object both signals share."""
    if action not in {"pre_add", "pre_remove", "pre_clear", "post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        targets = [instance]
    elif action.startswith("pre_"):
        if action == "pre_clear":
            field = next(f for f in model._meta.many_to_many if f.remote_field.through is sender)
            targets = list(model._base_manager.filter(**{field.name: instance}))
        else:
            targets = list(model._base_manager.filter(pk__in=pk_set or ()))
        instance._m2m_targets = targets
    else:
        targets = getattr(instance, "_m2m_targets", [])
    for target in targets:
        if not _is_logged(type(target)):
            continue
        if action.startswith("pre_"):
            target._m2m_pre = snapshot(target)
            target._related_before = target.changelog_related()
        else:
            _log_m2m(target)


def _log_m2m(instance):
    """Fold a many-to-many change into the same request's change of the record, or log it alone."""
    from .models import ObjectChange

    ctx = _current()
    post = snapshot(instance)
    change = None
    if ctx.request_id is not None:
        change = (
            ObjectChange.objects.filter(
                request_id=ctx.request_id,
                content_type=ContentType.objects.get_for_model(instance),
                object_id=str(instance.pk),
            )
            .exclude(action="delete")
            .first()
        )
    if change is not None:
        change.postchange_data = post
        change.save(update_fields=["postchange_data"])
        _relate(change, instance)
        return
    pre = getattr(instance, "_m2m_pre", None)
    if pre != post:
        _record(instance, "update", pre, post)


def connect():
    pre_save.connect(_on_pre_save, dispatch_uid="changelog_pre_save")
    post_save.connect(_on_post_save, dispatch_uid="changelog_post_save")
    pre_delete.connect(_on_pre_delete, dispatch_uid="changelog_pre_delete")
    post_delete.connect(_on_post_delete, dispatch_uid="changelog_post_delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="changelog_m2m_changed")
