from partnerships.core.api import ObjectViewSet, VersionedSerializer

from . import filters
from .models import Interaction, Relationship

TAGS = ("strands", "colleges", "themes")
OPTIONAL_TAGS = {name: {"required": False} for name in TAGS}


class RelationshipSerializer(VersionedSerializer):
    class Meta:
        model = Relationship
        exclude = ["is_demo"]
        extra_kwargs = OPTIONAL_TAGS


class InteractionSerializer(VersionedSerializer):
    class Meta:
        model = Interaction
        exclude = ["is_demo"]
        extra_kwargs = {**OPTIONAL_TAGS, "people": {"required": False}}


class RelationshipViewSet(ObjectViewSet):
    queryset = Relationship.objects.prefetch_related(*TAGS)
    serializer_class = RelationshipSerializer
    filterset_class = filters.RelationshipFilterSet


class InteractionViewSet(ObjectViewSet):
    queryset = Interaction.objects.prefetch_related("organisations", "people", *TAGS)
    serializer_class = InteractionSerializer
    filterset_class = filters.InteractionFilterSet
