"""The global search: the page /search/?q=… (the HTMX box refreshes the results only) and the API
GET /api/search/?q=…, both grouped by type with the same permission filtering."""

from django.shortcuts import render
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .queries import PER_TYPE, search


def search_page(request):
    """Everything the user may view that matches the query, grouped by record type."""
    text = request.GET.get("q", "").strip()[:200]
    groups = search(request.user, text) if text else []
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


class SearchGroupSerializer(serializers.Serializer):
    type = serializers.CharField(source="key")
    label = serializers.CharField()
    count = serializers.IntegerField()
    more = serializers.BooleanField()
    hits = SearchHitSerializer(many=True)


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    groups = SearchGroupSerializer(many=True)


class SearchAPIView(APIView):
    """Records of every registered type that match `q` and that the caller may view."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Chinese, pinyin or English; typos tolerated."),
            OpenApiParameter("limit", OpenApiTypes.INT, description=f"Hits per type (1–50, default {PER_TYPE})."),
            OpenApiParameter(
                "types", OpenApiTypes.STR, description="Comma-separated, e.g. organisations-organisation."
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
        groups = search(request.user, text, limit=limit, types=types) if text else []
        data = SearchResultSerializer({"query": text, "groups": groups}, context={"request": request}).data
        return Response(data)
