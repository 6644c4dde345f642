"""Agreements: MoU → framework → specific agreement → amendment, with parties, documents, obligations."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.core.models import BaseModel, NamedTerm, Tagged, in_chinese
from partnerships.organisations.choices import PersonKind
from partnerships.organisations.models import Organisation, Person
from partnerships.relationships.models import Interaction

from .choices import ControllingLanguage, DocumentType, ObligationSide, PartyRole, Status


class AgreementKind(NamedTerm):
    """MoU, framework, research collaboration, … — profile data, so a centre can add its own."""

    class Meta(NamedTerm.Meta):
        verbose_name = _("agreement kind")
        verbose_name_plural = _("agreement kinds")


class Agreement(BaseModel, Tagged):
    """A formal agreement with one or more partners; its status changes only through services."""

    kind = models.ForeignKey(AgreementKind, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("kind"))
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    controlling_language = models.CharField(
        _("controlling language"), max_length=10, choices=ControllingLanguage.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("under (parent agreement)"),
    )
    predecessor = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successor",
        verbose_name=_("renews"),
        editable=False,
    )
    unit = models.CharField(
        _("home unit"), max_length=200, blank=True, help_text=_("School, department or office that owns it.")
    )
    responsible = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_agreements",
        limit_choices_to={"kind": PersonKind.STAFF},
        verbose_name=_("responsible staff member"),
    )
    signed_date = models.DateField(_("signed"), null=True, blank=True, editable=False)
    start_date = models.DateField(
        _("start"), null=True, blank=True, help_text=_("Leave empty to start at the last signature.")
    )
    end_date = models.DateField(_("end"), null=True, blank=True, help_text=_("Leave empty if open-ended."))
    notice_period_days = models.PositiveIntegerField(_("notice period (days)"), null=True, blank=True)
    auto_renew = models.BooleanField(_("renews automatically"), default=False)
    summary = models.TextField(_("summary"), blank=True)
    interactions = models.ManyToManyField(
        Interaction, blank=True, related_name="agreements", verbose_name=_("interactions")
    )

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return self.title_zh if in_chinese() and self.title_zh else self.title_en

    @property
    def effective_start(self):
        """The agreement starts at the last signature unless a start date is given."""
        return self.start_date or self.signed_date

    @property
    def notice_deadline(self):
        if self.end_date and self.notice_period_days:
            return self.end_date - timedelta(days=self.notice_period_days)
        return None

    @property
    def days_left(self):
        return (self.end_date - timezone.localdate()).days if self.end_date else None

    def ancestors(self) -> list["Agreement"]:
        """The parent chain, nearest first (the umbrella MoU last)."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def renewal_chain(self) -> list["Agreement"]:
        """Every agreement this one renews, oldest first."""
        chain, node = [], self.predecessor
        while node is not None and len(chain) < 50:
            chain.insert(0, node)
            node = node.predecessor
        return chain

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        if (
            self.parent_id
            and self.pk
            and (self.parent_id == self.pk or any(a.pk == self.pk for a in self.parent.ancestors()))
        ):
            raise ValidationError({"parent": _("An agreement cannot sit under itself.")})
        if self.responsible_id and self.responsible.kind != PersonKind.STAFF:
            raise ValidationError({"responsible": _("The responsible person must be a member of home staff.")})

    def changelog_related(self):
        return [party.organisation for party in self.parties.all()] if self.pk else []


class Party(BaseModel):
    """An organisation that is party to an agreement, in a role."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="agreement_parties", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices, default=PartyRole.PARTNER)

    # Who is party is part of what the agreement is, not something happening under it.
    activity_date_field = None

    class Meta:
        ordering = ["pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        # An organisation's agreements, newest first (its page's panel), read from the index.
        indexes = [models.Index(fields=["organisation", "agreement"], name="party_organisation_agreement")]
        constraints = [models.UniqueConstraint(fields=["agreement", "organisation"], name="unique_agreement_party")]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    def changelog_related(self):
        return [self.agreement, self.organisation]


class Signatory(BaseModel):
    """A person who signs for a party, and the day they signed (empty until they have)."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="signatories", verbose_name=_("party"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("person"))
    capacity = models.CharField(_("signs as"), max_length=200, blank=True, help_text=_("e.g. Vice-Chancellor"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return f"{self.person} – {self.party.organisation}"

    def clean(self):
        if self.signed_on and self.signed_on > timezone.localdate():
            raise ValidationError({"signed_on": _("A signature cannot be dated in the future.")})

    def changelog_related(self):
        return [self.party.agreement, self.person]


def document_path(instance, filename):
    # A fresh name per upload: a later version can never overwrite an earlier file.
    return f"agreements/{instance.agreement_id}/{uuid.uuid4().hex}/{filename}"


class Document(BaseModel):
    """An uploaded file; each upload is a new version, earlier versions stay."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="documents", verbose_name=_("agreement")
    )
    doc_type = models.CharField(_("type"), max_length=20, choices=DocumentType.choices, default=DocumentType.SIGNED)
    title = models.CharField(_("title"), max_length=200)
    version_number = models.PositiveIntegerField(_("version"), editable=False)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    # An upload is activity under the agreement; retitling an old document is not.
    activity_date_field = "created_at"

    class Meta:
        ordering = ["title", "-version_number"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "title", "version_number"], name="unique_document_version")
        ]

    def __str__(self):
        return f"{self.title} v{self.version_number}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("agreements:document_download", args=[self.pk])

    def changelog_related(self):
        return [self.agreement]


class Obligation(BaseModel):
    """Something the agreement commits a side to: a report, a cap, a meeting — due by a date."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="obligations", verbose_name=_("agreement")
    )
    description = models.CharField(_("obligation"), max_length=300)
    side = models.CharField(_("whose"), max_length=10, choices=ObligationSide.choices, default=ObligationSide.HOME)
    due_date = models.DateField(_("due"), null=True, blank=True)
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
        limit_choices_to={"kind": PersonKind.STAFF},
        verbose_name=_("owner"),
    )
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["done", "due_date", "pk"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")

    def __str__(self):
        return self.description

    def changelog_related(self):
        return [self.agreement]
