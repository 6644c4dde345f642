from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from partnerships.core.api import ObjectViewSet, PreconditionFailed, VersionedSerializer, etag_for, if_match
from partnerships.core.locking import StaleVersion

from . import filters, services
from .choices import Status
from .models import Accreditation, AorCode, Cohort, Programme

TAGS = ("strands", "colleges", "themes")


class ProgrammeSerializer(VersionedSerializer):
    class Meta:
        model = Programme
        exclude = ["is_demo"]
        read_only_fields = ["status"]
        extra_kwargs = {name: {"required": False} for name in TAGS}


class AccreditationSerializer(VersionedSerializer):
    class Meta:
        model = Accreditation
        exclude = ["is_demo"]


class CohortSerializer(VersionedSerializer):
    class Meta:
        model = Cohort
        exclude = ["is_demo"]


class AorCodeSerializer(VersionedSerializer):
    class Meta:
        model = AorCode
        exclude = ["is_demo"]


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Status.choices)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ProgrammeViewSet(ObjectViewSet):
    queryset = Programme.objects.prefetch_related(*TAGS)
    serializer_class = ProgrammeSerializer
    filterset_class = filters.ProgrammeFilterSet

    @extend_schema(request=TransitionSerializer, responses=ProgrammeSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the programme along its lifecycle; a forbidden move is a 400 that changes nothing."""
        programme = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            programme = services.programme_transition(
                programme=programme, user=request.user, version=if_match(request), **payload.validated_data
            )
        except DjangoValidationError as exc:
            raise ValidationError({"to": exc.messages}) from None
        except StaleVersion:
            raise PreconditionFailed() from None
        return Response(
            ProgrammeSerializer(programme, context=self.get_serializer_context()).data,
            headers={"ETag": etag_for(programme)},
        )


class AccreditationViewSet(ObjectViewSet):
    queryset = Accreditation.objects.all()
    serializer_class = AccreditationSerializer
    filterset_class = filters.AccreditationFilterSet


class CohortViewSet(ObjectViewSet):
    queryset = Cohort.objects.all()
    serializer_class = CohortSerializer
    filterset_class = filters.CohortFilterSet


class AorCodeViewSet(ObjectViewSet):
    queryset = AorCode.objects.all()
    serializer_class = AorCodeSerializer
    filterset_class = filters.AorCodeFilterSet
