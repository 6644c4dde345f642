"""The home institution's relationship with each partner, and the interactions that make it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.core.models import BaseModel, Tagged
from partnerships.organisations.choices import PersonKind
from partnerships.organisations.models import Organisation, Person

from .choices import Health, InteractionKind, Stage


class Relationship(BaseModel, Tagged):
    """Where the home institution stands with one partner: stage, who manages it, what it covers."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="relationship", verbose_name=_("partner")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.EXPLORING)
    health = models.CharField(_("health"), max_length=10, choices=Health.choices, blank=True)
    manager = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_relationships",
        limit_choices_to={"kind": PersonKind.STAFF},
        verbose_name=_("relationship manager"),
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["organisation__name_en"]
        # The board shows each stage's most recently changed relationships.
        indexes = [models.Index(fields=["stage", "updated_at"], name="relationship_stage_recent")]
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        if self.manager_id and self.manager.kind != PersonKind.STAFF:
            raise ValidationError({"manager": _("The relationship manager must be a member of home staff.")})

    def changelog_related(self):
        return [self.organisation]


class Interaction(BaseModel, Tagged):
    """A meeting, visit, delegation, event, call or e-mail: dated, with who and what it was about."""

    kind = models.CharField(_("kind"), max_length=20, choices=InteractionKind.choices, default=InteractionKind.MEETING)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    organisations = models.ManyToManyField(Organisation, related_name="interactions", verbose_name=_("organisations"))
    people = models.ManyToManyField(Person, blank=True, related_name="interactions", verbose_name=_("people"))
    notes = models.TextField(_("notes"), blank=True, help_text=_("In either language."))
    follow_up_date = models.DateField(_("follow up by"), null=True, blank=True)
    follow_up_owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        limit_choices_to={"kind": PersonKind.STAFF},
        verbose_name=_("follow-up owner"),
    )
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)

    # What counts as "something happened" when other records (agreements) judge their activity.
    activity_date_field = "date"

    class Meta:
        ordering = ["-date", "-pk"]
        # The log, the home page and every panel read the latest first, a page at a time.
        indexes = [
            models.Index(fields=["date", "id"], name="interaction_date_order"),
            # Open follow-ups by due date (the home page, reminders). Partial: a query's `NOT follow_up_done`
            # can use it, where SQLite would not use a (follow_up_done, …) index for a NOT.
            models.Index(
                fields=["follow_up_date"], condition=models.Q(follow_up_done=False), name="interaction_open_follow_up"
            ),
        ]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def clean(self):
        if self.follow_up_date and not self.follow_up_owner_id:
            raise ValidationError({"follow_up_owner": _("Say who will follow up.")})
        if self.follow_up_date and self.date and self.follow_up_date < self.date:
            raise ValidationError({"follow_up_date": _("The follow-up date is before the interaction.")})

    def changelog_related(self):
        return [*self.organisations.all(), *self.people.all()] if self.pk else []
