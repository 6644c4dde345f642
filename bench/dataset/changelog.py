"""The change log of everything generated (written directly: bulk inserts pass by its signals),
and the reminders."""

import random

from django.contrib.contenttypes.models import ContentType

from partnerships.core.models import ChangeRelation, Notification, ObjectChange

from .common import BATCH


class ChangeLogMixin:
    # --- change log and notifications --------------------------------------------------------------

    def _write_changes(self) -> None:
        """One change per logged event, oldest first, so time and id order agree as in a live log."""
        self.changes.sort(key=lambda c: c[3])
        field = ObjectChange._meta.get_field("time")
        field.auto_now_add = False  # the generated times, not now
        try:
            types = {}
            rows = []
            for obj, _related, action, when in self.changes:
                model = type(obj)
                ct = types.get(model) or types.setdefault(model, ContentType.objects.get_for_model(model))
                data = _summary(obj)
                user = self.pick(self.users)
                rows.append(
                    ObjectChange(
                        time=when,
                        user=user,
                        user_name=user.username,
                        source=self.pick(["web", "web", "web", "api", "import"]),
                        action=action,
                        content_type=ct,
                        object_id=str(obj.pk),
                        object_repr=str(obj)[:300],
                        prechange_data=_changed(data, self.rng) if action == "update" else None,
                        postchange_data=data,
                    )
                )
            ObjectChange.objects.bulk_create(rows, batch_size=BATCH)
        finally:
            field.auto_now_add = True
        if rows and rows[0].pk is None:  # backends that return no keys
            rows = list(ObjectChange.objects.order_by("-pk")[: len(rows)])[::-1]
        relations = []
        for row, (_obj, related, _action, _when) in zip(rows, self.changes, strict=True):
            seen = set()
            for target in related:
                if target is None:
                    continue
                key = (
                    (
                        types.get(type(target))
                        or types.setdefault(type(target), ContentType.objects.get_for_model(target))
                    ).pk,
                    str(target.pk),
                )
                if key not in seen:
                    seen.add(key)
                    relations.append(ChangeRelation(change_id=row.pk, content_type_id=key[0], object_id=key[1]))
        ChangeRelation.objects.bulk_create(relations, batch_size=BATCH)

    def _notifications(self) -> None:
        rows = [
            Notification(
                key=f"bench-{n}",
                user=self.users[n % len(self.users)],
                subject=f"Agreement GZ-{n:05d} ends in 90 days",
                body="Decide whether to renew it.",
                url="/agreements/",
            )
            for n in range(400)
        ]
        Notification.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def _summary(obj) -> dict:
    """The record's plain fields as the change log keeps them (enough for a history row)."""
    out = {}
    for field in obj._meta.concrete_fields:
        if (
            field.name in ("id", "created_at", "updated_at", "version", "is_demo")
            or field.is_relation
            and not field.many_to_one
        ):
            continue
        value = getattr(obj, field.attname)
        out[field.name] = value if isinstance(value, (str, int, float, bool, list, type(None))) else str(value)
    return out


def _changed(data: dict, rng: random.Random) -> dict:
    """A plausible before-state: one or two of the fields held something else."""
    before = dict(data)
    for key in rng.sample(sorted(data), min(2, len(data))):
        value = before[key]
        before[key] = (value + " (draft)") if isinstance(value, str) else None
    return before
