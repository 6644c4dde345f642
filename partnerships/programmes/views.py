from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.core import views as generic
from partnerships.core.events import timeline_for
from partnerships.core.export import EXPORT_FORMATS, rows_response
from partnerships.core.imports import ImportRefused
from partnerships.core.lifecycle import transition_view
from partnerships.core.locking import StaleVersion, claim_version
from partnerships.core.panels import list_url, panel
from partnerships.core.permissions import has_model_permission

from . import filters, forms, services, tables
from .aor import offshore_return, problems_for_export, rows_for_export
from .cohort_import import import_cohorts
from .models import Accreditation, AorCode, Cohort, Programme

TAGS = ("strands", "colleges", "themes")
SHOWN = 50  # problems listed on the offshore return page; the download has every one


class ProgrammeListView(generic.ObjectListView):
    model = Programme
    queryset = Programme.objects.select_related("partner")
    filterset_class = filters.ProgrammeFilterSet
    table_class = tables.ProgrammeTable


class ProgrammeDetailView(generic.ObjectDetailView):
    """A programme: who designs, delivers and accredits it, its approvals, accreditations and cohorts."""

    model = Programme
    queryset = Programme.objects.select_related("partner", "agreement", "lead_home", "lead_partner").prefetch_related(
        *TAGS
    )

    def extra_context(self, request, obj):
        return {
            **grid_context(request, obj),
            "accreditations": panel(
                obj.accreditations.order_by("expires_on", "pk"),
                url=list_url("programmes:accreditation_list", programme=obj.pk),
            ),
            "timeline": timeline_for(obj),
            "transitions": [
                (value, label)
                for value, label in obj._meta.get_field("status").choices
                if value in services.allowed_transitions(obj)
            ]
            if has_model_permission(request.user, Programme, "change")
            else [],
        }


class ProgrammeEditView(generic.ObjectEditView):
    model = Programme
    form_class = forms.ProgrammeForm


class ProgrammeDeleteView(generic.ObjectDeleteView):
    model = Programme


programme_transition = transition_view(
    Programme,
    services.programme_transition,
    record_arg="programme",
    done=gettext_lazy("The programme is now %(status)s."),
)


class SubRecordMixin:
    """Accreditations and cohorts are edited from, and return to, their programme."""

    def get_success_url(self, request, obj):
        return obj.programme.get_absolute_url()


class AccreditationListView(generic.ObjectListView):
    model = Accreditation
    queryset = Accreditation.objects.select_related("programme")
    filterset_class = filters.AccreditationFilterSet
    table_class = tables.AccreditationTable


class AccreditationDetailView(generic.ObjectDetailView):
    model = Accreditation
    queryset = Accreditation.objects.select_related("programme")


class AccreditationEditView(SubRecordMixin, generic.ObjectEditView):
    model = Accreditation
    form_class = forms.AccreditationForm


class AccreditationDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = Accreditation


class CohortListView(generic.ObjectListView):
    model = Cohort
    queryset = Cohort.objects.select_related("programme")
    filterset_class = filters.CohortFilterSet
    table_class = tables.CohortTable


class CohortDetailView(generic.ObjectDetailView):
    model = Cohort
    queryset = Cohort.objects.select_related("programme")


class CohortEditView(SubRecordMixin, generic.ObjectEditView):
    model = Cohort
    form_class = forms.CohortForm


class CohortDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = Cohort


class OffshoreReturnView(generic.ObjectView):
    """The HESA Aggregate Offshore Record for a reporting year (?year=2024), its validation report,
    the return as CSV or XLSX (?export=csv|xlsx) and the whole validation report (?report=csv|xlsx).

    The page shows the first SHOWN problems and the first names of each row's programmes: the
    return is computed over every teaching programme, but the page does not grow with them."""

    model = Cohort

    def get(self, request):
        self.require(request, "view")
        today = timezone.localdate()
        default = today.year - 1 if today.month < 8 else today.year
        raw = request.GET.get("year", "")
        year = int(raw) if raw.isdigit() and 1990 <= int(raw) <= 2100 else default
        result = offshore_return(year)
        export, report = request.GET.get("export"), request.GET.get("report")
        if export in EXPORT_FORMATS:
            return rows_response(rows_for_export(result), export, f"hesa-aor-{year}")
        if report in EXPORT_FORMATS:
            return rows_response(problems_for_export(result), report, f"hesa-aor-{year}-validation")
        context = {
            **self.base_context(request),
            "result": result,
            "problems": result.problems[:SHOWN],
            "more_problems": max(0, len(result.problems) - SHOWN),
            "years": range(default - 5, default + 2),
        }
        return render(request, "programmes/offshore_return.html", context)


class AorCodeListView(generic.ObjectListView):
    model = AorCode
    queryset = AorCode.objects.all()
    filterset_class = filters.AorCodeFilterSet
    table_class = tables.AorCodeTable


class AorCodeDetailView(generic.ObjectDetailView):
    model = AorCode
    template_name = "programmes/aorcode.html"


class AorCodeEditView(generic.ObjectEditView):
    model = AorCode
    form_class = forms.AorCodeForm


