"""Writes with rules for programmes: the lifecycle. Pages, API, commands and the demo call it; nothing
changes `status` any other way."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships.core.events import record_event
from partnerships.core.locking import claim_version

from .choices import TRANSITIONS, Status
from .models import Programme


def allowed_transitions(programme: Programme) -> tuple[str, ...]:
    return TRANSITIONS[programme.status]


@transaction.atomic
def programme_transition(*, programme: Programme, to: str, user=None, reason: str = "", version: int | None = None):
    """Move a programme to another status if the lifecycle allows it; record who, when and why.

    A programme is approved only with its UK approval date recorded."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if to not in allowed_transitions(programme):
        raise ValidationError(
            _("A programme that is %(from)s cannot become %(to)s.")
            % {"from": programme.get_status_display(), "to": dict(Status.choices).get(to, to)}
        )
    if to == Status.APPROVED and not programme.uk_approval_date:
        raise ValidationError(_("Record the UK approval date before marking the programme approved."))
    claim_version(programme, programme.version if version is None else version)
    previous = programme.status
    programme.status = to
    programme.save(update_fields=["status", "version", "updated_at"])
    message = f"{Status(previous).label} → {Status(to).label}" + (f": {reason}" if reason else "")
    record_event(programme, f"programme.{to}", user=user, message=message)
    return programme
