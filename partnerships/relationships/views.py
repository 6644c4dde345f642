from django.shortcuts import render

from partnerships.core import views as generic

from . import filters, forms, tables
from .choices import Stage
from .models import Interaction, Relationship

TAGS = ("strands", "colleges", "themes")


class RelationshipListView(generic.ObjectListView):
    model = Relationship
    queryset = Relationship.objects.select_related("organisation", "manager").prefetch_related(*TAGS)
    filterset_class = filters.RelationshipFilterSet
    table_class = tables.RelationshipTable


class RelationshipBoardView(generic.ObjectView):
    """Every relationship as a card in its stage's column; the list page's filters apply."""

    model = Relationship

    def get(self, request):
        self.require(request, "view")
        queryset = Relationship.objects.select_related("organisation", "manager").prefetch_related(
            "strands", "colleges"
        )
        filterset = filters.RelationshipFilterSet(
            request.GET or None, queryset=queryset.restrict(request.user, "view"), request=request
        )
        by_stage = {stage: [] for stage in Stage.values}
        for relationship in filterset.qs:
            by_stage[relationship.stage].append(relationship)
        columns = [(value, label, by_stage[value]) for value, label in Stage.choices]
        context = {**self.base_context(request), "filterset": filterset, "columns": columns}
        return render(request, "relationships/board.html", context)


class RelationshipDetailView(generic.ObjectDetailView):
    model = Relationship
    queryset = Relationship.objects.select_related("organisation", "manager").prefetch_related(*TAGS)

    def extra_context(self, request, obj):
        interactions = Interaction.objects.restrict(request.user, "view").filter(organisations=obj.organisation_id)
        return {"interactions": interactions.prefetch_related("organisations")[:20]}


class RelationshipEditView(generic.ObjectEditView):
    model = Relationship
    form_class = forms.RelationshipForm


class RelationshipDeleteView(generic.ObjectDeleteView):
    model = Relationship


class InteractionListView(generic.ObjectListView):
    model = Interaction
    queryset = Interaction.objects.select_related("follow_up_owner").prefetch_related("organisations", "people", *TAGS)
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
