from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from partnerships.core import views as generic
from partnerships.core.permissions import has_model_permission
from partnerships.organisations.models import Organisation

from .filters import RegistryEntryFilterSet
from .models import RegistryEntry
from .services import organisation_from_registry
from .tables import RegistryEntryTable


class RegistryEntryListView(generic.ObjectListView):
    model = RegistryEntry
    filterset_class = RegistryEntryFilterSet
    table_class = RegistryEntryTable
    template_name = "registry/registryentry_list.html"


class RegistryEntryDetailView(generic.ObjectDetailView):
    model = RegistryEntry
    show_history = False  # reference data, replaced by load_ror, not edited in the app

    def extra_context(self, request, obj):
        organisations = Organisation.objects.restrict(request.user, "view")
        return {
            "organisation": organisations.filter(ror_id=obj.ror_id).first(),
            "can_create_organisation": has_model_permission(request.user, Organisation, "add"),
        }


@require_POST
def registry_entry_create_organisation(request, pk):
    """Make a centre record from a registry entry: names, aliases, place, parent and ROR ID filled in."""
    if not has_model_permission(request.user, Organisation, "add"):
        raise PermissionDenied
    entry = get_object_or_404(RegistryEntry.objects.restrict(request.user, "view"), pk=pk)
    try:
        organisation = organisation_from_registry(entry=entry, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(entry.get_absolute_url())
    return redirect(organisation.get_absolute_url())
