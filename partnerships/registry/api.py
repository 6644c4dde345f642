from rest_framework import serializers, viewsets

from partnerships.core.api import ObjectViewSet, VersionedSerializer

from .filters import RegistryEntryFilterSet, RegistryNameFilterSet
from .models import RegistryEntry, RegistryName


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


class RegistryNameSerializer(VersionedSerializer):
    class Meta:
        model = RegistryName
        exclude = ["is_demo"]


class RegistryNameViewSet(ObjectViewSet):
    """Names admins add to registry entries (short forms, names in another script, former names) or set
    aside as another organisation's; kept across registry reloads and read by the resolver."""

    queryset = RegistryName.objects.all()
    serializer_class = RegistryNameSerializer
    filterset_class = RegistryNameFilterSet
