"""The API's shared parts: model permissions, restricted querysets, ETag/If-Match locking, errors."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch, ProtectedError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.relations import ManyRelatedField, PrimaryKeyRelatedField
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .deletion import delete_record
from .locking import StaleVersion, claim_version

METHOD_ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record has changed since you read it (version mismatch). GET it again and retry.")
    default_code = "precondition_failed"


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        "Send If-Match with the record's ETag (or its current `version`) so a stale update can be refused."
    )
    default_code = "precondition_required"


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def etag_for(instance) -> str:
    return f'"{instance.version}"'


def if_match(request) -> int | None:
    """The version an If-Match header names, or None when there is none (or it is not a version):
    for actions such as a lifecycle move, where the lock is optional."""
    header = request.headers.get("If-Match", "").split(",")[0].strip().removeprefix("W/").strip('"')
    return int(header) if header.isdigit() else None


def _expected_version(request) -> int | None:
    header = request.headers.get("If-Match")
    if header:
        tag = header.split(",")[0].strip().removeprefix("W/").strip('"')
        if tag == "*":
            return None
        try:
            return int(tag)
        except ValueError:
            raise PreconditionFailed() from None
    body_version = request.data.get("version") if hasattr(request.data, "get") else None
    if body_version is None:
        raise PreconditionRequired()
    try:
        return int(body_version)
    except (TypeError, ValueError):
        raise ValidationError({"version": [_("A whole number is required.")]}) from None


class VersionedSerializer(serializers.ModelSerializer):
    """Every record's representation carries its version (also sent as the ETag)."""

    version = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            _restrict_related(self.fields.values(), request.user)

    def validate(self, attrs):
        """Run the model's own clean() so the API enforces the same rules as the pages."""
        attrs = super().validate(attrs)
        model = self.Meta.model
        many = {f.name for f in model._meta.many_to_many}
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        for field, value in attrs.items():
            if field not in many:
                setattr(candidate, field, value)
        candidate.clean()
        # clean() may normalise (upper-case a country code, de-duplicate names): keep what it made.
        return {field: value if field in many else getattr(candidate, field) for field, value in attrs.items()}

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


def _restrict_related(fields, user) -> None:
    """A related field accepts only records the user may see, as forms' choices do: an id of one they
    may not see is refused like an id of none (so the API does not tell which exist)."""
    for field in fields:
        relation = field.child_relation if isinstance(field, ManyRelatedField) else field
        if isinstance(relation, PrimaryKeyRelatedField) and not relation.read_only:
            queryset = relation.queryset
            if queryset is not None and hasattr(queryset, "restrict"):
                relation.queryset = queryset.restrict(user, "view")


# Serializer class → the many-to-many fields it writes as a list of ids.
_ID_LISTS: dict[type, frozenset[str]] = {}


def ids_only(queryset, serializer_class):
    """`queryset` with its prefetches of many-to-many fields that `serializer_class` writes as ids
    reading the ids alone. A prefetch makes a whole record of every linked row (five organisations,
    three people and the tags of each of fifty interactions: five hundred records a page), only for
    the serializer to print their keys."""
    names = _ID_LISTS.get(serializer_class)
    if names is None:
        names = _ID_LISTS[serializer_class] = frozenset(
            name
            for name, field in serializer_class().fields.items()
            if isinstance(field, ManyRelatedField)
            and type(field.child_relation) is PrimaryKeyRelatedField
            and field.source == name
        )
    lookups = []
    for lookup in queryset._prefetch_related_lookups:
        if isinstance(lookup, str) and lookup in names:
            related = queryset.model._meta.get_field(lookup).related_model
            lookup = Prefetch(lookup, queryset=related._default_manager.only("pk"))
        lookups.append(lookup)
    return queryset.prefetch_related(None).prefetch_related(*lookups)


class ObjectViewSet(viewsets.ModelViewSet):
    """CRUD for one model; filters come from the same FilterSet as the list page."""

    def get_queryset(self):
        action = METHOD_ACTIONS.get(self.request.method, "view")
        queryset = self.queryset.restrict(self.request.user, action)
        return ids_only(queryset, self.get_serializer_class()) if action == "view" else queryset

    def filter_queryset(self, queryset):
        # The list's filters narrow lists; a record's own URL is found by its key and restrict() alone
        # (building the FilterSet for every read of one record cost more than the read).
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = f'"{response.data["version"]}"'
        return response

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        expected = _expected_version(request)
        try:
            with transaction.atomic():
                claim_version(instance, instance.version if expected is None else expected)
                serializer = self.get_serializer(instance, data=request.data, partial=kwargs.get("partial", False))
                serializer.is_valid(raise_exception=True)
                serializer.save()
        except StaleVersion:
            raise PreconditionFailed() from None
        return Response(self.get_serializer(serializer.instance).data, headers={"ETag": etag_for(serializer.instance)})

    def perform_create(self, serializer):
        # The row and its many-to-many links are written together or not at all.
        with transaction.atomic():
            serializer.save()

    def perform_destroy(self, instance):
        expected = _expected_version(self.request) if self.request.headers.get("If-Match") else None
        try:
            with transaction.atomic():
                delete_record(instance, version=expected)
        except StaleVersion:
            raise PreconditionFailed() from None


def exception_handler(exc, context):
    """Model validation and protected deletes become 400 and 409 with details, not 500s."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = ValidationError(detail)
    elif isinstance(exc, ProtectedError):
        exc = Conflict(_("This record is still referred to by other records; remove those links first."))
    return drf_exception_handler(exc, context)
