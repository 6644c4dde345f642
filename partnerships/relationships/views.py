from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.urls import reverse

from partnerships.core import views as generic
from partnerships.core.panels import CappedCount, capped_count, list_url, panel

from . import filters, forms, tables
from .choices import Stage
from .models import Interaction, Relationship
from .panels import interactions_of

TAGS = ("strands", "colleges", "themes")


class RelationshipListView(generic.ObjectListView):
    model = Relationship
    queryset = Relationship.objects.select_related("organisation", "manager")
    filterset_class = filters.RelationshipFilterSet
    table_class = tables.RelationshipTable


class RelationshipBoardView(generic.ObjectView):
    """The relationships as cards in their stage's column; the list page's filters apply.

    Each column shows the cards changed most recently and how many there are (counted up to a
    cap), with the rest a link away on the list page filtered to the stage: the board's size and
    its number of queries stay the same however many relationships there are.
    """

    model = Relationship

    def get(self, request):
        self.require(request, "view")
        queryset = Relationship.objects.select_related("organisation", "manager").order_by("-updated_at", "-pk")
        filterset = filters.RelationshipFilterSet(
            request.GET or None, queryset=queryset.restrict(request.user, "view"), request=request
        )
        list_url = reverse("relationships:relationship_list")
        columns = []
        for value, label in Stage.choices:
            in_stage = filterset.qs.filter(stage=value)
            cards = panel(in_stage, url=f"{list_url}?{_with_stage(request, value)}")
            count = capped_count(in_stage)
            more = CappedCount(value=count.value - len(cards), capped=count.capped)
            columns.append({"stage": value, "label": label, "cards": cards, "count": count, "more": more})
        # One query for every column's badges.
        prefetch_related_objects([card for column in columns for card in column["cards"]], "strands")
        context = {**self.base_context(request), "filterset": filterset, "columns": columns}
        return render(request, "relationships/board.html", context)


def _with_stage(request, stage: str) -> str:
    """The board's filters as a list-page query, narrowed to one stage."""
    params = request.GET.copy()
    params.setlist("stage", [stage])
    return params.urlencode()


class RelationshipDetailView(generic.ObjectDetailView):
    model = Relationship
    queryset = Relationship.objects.select_related("organisation", "manager").prefetch_related(*TAGS)

    def extra_context(self, request, obj):
        # The partner's interactions, as on the organisation's page.
        links = Interaction.organisations.through.objects.filter(organisation=obj.organisation_id)
        url = list_url("relationships:interaction_list", organisation=obj.organisation_id)
        return {"interactions": interactions_of(request, links, url)["rows"]}


class RelationshipEditView(generic.ObjectEditView):
    model = Relationship
    form_class = forms.RelationshipForm


class RelationshipDeleteView(generic.ObjectDeleteView):
    model = Relationship


class InteractionListView(generic.ObjectListView):
    model = Interaction
    queryset = Interaction.objects.select_related("follow_up_owner")
    filterset_class = filters.InteractionFilterSet
    table_class = tables.InteractionTable


class InteractionDetailView(generic.ObjectDetailView):
    model = Interaction
    queryset = Interaction.objects.select_related("follow_up_owner").prefetch_related("organisations", "people", *TAGS)


class InteractionEditView(generic.ObjectEditView):
    model = Interaction
    form_class = forms.InteractionForm


class InteractionDeleteView(generic.ObjectDeleteView):
    model = Interaction
