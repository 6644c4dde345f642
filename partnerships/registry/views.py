from django.urls import reverse

from partnerships.core import views as generic

from .filters import RegistryEntryFilterSet, RegistryNameFilterSet
from .forms import RegistryNameForm
from .models import RegistryEntry, RegistryName
from .tables import RegistryEntryTable, RegistryNameTable


class RegistryEntryListView(generic.ObjectListView):
    model = RegistryEntry
    filterset_class = RegistryEntryFilterSet
    table_class = RegistryEntryTable
    template_name = "registry/registryentry_list.html"


class RegistryEntryDetailView(generic.ObjectDetailView):
    """A ROR record as loaded; other apps add their sections (the centre's record of it) as page panels."""

    model = RegistryEntry
    show_history = False  # reference data, replaced by load_ror, not edited in the app

    def extra_context(self, request, obj):
        names = RegistryName.objects.restrict(request.user, "view").filter(ror_id=obj.ror_id).order_by("kind", "name")
        return {"added_names": list(names[:50])}


class RegistryNameListView(generic.ObjectListView):
    model = RegistryName
    filterset_class = RegistryNameFilterSet
    table_class = RegistryNameTable


class RegistryNameDetailView(generic.ObjectDetailView):
    model = RegistryName
    template_name = "registry/registryname.html"


class RegistryNameEditView(generic.ObjectEditView):
    """An admin adds or corrects a name of a registry entry (`?ror_id=` from the entry's page)."""

    model = RegistryName
    form_class = RegistryNameForm

    def get_success_url(self, request, obj):
        return reverse("registry:registryentry_detail", args=[obj.ror_id])


class RegistryNameDeleteView(generic.ObjectDeleteView):
    model = RegistryName
