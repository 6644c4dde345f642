from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError

from partnerships.core.api import ObjectViewSet, VersionedSerializer

from . import filters
from .models import Supervision, TrainingRecord
from .rules import check_projects

TAGS = ("strands", "colleges", "themes")


class TrainingRecordSerializer(VersionedSerializer):
    class Meta:
        model = TrainingRecord
        exclude = ["is_demo"]
        extra_kwargs = {name: {"required": False} for name in (*TAGS, "objectives", "projects")}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        status = attrs.get("status", getattr(self.instance, "status", "proposed"))
        if "projects" in attrs:
            projects = attrs["projects"]
        else:
            projects = self.instance.projects.all() if self.instance is not None else []
        try:
            check_projects(status, projects)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from None
        return attrs


class SupervisionSerializer(VersionedSerializer):
    class Meta:
        model = Supervision
        exclude = ["is_demo"]


class TrainingRecordViewSet(ObjectViewSet):
    queryset = TrainingRecord.objects.prefetch_related(*TAGS, "objectives", "projects")
    serializer_class = TrainingRecordSerializer
    filterset_class = filters.TrainingRecordFilterSet


class SupervisionViewSet(ObjectViewSet):
    queryset = Supervision.objects.all()
    serializer_class = SupervisionSerializer
    filterset_class = filters.SupervisionFilterSet
