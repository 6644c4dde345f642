from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from partnerships.core.api import ObjectViewSet, PreconditionFailed, VersionedSerializer, etag_for, if_match
from partnerships.core.locking import StaleVersion
from partnerships.core.permissions import has_model_permission

from . import filters, services
from .choices import DealStage, MatchStatus
from .models import Deal, Expertise, IPAsset, Match, Need, Sector

TAGS = ("strands", "colleges", "themes")
OPTIONAL = {name: {"required": False} for name in TAGS}


class IPAssetSerializer(VersionedSerializer):
    class Meta:
        model = IPAsset
        exclude = ["is_demo"]
        extra_kwargs = {**OPTIONAL, **{n: {"required": False} for n in ("inventors", "sectors", "projects")}}


class NeedSerializer(VersionedSerializer):
    class Meta:
        model = Need
        exclude = ["is_demo"]
        extra_kwargs = OPTIONAL


class ExpertiseSerializer(VersionedSerializer):
    class Meta:
        model = Expertise
        exclude = ["is_demo"]
        extra_kwargs = {**OPTIONAL, "sectors": {"required": False}}


class MatchSerializer(VersionedSerializer):
    class Meta:
        model = Match
        exclude = ["is_demo"]
        read_only_fields = ["need", "ip_asset", "expert", "score", "reasons", "status", "reason"]


class DealSerializer(VersionedSerializer):
    class Meta:
        model = Deal
        exclude = ["is_demo"]
        read_only_fields = ["stage", "lost_reason", "closed_on"]
        extra_kwargs = {**OPTIONAL, "ip_assets": {"required": False}, "team": {"required": False}}


class SectorSerializer(VersionedSerializer):
    class Meta:
        model = Sector
        exclude = ["is_demo"]


class MoveSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=DealStage.choices)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class DecideSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=[c for c in MatchStatus.choices if c[0] != MatchStatus.SUGGESTED])
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


def _refused(exc, field="to"):
    return ValidationError({field: exc.messages})


class IPAssetViewSet(ObjectViewSet):
    queryset = IPAsset.objects.prefetch_related(*TAGS, "inventors", "sectors", "projects")
    serializer_class = IPAssetSerializer
    filterset_class = filters.IPAssetFilterSet


class NeedViewSet(ObjectViewSet):
    queryset = Need.objects.prefetch_related(*TAGS)
    serializer_class = NeedSerializer
    filterset_class = filters.NeedFilterSet

    @extend_schema(request=None, responses=MatchSerializer(many=True))
    @action(detail=True, methods=["post"])
    def suggest(self, request, pk=None):
        """Rank offerable IP and available experts for the need and record the best as suggested
        matches (a pairing found not relevant is never suggested again)."""
        if not has_model_permission(request.user, Match, "add"):
            raise PermissionDenied()
        need = self.get_object()
        found = services.suggest_matches(need=need)
        return Response(MatchSerializer(found, many=True, context=self.get_serializer_context()).data)


class ExpertiseViewSet(ObjectViewSet):
    queryset = Expertise.objects.prefetch_related(*TAGS, "sectors")
    serializer_class = ExpertiseSerializer
    filterset_class = filters.ExpertiseFilterSet


class MatchViewSet(ObjectViewSet):
    """Matches are made by `suggest` on a need, decided with `decide`, and turned into a deal with
    `start_deal`; they are not created or edited by hand."""

    queryset = Match.objects.all()
    serializer_class = MatchSerializer
    filterset_class = filters.MatchFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]

    def create(self, request, *args, **kwargs):
        raise ValidationError({"need": ["Matches are proposed by POST /api/business-needs/{id}/suggest/."]})

    @extend_schema(request=DecideSerializer, responses=MatchSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Contacted, interested, or not relevant (with a reason; never suggested again)."""
        match = self.get_object()
        payload = DecideSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            match = services.match_decide(
                match=match, user=request.user, version=if_match(request), **payload.validated_data
            )
        except DjangoValidationError as exc:
            raise _refused(exc) from None
        except StaleVersion:
            raise PreconditionFailed() from None
        return Response(
            MatchSerializer(match, context=self.get_serializer_context()).data, headers={"ETag": etag_for(match)}
        )

    @extend_schema(request=None, responses=DealSerializer)
    @action(detail=True, methods=["post"], url_path="start-deal")
    def start_deal(self, request, pk=None):
        """Accept the match and start a deal from it."""
        if not has_model_permission(request.user, Deal, "add"):
            raise PermissionDenied()
        match = self.get_object()
        try:
            deal = services.deal_from_match(match=match, user=request.user, owner=getattr(request.user, "person", None))
        except DjangoValidationError as exc:
            raise _refused(exc, "match") from None
        return Response(DealSerializer(deal, context=self.get_serializer_context()).data, status=201)


class DealViewSet(ObjectViewSet):
    queryset = Deal.objects.prefetch_related(*TAGS, "ip_assets", "team")
    serializer_class = DealSerializer
    filterset_class = filters.DealFilterSet

    @extend_schema(request=MoveSerializer, responses=DealSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Move the deal to another stage; "lost" needs a reason. A refused move is a 400 that changes nothing."""
        deal = self.get_object()
        payload = MoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            deal = services.deal_move(deal=deal, user=request.user, version=if_match(request), **payload.validated_data)
        except DjangoValidationError as exc:
            raise _refused(exc) from None
        except StaleVersion:
            raise PreconditionFailed() from None
        return Response(
            DealSerializer(deal, context=self.get_serializer_context()).data, headers={"ETag": etag_for(deal)}
        )


class SectorViewSet(ObjectViewSet):
    queryset = Sector.objects.all()
    serializer_class = SectorSerializer
    filterset_class = filters.SectorFilterSet
