"""Record links are worked out once per route (`core.links.record_url`): they must be what reverse() gives."""

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse, set_script_prefix

from partnerships.core.links import record_url


def detail_routes():
    for model in apps.get_models():
        route = f"{model._meta.app_label}:{model._meta.model_name}_detail"
        try:
            reverse(route, args=[1])
        except NoReverseMatch:
            continue
        yield route


@pytest.mark.parametrize("prefix", ["/", "/partnerships/"])
@pytest.mark.parametrize("key", [1, 987654, "0064kty71"])
def test_record_urls_are_what_reverse_gives(prefix, key):
    routes = list(detail_routes())
    assert len(routes) >= 12
    set_script_prefix(prefix)
    try:
        for route in routes:
            try:
                expected = reverse(route, args=[key])
            except NoReverseMatch:  # an integer route and a text key
                continue
            assert record_url(route, key) == expected
    finally:
        set_script_prefix("/")
