from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from partnerships.core.api import ObjectViewSet, PreconditionFailed, VersionedSerializer, etag_for, if_match
from partnerships.core.locking import StaleVersion

from . import filters, services
from .choices import ProjectStatus
from .models import ExchangeRate, Funding, Output, Project, ProjectMember, ProjectPartner

TAGS = ("strands", "colleges", "themes")
OPTIONAL_TAGS = {name: {"required": False} for name in (*TAGS, "objectives")}


class ProjectSerializer(VersionedSerializer):
    class Meta:
        model = Project
        exclude = ["is_demo"]
        read_only_fields = ["status"]
        extra_kwargs = OPTIONAL_TAGS


class ProjectPartnerSerializer(VersionedSerializer):
    class Meta:
        model = ProjectPartner
        exclude = ["is_demo"]


class ProjectMemberSerializer(VersionedSerializer):
    class Meta:
        model = ProjectMember
        exclude = ["is_demo"]


class FundingSerializer(VersionedSerializer):
    class Meta:
        model = Funding
        exclude = ["is_demo"]


class ExchangeRateSerializer(VersionedSerializer):
    class Meta:
        model = ExchangeRate
        exclude = ["is_demo"]


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=ProjectStatus.choices)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ProjectViewSet(ObjectViewSet):
    queryset = Project.objects.prefetch_related(*TAGS, "objectives")
    serializer_class = ProjectSerializer
    filterset_class = filters.ProjectFilterSet

    @extend_schema(request=TransitionSerializer, responses=ProjectSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the project along its lifecycle; a forbidden move is a 400 that changes nothing."""
        project = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            project = services.project_transition(
                project=project,
                user=request.user,
                version=if_match(request),
                **payload.validated_data,
            )
        except DjangoValidationError as exc:
            raise ValidationError({"to": exc.messages}) from None
        except StaleVersion:
            raise PreconditionFailed() from None
        return Response(
            ProjectSerializer(project, context=self.get_serializer_context()).data, headers={"ETag": etag_for(project)}
        )


class ProjectPartnerViewSet(ObjectViewSet):
    queryset = ProjectPartner.objects.all()
    serializer_class = ProjectPartnerSerializer
    filterset_class = filters.ProjectPartnerFilterSet


class ProjectMemberViewSet(ObjectViewSet):
    queryset = ProjectMember.objects.all()
    serializer_class = ProjectMemberSerializer
    filterset_class = filters.ProjectMemberFilterSet


class FundingViewSet(ObjectViewSet):
    queryset = Funding.objects.all()
    serializer_class = FundingSerializer
    filterset_class = filters.FundingFilterSet


class ExchangeRateViewSet(ObjectViewSet):
    queryset = ExchangeRate.objects.all()
    serializer_class = ExchangeRateSerializer
    filterset_class = filters.ExchangeRateFilterSet


class OutputSerializer(VersionedSerializer):
    class Meta:
        model = Output
        exclude = ["is_demo"]
        extra_kwargs = {"projects": {"required": False}, "partners": {"required": False}}


class OutputViewSet(ObjectViewSet):
    queryset = Output.objects.prefetch_related("projects", "partners")
    serializer_class = OutputSerializer
    filterset_class = filters.OutputFilterSet
