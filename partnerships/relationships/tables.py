import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from partnerships.core.tables import ManyColumn, TaggedTable
from partnerships.organisations.tables import NAMES, PERSON_NAMES

from .models import Interaction, Relationship


class RelationshipTable(TaggedTable):
    organisation = tables.Column(linkify=True, order_by="organisation__name_en")
    manager = tables.Column(linkify=True)

    class Meta(TaggedTable.Meta):
        model = Relationship
        fields = ("organisation", "stage", "health", "manager", "strands", "colleges", "themes", "updated_at")


class InteractionTable(TaggedTable):
    title = tables.Column(linkify=True)
    organisations = ManyColumn(only=NAMES, verbose_name=_("organisations"))
    people = ManyColumn(only=PERSON_NAMES, verbose_name=_("people"))

    class Meta(TaggedTable.Meta):
        model = Interaction
        fields = (
            "date",
            "kind",
            "title",
            "organisations",
            "people",
            "strands",
            "colleges",
            "themes",
            "follow_up_date",
            "follow_up_owner",
        )
