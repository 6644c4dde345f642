"""List pages render their rows in one pass (`PlatformTable.body_html`): it must show exactly what
django-tables2's own cell rendering shows, for every list page's table."""

import datetime

import django_tables2
import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import get_resolver
from django.utils import timezone, translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime
from django_tables2 import RequestConfig

from partnerships.core.tables import DateColumn, DateTimeColumn
from partnerships.core.views import ObjectListView
from partnerships.registry.models import RegistryEntry, RegistryName

from .conftest import join_business_team
from .test_query_budgets import LIST_PAGES, tag


def list_views():
    """Every list page's view class, found from the URL configuration (later apps' pages too)."""
    found = {}

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
                continue
            view = getattr(pattern.callback, "view_class", None)
            if view is not None and issubclass(view, ObjectListView) and view.table_class is not None:
                found[view.__name__] = view

    walk(get_resolver().url_patterns)
    return found


def django_tables2_rows(table) -> list[list[str]]:
    """What django-tables2's template shows in each cell: `{{ cell }}` of BoundRow.items()."""
    return [
        [str(conditional_escape(localize(template_localtime(cell)))) for _column, cell in row.items()]
        for row in table.page.object_list
    ]


def fast_rows(table) -> list[list[str]]:
    html = str(table.body_html())
    return [
        row.split("</td><td>")
        for row in html.removeprefix("<tr><td>").removesuffix("</td></tr>").split("</td></tr><tr><td>")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en-gb", "zh-hans"])
def test_every_list_table_renders_what_django_tables2_renders(profile, editor, language):
    join_business_team(editor)  # confidential lists show their rows to the team
    for make in LIST_PAGES.values():
        for _ in range(3):
            if make:
                tag(make())
    for n in range(3):
        RegistryEntry.objects.create(
            ror_id=f"0{n:08d}",
            name=f"Entry {n}",
            name_zh=f"条目{n}",
            types=["education"],
            schema_version="2",
            record={},
        )
        RegistryName.objects.create(ror_id=f"0{n:08d}", name=f"条{n}", kind="short", language="zh-Hans")
    request = RequestFactory().get("/")
    request.user = editor
    views = list_views()
    assert len(views) >= 11, sorted(views)
    with translation.override(language):
        for name, view in views.items():
            queryset = view().get_queryset(request).restrict(editor, "view")
            table = view.table_class(queryset)
            RequestConfig(request, paginate={"per_page": 25}).configure(table)
            expected = django_tables2_rows(table)
            assert expected, f"{name}: no rows to compare"
            assert fast_rows(table) == expected, name


@pytest.mark.parametrize(
    ("column", "value"),
    [
        (DateColumn(), datetime.date(2026, 3, 9)),
        (DateColumn(short=False), datetime.date(2026, 3, 9)),
        (DateTimeColumn(), datetime.datetime(2026, 3, 9, 23, 30, tzinfo=datetime.UTC)),
        (DateTimeColumn(format="Y-m-d H:i"), datetime.datetime(2026, 3, 9, 23, 30, tzinfo=datetime.UTC)),
        (DateColumn(), None),
    ],
)
def test_date_columns_format_as_django_tables2s_template_does(column, value):
    """The template django-tables2's DateColumn compiles for every cell, in local time, or the default."""

    class Table(django_tables2.Table):
        when = column

    table = Table([{"when": value}])
    bound = table.columns["when"]
    template = Template(f'{{{{ value|date:"{column.format}"|default:default }}}}')
    with timezone.override("Asia/Shanghai"):
        expected = template.render(Context({"value": value, "default": bound.default}))
        assert str(column.render(value=value, bound_column=bound)) == expected


@pytest.mark.django_db
def test_every_list_exports_what_django_tables2_exports(profile, editor):
    """Exports read rows in chunks (`export_rows`); the values are django-tables2's `as_values()`."""
    for make in LIST_PAGES.values():
        for _ in range(3):
            if make:
                tag(make())
    request = RequestFactory().get("/")
    request.user = editor
    for name, view in list_views().items():
        queryset = view().get_queryset(request).restrict(editor, "view")
        table = view.table_class(queryset)
        RequestConfig(request, paginate=False).configure(table)
        expected = list(table.as_values(exclude_columns=("actions",)))
        assert list(table.export_rows(exclude=("actions",), chunk_size=2)) == expected, name


@pytest.mark.django_db
def test_linked_columns_load_what_the_relations_hold(profile, editor):
    """A page's linked records come from one query a column: the same records, in the same order,
    as the relation itself gives for each row (tags, an interaction's people, an agreement's parties)."""
    from partnerships.agreements.views import AgreementListView
    from partnerships.organisations.views import PersonListView
    from partnerships.relationships.views import InteractionListView

    from .factories import AffiliationFactory, AgreementFactory, InteractionFactory, OrganisationFactory, PartyFactory

    for _ in range(4):
        interaction = tag(InteractionFactory(organisations=[OrganisationFactory(), OrganisationFactory()]))
        interaction.people.add(AffiliationFactory().person, AffiliationFactory().person)
        agreement = tag(AgreementFactory())
        for _ in range(3):
            PartyFactory(agreement=agreement)
        AffiliationFactory(person=AffiliationFactory().person)
    expected = {
        InteractionListView: {
            "organisations": lambda r: list(r.organisations.all()),
            "people": lambda r: list(r.people.all()),
            "strands": lambda r: list(r.strands.all()),
            "themes": lambda r: list(r.themes.all()),
        },
        AgreementListView: {
            "partners": lambda r: [p.organisation for p in r.parties.order_by("pk")],
            "colleges": lambda r: list(r.colleges.all()),
        },
        PersonListView: {"organisations": lambda r: [a.organisation for a in r.affiliations.all()]},
    }
    for view, columns in expected.items():
        table = view.table_class(view.model.objects.all())
        records = list(view.model.objects.all())
        for name, relation in columns.items():
            column = table.columns[name].column
            loaded = column.linked(view.model, name, [r.pk for r in records])
            for record in records:
                got = loaded.get(record.pk, [])
                if name == "organisations" and view is PersonListView:
                    got, want = sorted(o.pk for o in got), sorted(o.pk for o in relation(record))
                else:
                    got, want = [o.pk for o in got], [o.pk for o in relation(record)]
                assert got == want, (view.__name__, name, record)
            assert any(loaded.values()), (view.__name__, name)
