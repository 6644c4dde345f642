from partnerships.core.api import ObjectViewSet, VersionedSerializer

from . import filters
from .models import Activity, ParticipantCount

TAGS = ("strands", "colleges", "themes")


class ActivitySerializer(VersionedSerializer):
    class Meta:
        model = Activity
        exclude = ["is_demo"]
        extra_kwargs = {name: {"required": False} for name in (*TAGS, "objectives", "participants")}


class ParticipantCountSerializer(VersionedSerializer):
    class Meta:
        model = ParticipantCount
        exclude = ["is_demo"]


class ActivityViewSet(ObjectViewSet):
    queryset = Activity.objects.prefetch_related(*TAGS, "objectives", "partners", "participants")
    serializer_class = ActivitySerializer
    filterset_class = filters.ActivityFilterSet


class ParticipantCountViewSet(ObjectViewSet):
    queryset = ParticipantCount.objects.all()
    serializer_class = ParticipantCountSerializer
    filterset_class = filters.ParticipantCountFilterSet
