from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from partnerships.core import views as generic
from partnerships.core.locking import StaleVersion
from partnerships.core.panels import list_url, panel
from partnerships.core.permissions import has_model_permission
from partnerships.registry.models import RegistryEntry

from . import filters, forms, tables
from .choices import DuplicateKind
from .from_registry import namesakes, organisation_from_registry
from .merge import merge_preview, organisation_merge, person_merge
from .models import Affiliation, Organisation, Person
from .queries import duplicate_page
from .services import person_create

TAGS = ("strands", "colleges", "themes")


class OrganisationListView(generic.ObjectListView):
    model = Organisation
    # Tags and other linked records are loaded by the table's columns, a page at a time.
    queryset = Organisation.objects.select_related("relationship")
    filterset_class = filters.OrganisationFilterSet
    table_class = tables.OrganisationTable


class OrganisationDetailView(generic.ObjectDetailView):
    """An organisation with the latest of what is linked to it; each panel links to the rest."""

    model = Organisation
    queryset = Organisation.objects.select_related("parent").prefetch_related(*TAGS)

    def extra_context(self, request, obj):
        # The other sections (people, relationship, interactions, agreements) are page panels
        # registered by their apps (core.panels).
        return {
            "children": panel(
                obj.children.restrict(request.user, "view").order_by("-pk"),
                url=list_url("organisations:organisation_list", parent=obj.pk),
            ),
        }


class OrganisationEditView(generic.ObjectEditView):
    model = Organisation
    form_class = forms.OrganisationForm


class OrganisationDeleteView(generic.ObjectDeleteView):
    model = Organisation


class PersonListView(generic.ObjectListView):
    model = Person
    queryset = Person.objects.select_related("college")
    filterset_class = filters.PersonFilterSet
    table_class = tables.PersonTable


class PersonDetailView(generic.ObjectDetailView):
    model = Person
    queryset = Person.objects.select_related("college").prefetch_related(*TAGS)


class PersonEditView(generic.ObjectEditView):
    model = Person
    form_class = forms.PersonForm

    def save_form(self, request, form):
        if form.instance.pk:
            return form.save()
        person = person_create(
            person=form.save(commit=False),
            organisation=form.cleaned_data.get("organisation"),
            role=form.cleaned_data.get("role", ""),
        )
        form.save_m2m()
        return person


class PersonDeleteView(generic.ObjectDeleteView):
    model = Person


class AffiliationListView(generic.ObjectListView):
    model = Affiliation
    queryset = Affiliation.objects.select_related("person", "organisation")
    filterset_class = filters.AffiliationFilterSet
    table_class = tables.AffiliationTable


class AffiliationDetailView(generic.ObjectDetailView):
    model = Affiliation
    queryset = Affiliation.objects.select_related("person", "organisation")


class AffiliationEditView(generic.ObjectEditView):
    model = Affiliation
    form_class = forms.AffiliationForm

    def get_success_url(self, request, obj):
        return super().get_success_url(request, obj) if request.GET.get("next") else obj.person.get_absolute_url()


class AffiliationDeleteView(generic.ObjectDeleteView):
    model = Affiliation


def can_merge(user, model) -> bool:
    """Merging changes the survivor and deletes the loser."""
    return has_model_permission(user, model, "change") and has_model_permission(user, model, "delete")


class DuplicateListView(View):
    """Likely duplicate organisations and people, best first, a page of each at a time, with the evidence;
    merge buttons for those who may merge. The pairs are read as stored (see duplicate_index.py)."""

    def get(self, request):
        user = request.user
        can_view = {m: has_model_permission(user, m, "view") for m in (Organisation, Person)}
        if not any(can_view.values()):
            raise PermissionDenied
        pages = {
            prefix: duplicate_page(
                user, kind, after=request.GET.get(f"{prefix}_after", ""), before=request.GET.get(f"{prefix}_before", "")
            )
            if can_view[model]
            else None
            for prefix, kind, model in (
                ("organisations", DuplicateKind.ORGANISATION, Organisation),
                ("people", DuplicateKind.PERSON, Person),
            )
        }
        context = {
            "organisation_page": pages["organisations"],
            "person_page": pages["people"],
            "can_merge_organisations": can_merge(user, Organisation),
            "can_merge_people": can_merge(user, Person),
        }
        return render(request, "organisations/duplicates.html", context)


