"""`{% link "app:route" %}` and `{% link "app:route" key %}`: `{% url %}` for the layout and record links,
with the route's path worked out once (core/links.py)."""

from django import template

from partnerships.core.links import record_url, route_url

register = template.Library()


@register.simple_tag
def link(route: str, key=None) -> str:
    return route_url(route) if key is None else record_url(route, key)
