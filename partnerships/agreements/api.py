from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from partnerships.core.api import ObjectViewSet, PreconditionFailed, VersionedSerializer, etag_for, if_match
from partnerships.core.locking import StaleVersion

from . import filters, services
from .choices import DocumentType, Status
from .models import Agreement, AgreementKind, Document, Obligation, Party, Signatory

OPTIONAL_TAGS = {name: {"required": False} for name in ("strands", "colleges", "themes", "interactions")}


class AgreementSerializer(VersionedSerializer):
    class Meta:
        model = Agreement
        exclude = ["is_demo"]
        read_only_fields = ["status", "signed_date", "predecessor"]
        extra_kwargs = OPTIONAL_TAGS


class AgreementKindSerializer(VersionedSerializer):
    class Meta:
        model = AgreementKind
        exclude = ["is_demo"]


class PartySerializer(VersionedSerializer):
    class Meta:
        model = Party
        exclude = ["is_demo"]


class SignatorySerializer(VersionedSerializer):
    class Meta:
        model = Signatory
        exclude = ["is_demo"]


class ObligationSerializer(VersionedSerializer):
    class Meta:
        model = Obligation
        exclude = ["is_demo"]


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        exclude = ["is_demo", "file"]


class DocumentUploadSerializer(serializers.Serializer):
    agreement = serializers.PrimaryKeyRelatedField(queryset=Agreement.objects.all())
    title = serializers.CharField(max_length=200)
    doc_type = serializers.ChoiceField(choices=DocumentType.choices, default=DocumentType.SIGNED)
    file = serializers.FileField()


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Status.choices)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class RenewSerializer(serializers.Serializer):
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class AgreementViewSet(ObjectViewSet):
    queryset = Agreement.objects.prefetch_related("strands", "colleges", "themes", "interactions")
    serializer_class = AgreementSerializer
    filterset_class = filters.AgreementFilterSet

    @extend_schema(request=TransitionSerializer, responses=AgreementSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the agreement along its lifecycle; a forbidden move is a 400 that changes nothing."""
        agreement = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        expected = if_match(request)
        try:
            agreement = services.agreement_transition(
                agreement=agreement, user=request.user, version=expected, **payload.validated_data
            )
        except DjangoValidationError as exc:
            raise ValidationError({"to": exc.messages}) from None
        except StaleVersion:
            raise PreconditionFailed() from None
        return Response(
            AgreementSerializer(agreement, context=self.get_serializer_context()).data,
            headers={"ETag": etag_for(agreement)},
        )

    @extend_schema(request=RenewSerializer, responses=AgreementSerializer)
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        """Draft the successor of an active or expired agreement."""
        agreement = self.get_object()
        payload = RenewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            successor = services.agreement_renew(agreement=agreement, user=request.user, **payload.validated_data)
        except DjangoValidationError as exc:
            raise ValidationError({"non_field_errors": exc.messages}) from None
        return Response(AgreementSerializer(successor, context=self.get_serializer_context()).data, status=201)


class AgreementKindViewSet(ObjectViewSet):
    queryset = AgreementKind.objects.all()
    serializer_class = AgreementKindSerializer
    filterset_class = filters.AgreementKindFilterSet


class PartyViewSet(ObjectViewSet):
    queryset = Party.objects.all()
    serializer_class = PartySerializer
    filterset_class = filters.PartyFilterSet


class SignatoryViewSet(ObjectViewSet):
    queryset = Signatory.objects.all()
    serializer_class = SignatorySerializer
    filterset_class = filters.SignatoryFilterSet


class ObligationViewSet(ObjectViewSet):
    queryset = Obligation.objects.all()
    serializer_class = ObligationSerializer
    filterset_class = filters.ObligationFilterSet


class DocumentViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Documents are read and deleted here; upload (multipart) creates a new version, never overwrites."""

    queryset = Document.objects.all()
    serializer_class = DocumentSerializer
    filterset_class = filters.DocumentFilterSet
    parser_classes = [MultiPartParser]

    def get_queryset(self):
        from partnerships.core.api import METHOD_ACTIONS

        return self.queryset.restrict(self.request.user, METHOD_ACTIONS.get(self.request.method, "view"))

    @extend_schema(request=DocumentUploadSerializer, responses=DocumentSerializer)
    def create(self, request, *args, **kwargs):
        payload = DocumentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        agreement = Agreement.objects.restrict(request.user, "change").filter(pk=data["agreement"].pk).first()
        if agreement is None:
            raise ValidationError({"agreement": [_("Not found.")]})
        try:
            document = services.document_add(
                agreement=agreement,
                upload=data["file"],
                title=data["title"],
                doc_type=data["doc_type"],
                user=request.user,
            )
        except DjangoValidationError as exc:
            raise ValidationError({"file": exc.messages}) from None
        return Response(DocumentSerializer(document).data, status=201)
