from partnerships.core import views as generic

from .filters import RegistryEntryFilterSet
from .models import RegistryEntry
from .tables import RegistryEntryTable


class RegistryEntryListView(generic.ObjectListView):
    model = RegistryEntry
    filterset_class = RegistryEntryFilterSet
    table_class = RegistryEntryTable
    template_name = "registry/registryentry_list.html"


class RegistryEntryDetailView(generic.ObjectDetailView):
    """A ROR record as loaded; other apps add their sections (the centre's record of it) as page panels."""

    model = RegistryEntry
    show_history = False  # reference data, replaced by load_ror, not edited in the app
