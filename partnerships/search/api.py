"""`/api/resolve/`: organisation resolution over HTTP, in the shape `resolve_organisations` writes."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .suggest import MAX_QUERY, can_resolve, resolve_for_user


class CanResolve(BasePermission):
    """Answers are organisations or registry entries: a user needs to be able to view one or the other."""

    def has_permission(self, request, view):
        return can_resolve(request.user)


class ResolveSerializer(serializers.Serializer):
    query = serializers.CharField(
        max_length=MAX_QUERY, help_text=_("An organisation name or affiliation string, in any script.")
    )
    registry_only = serializers.BooleanField(
        default=False, help_text=_("Resolve against the ROR registry alone, not the centre's organisations.")
    )


class ResolutionMatchSerializer(serializers.Serializer):
    ror_id = serializers.CharField(allow_null=True)
    organisation_id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()


class ResolutionCandidateSerializer(ResolutionMatchSerializer):
    score = serializers.FloatField()


class ResolutionSerializer(serializers.Serializer):
    query = serializers.CharField()
    match = ResolutionMatchSerializer(allow_null=True, help_text=_("Null when no candidate is confident enough."))
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    candidates = ResolutionCandidateSerializer(
        many=True, help_text=_("The best five the user may view, answered or not.")
    )


EXAMPLE = OpenApiExample(
    "A match",
    value={
        "query": "Dept of Cardiology, Sun Yat-sen Univ, Guangzhou 510080, Peoples R China",
        "match": {"ror_id": "0064kty71", "organisation_id": 12, "name": "Sun Yat-sen University"},
        "score": 1.0,
        "reasons": ["exact name “Sun Yat-sen University”", "country CN agrees", "city Guangzhou named"],
        "candidates": [
            {"ror_id": "0064kty71", "organisation_id": 12, "name": "Sun Yat-sen University", "score": 1.0},
        ],
    },
    response_only=True,
)


class ResolveView(APIView):
    """Resolve one string to the best organisation the user may view, or say there is no confident match.

    Candidates are filtered by permission: without `view_organisation` the answer comes from the ROR
    registry alone; without `view_registryentry` no registry entry is shown."""

    permission_classes = [IsAuthenticated, CanResolve]

    @extend_schema(
        operation_id="resolve_organisation",
        request=ResolveSerializer,
        responses={200: ResolutionSerializer, 400: OpenApiTypes.OBJECT},
        examples=[EXAMPLE],
        tags=["resolve"],
    )
    def post(self, request):
        return self.answer(request.data)

    @extend_schema(
        operation_id="resolve_organisation_get",
        parameters=[
            OpenApiParameter("q", str, required=True, description="The string to resolve (at most 500 characters)."),
            OpenApiParameter("registry_only", bool, description="Resolve against the ROR registry alone."),
        ],
        responses={200: ResolutionSerializer, 400: OpenApiTypes.OBJECT},
        examples=[EXAMPLE],
        tags=["resolve"],
    )
    def get(self, request):
        params = request.query_params
        return self.answer({"query": params.get("q", ""), "registry_only": params.get("registry_only", False)})

    def answer(self, data):
        given = ResolveSerializer(data=data)
        given.is_valid(raise_exception=True)
        resolution, _shown = resolve_for_user(
            given.validated_data["query"], self.request.user, registry_only=given.validated_data["registry_only"]
        )
        return Response(ResolutionSerializer(resolution.as_dict()).data)
