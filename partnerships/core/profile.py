"""The institution profile and its terms (colleges, strands, themes): editable in the app by admins."""

import django_tables2 as tables
from django import forms
from django.urls import reverse

from . import views as generic
from .api import ObjectViewSet, VersionedSerializer
from .filters import PlatformFilterSet
from .forms import PlatformModelForm
from .models import College, Institution, Strand, Theme
from .panels import PANEL_SIZE, capped_count, linked
from .tables import PlatformTable

TERM_FIELDS = ["code", "name_en", "name_zh", "order"]


class TermFilterSet(PlatformFilterSet):
    search_fields = ("code", "name_en", "name_zh")


class CollegeFilterSet(TermFilterSet):
    class Meta:
        model = College
        fields = ["q"]


class StrandFilterSet(TermFilterSet):
    class Meta:
        model = Strand
        fields = ["q"]


class ThemeFilterSet(TermFilterSet):
    class Meta:
        model = Theme
        fields = ["q"]


class TermTable(PlatformTable):
    name_en = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        fields = TERM_FIELDS


class CollegeTable(TermTable):
    class Meta(TermTable.Meta):
        model = College


class StrandTable(TermTable):
    class Meta(TermTable.Meta):
        model = Strand


class ThemeTable(TermTable):
    class Meta(TermTable.Meta):
        model = Theme


class CollegeForm(PlatformModelForm):
    class Meta:
        model = College
        fields = TERM_FIELDS


class StrandForm(PlatformModelForm):
    class Meta:
        model = Strand
        fields = [*TERM_FIELDS, "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ThemeForm(PlatformModelForm):
    class Meta:
        model = Theme
        fields = TERM_FIELDS


class InstitutionForm(PlatformModelForm):
    class Meta:
        model = Institution
        fields = [
            "name_en",
            "name_zh",
            "ror_id",
            "centre_name_en",
            "centre_name_zh",
            "host_city",
            "host_city_zh",
            "host_province",
            "host_country",
        ]


class CollegeSerializer(VersionedSerializer):
    class Meta:
        model = College
        exclude = ["is_demo"]


class StrandSerializer(VersionedSerializer):
    class Meta:
        model = Strand
        exclude = ["is_demo"]


class ThemeSerializer(VersionedSerializer):
    class Meta:
        model = Theme
        exclude = ["is_demo"]


class InstitutionSerializer(VersionedSerializer):
    class Meta:
        model = Institution
        exclude = ["is_demo"]


class CollegeViewSet(ObjectViewSet):
    queryset = College.objects.all()
    serializer_class = CollegeSerializer
    filterset_class = CollegeFilterSet


class StrandViewSet(ObjectViewSet):
    queryset = Strand.objects.all()
    serializer_class = StrandSerializer
    filterset_class = StrandFilterSet


class ThemeViewSet(ObjectViewSet):
    queryset = Theme.objects.all()
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilterSet


class InstitutionViewSet(ObjectViewSet):
    queryset = Institution.objects.all()
    serializer_class = InstitutionSerializer
    filterset_fields = ["host_country"]


class CollegeListView(generic.ObjectListView):
    model, filterset_class, table_class = College, CollegeFilterSet, CollegeTable


class StrandListView(generic.ObjectListView):
    model, filterset_class, table_class = Strand, StrandFilterSet, StrandTable


class ThemeListView(generic.ObjectListView):
    model, filterset_class, table_class = Theme, ThemeFilterSet, ThemeTable


class TermDetailView(generic.ObjectDetailView):
    """A term's page shows, by type, a few of the records tagged with it and how many there are
    (counted up to a cap): the way in by strand, college or theme; "Open as a list" has them all.

    Record types are found through the term's reverse relations, so models added later appear
    here without changing this view; a model whose app adds a section of its own to term pages
    (`term_page_panel = True`, a page panel) is left to that section.
    """

    template_name = "core/term.html"
    sample_size = PANEL_SIZE

    def extra_context(self, request, obj):
        groups = []
        for relation in self.model._meta.related_objects:
            related = relation.related_model
            if not relation.many_to_many or not hasattr(related.objects, "restrict"):
                continue
            if getattr(related, "term_page_panel", False):
                continue  # its app's own section on the page shows it (a strand's research overview)
            field = relation.field
            visible = related.objects.restrict(request.user, "view")
            links = field.remote_field.through.objects.filter(**{field.m2m_reverse_field_name(): obj})
            # Counted on the link table alone when the user sees every row of the type (PostgreSQL
            # joined the whole table to count through it); through the rows they may see otherwise.
            count = capped_count(links if not visible.query.where else visible.filter(**{field.name: obj}))
            if count:
                list_url = reverse(f"{related._meta.app_label}:{related._meta.model_name}_list")
                query = f"?{relation.field.name}={obj.code}"
                groups.append(
                    {
                        "meta": related._meta,
                        "count": count,
                        # A record's name may come from a foreign key (a relationship's partner).
                        "records": linked(visible.select_related(), links, field.m2m_field_name())[: self.sample_size],
                        "url": list_url + query,
                    }
                )
        return {"groups": groups}


class CollegeDetailView(TermDetailView):
    model = College


class StrandDetailView(TermDetailView):
    model = Strand


class ThemeDetailView(TermDetailView):
    model = Theme


class CollegeEditView(generic.ObjectEditView):
    model, form_class = College, CollegeForm


class StrandEditView(generic.ObjectEditView):
    model, form_class = Strand, StrandForm


class ThemeEditView(generic.ObjectEditView):
    model, form_class = Theme, ThemeForm


class CollegeDeleteView(generic.ObjectDeleteView):
    model = College


class StrandDeleteView(generic.ObjectDeleteView):
    model = Strand


class ThemeDeleteView(generic.ObjectDeleteView):
    model = Theme


class InstitutionDetailView(generic.ObjectDetailView):
    model, template_name = Institution, "core/institution.html"

    def extra_context(self, request, obj):
        return {"colleges": College.objects.all(), "strands": Strand.objects.all(), "themes": Theme.objects.all()}


class InstitutionEditView(generic.ObjectEditView):
    model, form_class = Institution, InstitutionForm
