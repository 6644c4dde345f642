from rest_framework import serializers

from partnerships.core.api import ObjectViewSet, VersionedSerializer
from partnerships.core.pinyin import pinyin_for

from . import filters
from .models import Affiliation, Organisation, Person


class OrganisationSerializer(VersionedSerializer):
    acronyms = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    former_names = serializers.ListField(child=serializers.CharField(max_length=300), required=False)
    aliases = serializers.ListField(child=serializers.CharField(max_length=300), required=False)

    class Meta:
        model = Organisation
        exclude = ["is_demo"]
        extra_kwargs = {
            "strands": {"required": False},
            "colleges": {"required": False},
            "themes": {"required": False},
        }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs.get("name_zh") and not attrs.get("pinyin") and not getattr(self.instance, "pinyin", ""):
            attrs["pinyin"] = pinyin_for(attrs["name_zh"])
        return attrs


class PersonSerializer(VersionedSerializer):
    class Meta:
        model = Person
        exclude = ["is_demo", "user"]  # the login link is set by admins only (Django admin)
        extra_kwargs = {"strands": {"required": False}, "colleges": {"required": False}, "themes": {"required": False}}


class AffiliationSerializer(VersionedSerializer):
    class Meta:
        model = Affiliation
        exclude = ["is_demo"]


class OrganisationViewSet(ObjectViewSet):
    queryset = Organisation.objects.prefetch_related("strands", "colleges", "themes")
    serializer_class = OrganisationSerializer
    filterset_class = filters.OrganisationFilterSet


class PersonViewSet(ObjectViewSet):
    queryset = Person.objects.prefetch_related("strands", "colleges", "themes")
    serializer_class = PersonSerializer
    filterset_class = filters.PersonFilterSet


class AffiliationViewSet(ObjectViewSet):
    queryset = Affiliation.objects.all()
    serializer_class = AffiliationSerializer
    filterset_class = filters.AffiliationFilterSet
