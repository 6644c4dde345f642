from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.core import views as generic
from partnerships.core.permissions import has_model_permission
from partnerships.organisations.models import Organisation

from .filters import RegistryEntryFilterSet
from .models import RegistryEntry
from .services import namesakes, organisation_from_registry
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
        organisation = Organisation.objects.restrict(request.user, "view").filter(ror_id=obj.ror_id).first()
        can_create = has_model_permission(request.user, Organisation, "add")
        return {
            "organisation": organisation,
            "can_create_organisation": can_create,
            "namesakes": namesakes(obj, request.user) if can_create and organisation is None else [],
        }


@require_POST
def registry_entry_create_organisation(request, pk):
    """Make a centre record from a registry entry: names, aliases, place, parent and ROR ID filled in.

    When the register already has an organisation of that name without a ROR ID, nothing is made until the
    user confirms it is a different one: the entry page shows the namesake and how to add the ROR ID to it."""
    if not has_model_permission(request.user, Organisation, "add"):
        raise PermissionDenied
    entry = get_object_or_404(RegistryEntry.objects.restrict(request.user, "view"), pk=pk)
    if not request.POST.get("confirm_new") and namesakes(entry, request.user):
        messages.warning(request, _("The register may already hold this organisation without its ROR ID; see below."))
        return redirect(entry.get_absolute_url())
    try:
        organisation = organisation_from_registry(entry=entry, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(entry.get_absolute_url())
    return redirect(organisation.get_absolute_url())
