from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from partnerships.agreements.models import Agreement
from partnerships.core import views as generic
from partnerships.core.changelog import change_context
from partnerships.core.panels import list_url, panel
from partnerships.core.permissions import has_model_permission

from . import filters, forms, tables
from .importing import ImportRefused, objectives_import, read_table
from .models import Initiative, Objective

TAGS = ("strands", "colleges", "themes")


class ObjectiveListView(generic.ObjectListView):
    model = Objective
    queryset = Objective.objects.select_related("college", "owner")
    filterset_class = filters.ObjectiveFilterSet
    table_class = tables.ObjectiveTable
    template_name = "strategy/objective_list.html"


class ObjectiveDetailView(generic.ObjectDetailView):
    """An objective and what serves it: the initiatives here, and each app's records (page panels);
    it says plainly when nothing does."""

    model = Objective
    queryset = Objective.objects.select_related("college", "owner")

    def extra_context(self, request, obj):
        return {
            "initiatives": panel(
                Initiative.objects.restrict(request.user, "view").filter(objectives=obj),
                url=list_url("strategy:initiative_list", objective=obj.pk),
            )
        }


class ObjectiveEditView(generic.ObjectEditView):
    model = Objective
    form_class = forms.ObjectiveForm


class ObjectiveDeleteView(generic.ObjectDeleteView):
    model = Objective


def objective_import(request):
    """Upload a spreadsheet of objectives: all rows are imported, or none and every problem is listed."""
    if not (
        has_model_permission(request.user, Objective, "add") and has_model_permission(request.user, Objective, "change")
    ):
        raise PermissionDenied
    form = forms.ObjectiveImportForm(request.POST or None, request.FILES or None)
    context, status = {"form": form}, 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with change_context(request=request, user=request.user, source="import"):
                result = objectives_import(read_table(upload.name, upload.read()))
        except ImportRefused as refused:
            context["errors"], status = refused.errors, 400
        else:
            context["result"] = result
    elif request.method == "POST":
        status = 400
    context["title"] = _("Import objectives")
    return render(request, "strategy/objective_import.html", context, status=status)


class InitiativeListView(generic.ObjectListView):
    model = Initiative
    queryset = Initiative.objects.select_related("lead")
    filterset_class = filters.InitiativeFilterSet
    table_class = tables.InitiativeTable


class InitiativeDetailView(generic.ObjectDetailView):
    """An initiative: its aims, the objectives it serves, the agreements grouped under it, and the
    projects, training and activities the apps above add as page panels."""

    model = Initiative
    queryset = Initiative.objects.select_related("lead").prefetch_related(*TAGS)

    def extra_context(self, request, obj):
        return {
            "objectives": panel(
                obj.objectives.restrict(request.user, "view").select_related("college"),
                url=list_url("strategy:objective_list", initiative=obj.pk),
            ),
            "agreements": panel(
                Agreement.objects.restrict(request.user, "view").filter(initiatives=obj).select_related("kind"),
                url=list_url("agreements:agreement_list", initiative=obj.pk),
            ),
        }


class InitiativeEditView(generic.ObjectEditView):
    model = Initiative
    form_class = forms.InitiativeForm


class InitiativeDeleteView(generic.ObjectDeleteView):
    model = Initiative
