from partnerships.core.api import ObjectViewSet, VersionedSerializer

from . import filters
from .models import Initiative, Objective

TAGS = ("strands", "colleges", "themes")


class ObjectiveSerializer(VersionedSerializer):
    class Meta:
        model = Objective
        exclude = ["is_demo"]


class InitiativeSerializer(VersionedSerializer):
    class Meta:
        model = Initiative
        exclude = ["is_demo"]
        extra_kwargs = {name: {"required": False} for name in (*TAGS, "objectives", "agreements")}


class ObjectiveViewSet(ObjectViewSet):
    queryset = Objective.objects.all()
    serializer_class = ObjectiveSerializer
    filterset_class = filters.ObjectiveFilterSet


class InitiativeViewSet(ObjectViewSet):
    queryset = Initiative.objects.prefetch_related(*TAGS, "objectives", "agreements")
    serializer_class = InitiativeSerializer
    filterset_class = filters.InitiativeFilterSet
