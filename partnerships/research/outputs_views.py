"""Research outputs: their pages, and importing them from RIS or BibTeX files."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from partnerships.core import views as generic
from partnerships.core.changelog import change_context
from partnerships.core.imports import ImportRefused
from partnerships.core.permissions import has_model_permission

from . import filters, forms, tables
from .models import Output
from .outputs_import import outputs_import, read_entries


class OutputListView(generic.ObjectListView):
    model = Output
    filterset_class = filters.OutputFilterSet
    table_class = tables.OutputTable
    template_name = "research/output_list.html"


class OutputDetailView(generic.ObjectDetailView):
    model = Output
    queryset = Output.objects.prefetch_related("projects", "partners")


class OutputEditView(generic.ObjectEditView):
    model = Output
    form_class = forms.OutputForm


class OutputDeleteView(generic.ObjectDeleteView):
    model = Output


def output_import(request):
    """Upload a RIS or BibTeX file: every entry is imported (or linked, by DOI), or none and each problem is listed."""
    if not has_model_permission(request.user, Output, "add"):
        raise PermissionDenied
    initial = {"projects": request.GET.getlist("project")}
    form = forms.OutputImportForm(request.POST or None, request.FILES or None, initial=initial, user=request.user)
    context, status = {"form": form, "title": _("Import research outputs")}, 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with change_context(request=request, user=request.user, source="import"):
                result = outputs_import(
                    read_entries(upload.name, upload.read()),
                    projects=form.cleaned_data["projects"],
                    partners=form.cleaned_data["partners"],
                )
        except ImportRefused as refused:
            context["errors"], status = refused.errors, 400
        else:
            context["result"] = result
    elif request.method == "POST":
        status = 400
    return render(request, "research/output_import.html", context, status=status)