class MergeView(View):
    """Confirm, then fold the record at `pk` into the one at ?into=; both versions ride in the form."""

    model = None
    service = None

    def get_records(self, request, pk):
        if not can_merge(request.user, self.model):
            raise PermissionDenied
        into = request.GET.get("into", "")
        if not into.isdigit():
            raise Http404
        loser = get_object_or_404(self.model.objects.restrict(request.user, "delete"), pk=pk)
        survivor = get_object_or_404(self.model.objects.restrict(request.user, "change"), pk=int(into))
        return survivor, loser

    def get(self, request, pk):
        survivor, loser = self.get_records(request, pk)
        return self.render_confirm(request, survivor, loser)

    def post(self, request, pk):
        survivor, loser = self.get_records(request, pk)
        versions = {name: request.POST.get(name, "") for name in ("survivor_version", "loser_version")}
        if not all(v.isdigit() for v in versions.values()):
            return self.render_confirm(request, survivor, loser, error=_("The form is incomplete."), status=400)
        try:
            merged = self.service(
                survivor=survivor, loser=loser, user=request.user, **{k: int(v) for k, v in versions.items()}
            )
        except StaleVersion as exc:
            return self.render_confirm(request, survivor, loser, error=exc.message, status=409)
        except ValidationError as exc:
            return self.render_confirm(request, survivor, loser, error=" ".join(exc.messages), status=400)
        messages.success(request, _("Merged %(loser)s into %(survivor)s.") % {"loser": loser, "survivor": merged})
        return redirect(merged.get_absolute_url())

    def render_confirm(self, request, survivor, loser, error="", status=200):
        fields = [
            (f.verbose_name, _shown(loser, f), _shown(survivor, f))
            for f in self.model._meta.concrete_fields
            if f.editable and not f.primary_key
        ]
        context = {
            "model_meta": self.model._meta,
            "survivor": survivor,
            "loser": loser,
            "fields": fields,
            "moving": merge_preview(loser, request.user),
            "error": error,
            "swap_url": reverse(f"organisations:{self.model._meta.model_name}_merge", args=[survivor.pk])
            + f"?into={loser.pk}",
        }
        return render(request, "organisations/merge_confirm.html", context, status=status)


def _shown(obj, field):
    """A field's value as a reader sees it: choice labels, related records' names, lists joined."""
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    value = getattr(obj, field.name)
    return "; ".join(map(str, value)) if isinstance(value, list) else value


class OrganisationMergeView(MergeView):
    model = Organisation
    service = staticmethod(organisation_merge)


class PersonMergeView(MergeView):
    model = Person
    service = staticmethod(person_merge)


@require_POST
def organisation_from_registry_view(request, ror_id):
    """Make a centre record from a registry entry: names, aliases, place, parent and ROR ID filled in.

    When the register already has an organisation of that name without a ROR ID, nothing is made until the
    user confirms it is a different one: the entry page shows the namesake and how to add the ROR ID to it."""
    if not has_model_permission(request.user, Organisation, "add"):
        raise PermissionDenied
    entry = get_object_or_404(RegistryEntry.objects.restrict(request.user, "view"), pk=ror_id)
    if not request.POST.get("confirm_new") and namesakes(entry, request.user):
        messages.warning(request, _("The register may already hold this organisation without its ROR ID; see below."))
        return redirect(entry.get_absolute_url())
    try:
        organisation = organisation_from_registry(entry=entry, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(entry.get_absolute_url())
    return redirect(organisation.get_absolute_url())
