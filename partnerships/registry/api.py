from rest_framework import serializers, viewsets

from .filters import RegistryEntryFilterSet
from .models import RegistryEntry


class RegistryEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = RegistryEntry
        exclude = ["record"]


class RegistryEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """ROR registry entries: reference data, read-only (loaded with `manage.py load_ror`)."""

    queryset = RegistryEntry.objects.all()
    serializer_class = RegistryEntrySerializer
    filterset_class = RegistryEntryFilterSet

    def get_queryset(self):
        return self.queryset.restrict(self.request.user, "view")
