"""The global search: the page /search/?q=… (the HTMX box refreshes the results only) and the API
GET /api/search/?q=…, both grouped by type with the same permission filtering; after the record types,
the ROR registry entries the query names (`registry_hits`)."""

from django.shortcuts import render
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .queries import PER_TYPE, search
from .registry_hits import registry_group


def grouped_results(user, text: str, *, limit: int = PER_TYPE, types=None) -> list:
    """The record-type groups, then the registry entries' group when there is one."""
    if not text:
        return []
    groups = search(user, text, limit=limit, types=types)
    registry = registry_group(user, text, groups, limit=limit, types=types)
    return [*groups, registry] if registry else groups


def search_page(request):
    """Everything the user may view that matches the query, grouped by record type."""
    text = request.GET.get("q", "").strip()[:200]
    groups = grouped_results(request.user, text)
    context = {"q": text, "groups": groups}
    partial = request.htmx and not request.htmx.history_restore_request
    template = "search/_results.html" if partial else "search/search.html"
    return render(request, template, context)


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="obj.pk")
    name = serializers.CharField()
    other_name = serializers.CharField()
    url = serializers.SerializerMethodField()
    match = serializers.ChoiceField(choices=["exact", "prefix", "words", "fuzzy"])
    score = serializers.FloatField()

    def get_url(self, hit) -> str:
        return self.context["request"].build_absolute_uri(hit.url)


class RegistryHitSerializer(SearchHitSerializer):
    id = serializers.CharField(source="entry.ror_id", help_text="The ROR ID.")
    organisation_url = serializers.SerializerMethodField(
        help_text="The centre's organisation with this ROR ID, when the caller may view it; null if not recorded yet."
    )

    def get_organisation_url(self, hit) -> str | None:
        organisation = hit.organisation
        return self.context["request"].build_absolute_uri(organisation.get_absolute_url()) if organisation else None


HITS = PolymorphicProxySerializer(
    component_name="SearchGroupHit",
    serializers=[SearchHitSerializer, RegistryHitSerializer],
    resource_type_field_name=None,
    many=True,
)


class SearchGroupSerializer(serializers.Serializer):
    type = serializers.CharField(source="key")
    label = serializers.CharField()
    count = serializers.IntegerField()
    more = serializers.BooleanField()
    hits = serializers.SerializerMethodField()

    @extend_schema_field(HITS)
    def get_hits(self, group) -> list:
        """Registry entries are keyed by their ROR ID and say whether the centre has recorded them."""
        serializer = RegistryHitSerializer if getattr(group, "is_registry", False) else SearchHitSerializer
        return serializer(group.hits, many=True, context=self.context).data


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    groups = SearchGroupSerializer(many=True)


class SearchAPIView(APIView):
    """Records of every registered type that match `q` and that the caller may view, then the ROR registry
    entries `q` names (group `registry-registryentry`, for callers who may view registry entries)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Chinese, pinyin or English; typos tolerated."),
            OpenApiParameter("limit", OpenApiTypes.INT, description=f"Hits per type (1–50, default {PER_TYPE})."),
            OpenApiParameter(
                "types",
                OpenApiTypes.STR,
                description="Comma-separated, e.g. organisations-organisation,registry-registryentry.",
            ),
        ],
        responses=SearchResultSerializer,
    )
    def get(self, request):
        text = request.query_params.get("q", "").strip()[:200]
        try:
            limit = max(1, min(int(request.query_params.get("limit", PER_TYPE)), 50))
        except ValueError:
            limit = PER_TYPE
        types = [t for t in request.query_params.get("types", "").split(",") if t]
        groups = grouped_results(request.user, text, limit=limit, types=types)
        data = SearchResultSerializer({"query": text, "groups": groups}, context={"request": request}).data
        return Response(data)