class AorCodeDeleteView(generic.ObjectDeleteView):
    model = AorCode


def cohort_import(request, pk=None):
    """Upload a spreadsheet of cohorts (for one programme at /programmes/<pk>/cohorts/import/): all
    rows are imported, or none and every problem is listed by row and column."""

    if not (has_model_permission(request.user, Cohort, "add") and has_model_permission(request.user, Cohort, "change")):
        raise PermissionDenied
    programme = get_object_or_404(Programme.objects.restrict(request.user, "view"), pk=pk) if pk else None
    form = forms.CohortImportForm(request.POST or None, request.FILES or None)
    context, status = {"form": form, "programme": programme}, 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["result"] = import_cohorts(upload, upload.name, user=request.user, programme=programme)
        except ImportRefused as refused:
            context["errors"], status = refused.errors, 400
    elif request.method == "POST":
        status = 400
    context["title"] = _("Import cohorts") + (f": {programme}" if programme else "")
    return render(request, "programmes/cohort_import.html", context, status=status)


# The cohort grid on a programme's page: one row a year, edited in place. Editing a row (or adding a
# year) swaps the grid for one with that row's inputs (HTMX); saving sends the whole grid back, or the
# same row with its field errors and 422 (a stale row: 409, nothing saved). Without JavaScript the same
# links and forms work as a page of their own. Rows are validated by the model exactly as on the
# cohort form and in the import.


def grid_context(request, programme: Programme, *, editing: str = "", form=None, error: str = "", saved=None):
    """What the grid needs: every year of the programme (a programme has a few dozen at most), which
    row is open for editing ("new" for a year being added) and its form."""
    cohorts = list(programme.cohorts.order_by("academic_year"))
    can_change = has_model_permission(request.user, Cohort, "change")
    can_add = has_model_permission(request.user, Cohort, "add")
    if form is None and editing:
        if editing == "new" and can_add:
            following = cohorts[-1].academic_year + 1 if cohorts else None
            form = forms.CohortRowForm(programme=programme, initial={"academic_year": following})
        elif editing.isdigit() and can_change:
            cohort = next((c for c in cohorts if c.pk == int(editing)), None)
            form = forms.CohortRowForm(instance=cohort, programme=programme) if cohort else None
        editing = editing if form is not None else ""
    rows = [
        {"cohort": c, "values": [getattr(c, name) for name in forms.COUNT_FIELDS], "editing": editing == str(c.pk)}
        for c in cohorts
    ]
    return {
        "programme": programme,
        "cohort_rows": rows,
        "edit_cells": [form[name] for name in forms.COUNT_FIELDS] if form is not None else [],
        "editing": editing,
        "row_form": form,
        "grid_error": error,
        "saved": saved,
        "can_add_cohort": can_add,
        "can_change_cohort": can_change,
        "heads": [forms.HEADS[name] for name in forms.COUNT_FIELDS],
        "form_id": forms.FORM_ID,
        "grid_url": reverse("programmes:cohort_grid", args=[programme.pk]),
    }


def _render(request, context, status=200):
    template = "programmes/_cohort_grid.html" if request.htmx else "programmes/cohort_grid.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def cohort_grid(request, pk):
    """GET: the grid (`?edit=<cohort pk>` or `?edit=new` opens a row). POST: save the open row."""
    if not has_model_permission(request.user, Cohort, "view"):
        raise PermissionDenied
    programme = get_object_or_404(Programme.objects.restrict(request.user, "view"), pk=pk)
    if request.method != "POST":
        return _render(request, grid_context(request, programme, editing=request.GET.get("edit", "")))

    row = request.POST.get("row", "")
    if row == "new":
        if not has_model_permission(request.user, Cohort, "add"):
            raise PermissionDenied
        cohort = Cohort(programme=programme)
    elif row.isdigit():
        if not has_model_permission(request.user, Cohort, "change"):
            raise PermissionDenied
        cohort = get_object_or_404(Cohort.objects.restrict(request.user, "change"), pk=row, programme=programme)
    else:
        return _render(request, grid_context(request, programme, error=_("No row was named; nothing saved.")), 400)

    form = forms.CohortRowForm(request.POST, instance=cohort, programme=programme, user=request.user)
    if not form.is_valid():
        return _render(request, grid_context(request, programme, editing=row, form=form), 422)
    try:
        with transaction.atomic():
            if cohort.pk:
                claim_version(cohort, form.cleaned_data["version"])
            cohort = form.save()
    except StaleVersion as exc:
        form.add_error(None, exc.message)
        return _render(request, grid_context(request, programme, editing=row, form=form), 409)
    except IntegrityError:  # the same year added by someone else a moment ago
        form.add_error("academic_year", ValidationError(_("This year was added meanwhile: edit its row.")))
        return _render(request, grid_context(request, programme, editing=row, form=form), 409)
    if not request.htmx:
        messages.success(request, _("Saved %(record)s.") % {"record": cohort})
        return redirect(f"{programme.get_absolute_url()}#cohorts")
    return _render(request, grid_context(request, programme, saved=cohort.pk))
