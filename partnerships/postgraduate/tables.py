import django_tables2 as tables
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.core.tables import ManyColumn, PlatformTable, TaggedTable

from .models import Supervision, TrainingRecord


class ProjectsColumn(ManyColumn):
    """The research projects a record serves; a record with none (only allowed while proposed) says so."""

    def render_items(self, items) -> str:
        if items:
            return super().render_items(items)
        return SafeString(f'<span class="muted">{escape(gettext("none yet (proposed)"))}</span>')


class TrainingRecordTable(TaggedTable):
    student = tables.Column(linkify=lambda record: record.get_absolute_url())
    partner = tables.Column(linkify=True)
    projects = ProjectsColumn(only=("title_en", "title_zh"), verbose_name=_("research projects"))

    class Meta(TaggedTable.Meta):
        model = TrainingRecord
        fields = (
            "student",
            "kind",
            "status",
            "partner",
            "projects",
            "intake",
            "expected_completion",
            "colleges",
            "themes",
        )


class SupervisionTable(PlatformTable):
    person = tables.Column(linkify=True)
    record = tables.Column(linkify=True)
    organisation = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = Supervision
        fields = ("person", "role", "organisation", "record")
