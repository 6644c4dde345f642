"""Writes with rules for agreements: the lifecycle, signatures, renewal, documents.

Pages, API, imports and commands all call these; none changes `status` any other way.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.core.events import record_event
from partnerships.core.locking import claim_version

from .choices import TRANSITIONS, Status
from .documents import inspect_upload
from .models import Agreement, Document, Party, Signatory


def allowed_transitions(agreement: Agreement) -> tuple[str, ...]:
    # Superseding happens only through a renewal becoming active, never by hand.
    return tuple(s for s in TRANSITIONS[agreement.status] if s != Status.SUPERSEDED)


@transaction.atomic
def agreement_transition(
    *, agreement: Agreement, to: str, user=None, reason: str = "", version: int | None = None
) -> Agreement:
    """Move an agreement to another status if the lifecycle allows it; record who, when and why."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if to not in allowed_transitions(agreement):
        raise ValidationError(
            _("An agreement that is %(from)s cannot become %(to)s.")
            % {"from": agreement.get_status_display(), "to": dict(Status.choices).get(to, to)}
        )
    if to == Status.SIGNED:
        _check_signed(agreement)
    if to == Status.ACTIVE and agreement.end_date and agreement.end_date < timezone.localdate():
        raise ValidationError(_("The end date has passed: this agreement cannot become active."))
    claim_version(agreement, agreement.version if version is None else version)
    previous = agreement.status
    agreement.status = to
    fields = ["status", "version", "updated_at"]
    if to == Status.SIGNED:
        agreement.signed_date = _last_signature(agreement)
        fields.append("signed_date")
    agreement.save(update_fields=fields)
    message = f"{Status(previous).label} → {Status(to).label}" + (f": {reason}" if reason else "")
    record_event(agreement, f"agreement.{to}", user=user, message=message)
    if to == Status.ACTIVE and agreement.predecessor_id:
        _supersede(agreement.predecessor, by=agreement, user=user)
    return agreement


def _check_signed(agreement: Agreement) -> None:
    parties = list(agreement.parties.prefetch_related("signatories"))
    if len(parties) < 2:
        raise ValidationError(_("An agreement needs at least two parties before it is signed."))
    unsigned = [str(p.organisation) for p in parties if not any(s.signed_on for s in p.signatories.all())]
    if unsigned:
        raise ValidationError(_("Not yet signed for: %(parties)s.") % {"parties": ", ".join(unsigned)})


def _last_signature(agreement: Agreement) -> date | None:
    return Signatory.objects.filter(party__agreement=agreement).aggregate(last=Max("signed_on"))["last"]


def _supersede(predecessor: Agreement, *, by: Agreement, user) -> None:
    if Status.SUPERSEDED not in TRANSITIONS[predecessor.status]:
        return  # already ended some other way (terminated): nothing to supersede
    predecessor.status = Status.SUPERSEDED
    predecessor.version += 1
    predecessor.save(update_fields=["status", "version", "updated_at"])
    record_event(
        predecessor, "agreement.superseded", user=user, message=_("Superseded by %(title)s") % {"title": by.title_en}
    )


@transaction.atomic
def agreement_renew(*, agreement: Agreement, user=None, start_date=None, end_date=None, reason: str = "") -> Agreement:
    """Draft the successor of an active or expired agreement: same kind, parties, tags and terms.

    The predecessor stays in force until the successor becomes active, then it is superseded.
    """
    if agreement.status not in (Status.ACTIVE, Status.EXPIRED):
        raise ValidationError(_("Only active or expired agreements can be renewed."))
    if Agreement.objects.filter(predecessor=agreement).exists():
        raise ValidationError(_("This agreement has already been renewed."))
    successor = Agreement(
        kind=agreement.kind,
        title_en=agreement.title_en,
        title_zh=agreement.title_zh,
        controlling_language=agreement.controlling_language,
        parent=agreement.parent,
        predecessor=agreement,
        unit=agreement.unit,
        responsible=agreement.responsible,
        start_date=start_date or agreement.end_date,
        end_date=end_date,
        notice_period_days=agreement.notice_period_days,
        auto_renew=agreement.auto_renew,
        summary=agreement.summary,
    )
    successor.full_clean()
    successor.save()
    for name in ("strands", "colleges", "themes"):
        getattr(successor, name).set(getattr(agreement, name).all())
    for party in agreement.parties.all():
        Party.objects.create(agreement=successor, organisation=party.organisation, role=party.role)
    record_event(
        agreement,
        "agreement.renewed",
        user=user,
        message=reason or _("Renewal drafted: %(title)s") % {"title": successor.title_en},
    )
    record_event(
        successor, "agreement.draft", user=user, message=_("Drafted as the renewal of #%(pk)s") % {"pk": agreement.pk}
    )
    return successor


@transaction.atomic
def signatory_sign(*, signatory: Signatory, signed_on: date, user=None) -> Signatory:
    """Record that a signatory has signed; the agreement's timeline says so."""
    signatory.signed_on = signed_on
    signatory.full_clean()
    signatory.save()
    record_event(
        signatory.party.agreement,
        "agreement.signature",
        user=user,
        message=f"{signatory.person} ({signatory.party.organisation}) {signed_on:%Y-%m-%d}",
    )
    return signatory


@transaction.atomic
def document_add(*, agreement: Agreement, upload, title: str, doc_type: str, user=None) -> Document:
    """Store an uploaded file as the next version of the document with that title, never over an old one."""
    content_type = inspect_upload(upload)  # raises ValidationError for a wrong type or an oversized file
    # Lock the agreement so two uploads cannot take the same version: Django drops FOR UPDATE from an
    # aggregate query, and no row exists yet to lock for a first version.
    Agreement.objects.select_for_update().only("pk").get(pk=agreement.pk)
    last = Document.objects.filter(agreement=agreement, title=title).aggregate(n=Max("version_number"))["n"]
    document = Document(
        agreement=agreement,
        title=title,
        doc_type=doc_type,
        version_number=(last or 0) + 1,
        file=upload,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    document.save()
    record_event(agreement, "agreement.document", user=user, message=f"{document} ({document.original_name})")
    return document


def agreements_expire(*, today: date | None = None) -> list[Agreement]:
    """Mark active agreements whose end date has passed as expired (unless they renew automatically).

    Run daily with the reminders; each one goes through the lifecycle service, so the timeline
    says when and why.
    """
    today = today or timezone.localdate()
    due = Agreement.objects.filter(status=Status.ACTIVE, auto_renew=False, end_date__lt=today)
    return [agreement_transition(agreement=a, to=Status.EXPIRED, reason=_("The end date has passed.")) for a in due]
