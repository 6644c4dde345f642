"""Form widgets are drawn from Django's Jinja2 templates (core.renderers.FormRenderer): the HTML must
be what Django's template-language widgets draw, for every filter form and edit form."""

import re

import pytest
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory
from django.urls import get_resolver

from partnerships.core.renderers import FormRenderer
from partnerships.core.views import ObjectEditView, ObjectListView

from .test_query_budgets import LIST_PAGES, tag


def views(kind):
    found = {}

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
                continue
            view = getattr(pattern.callback, "view_class", None)
            if view is not None and issubclass(view, kind):
                found[view.__name__] = view

    walk(get_resolver().url_patterns)
    return found.values()


def normalised(html: str) -> str:
    """Whitespace aside (the two template languages lay out their output differently), and the
    apostrophe, which Jinja2 escapes as &#39; and Django as &#x27; (the same character)."""
    html = html.replace("&#39;", "&#x27;")
    html = re.sub(r">\s+<", "><", html.strip())
    return re.sub(r"\s+", " ", html)


def rendered(form, renderer) -> str:
    form.renderer = renderer
    return normalised("".join(str(field) for field in form))


@pytest.mark.django_db
def test_every_form_draws_the_same_html_as_with_djangos_template_language(profile, editor):
    for make in LIST_PAGES.values():
        if make:
            tag(make())
    request = RequestFactory().get("/", {"kind": "university", "strands": ["x"]})
    request.user = editor
    ours, django = FormRenderer(), DjangoTemplates()
    forms = []
    for view in views(ObjectListView):
        if view.filterset_class is not None:
            forms.append(view.filterset_class(request.GET, queryset=view.model.objects.all(), request=request).form)
    for view in views(ObjectEditView):
        if view.form_class is not None:
            forms.append(view.form_class(user=editor))
    assert len(forms) >= 20
    for form in forms:
        assert rendered(form, ours) == rendered(form, django), type(form).__name__
