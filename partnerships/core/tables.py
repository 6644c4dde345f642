"""Table pieces shared by every list page."""

import django_tables2 as tables
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _


class PlatformTable(tables.Table):
    class Meta:
        # Sort and page links stay boosted (htmx); record links in the body are ordinary navigation.
        attrs = {"class": "table", "tbody": {"hx-boost": "false"}}
        per_page = 25


class TagsColumn(tables.Column):
    """A many-to-many of profile terms shown as badges; needs prefetch_related on the queryset."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return format_html_join(" ", '<span class="badge">{}</span>', ((t.name,) for t in value.all()))

    def value(self, value):
        return "; ".join(t.name for t in value.all())


class ManyColumn(tables.Column):
    """Any many-to-many listed by name; needs prefetch_related."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return format_html_join(", ", '<a href="{}">{}</a>', ((o.get_absolute_url(), o) for o in value.all()))

    def value(self, value):
        return "; ".join(str(o) for o in value.all())


class TaggedTable(PlatformTable):
    """Adds the profile tags; the view's queryset must prefetch strands, colleges and themes."""

    strands = TagsColumn(verbose_name=_("strands"))
    colleges = TagsColumn(verbose_name=_("colleges"))
    themes = TagsColumn(verbose_name=_("themes"))

    class Meta(PlatformTable.Meta):
        pass
