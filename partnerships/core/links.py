"""Links to records and pages, without walking the URL resolver for each one.

`reverse()` matches the route's pattern anew on every call (about 40 µs); a list page has a hundred
record links and the layout two dozen page links. The path of a detail route is the same for every
record but for the key, so it is worked out once per route (and URL configuration) and the key filled
in; a route without arguments is reversed once. Templates use `{% link "name" [key] %}`
(`templatetags/links.py`).
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_MARK = "2147483647"  # a key no real record has, valid for <int:pk> and <str:pk> alike
_paths: dict[tuple, tuple[str, str]] = {}


def record_url(route: str, key) -> str:
    """`reverse(route, args=[key])` for a route whose only argument is a record's key (an id, a ROR ID)."""
    cache_key = (settings.ROOT_URLCONF, get_urlconf(), route)
    parts = _paths.get(cache_key)
    prefix = get_script_prefix()
    if parts is None:
        path = reverse(route, args=[_MARK])
        path = path[len(prefix) :] if path.startswith(prefix) else path
        before, _, after = path.partition(_MARK)
        parts = _paths[cache_key] = (before, after)
    return f"{prefix}{parts[0]}{key}{parts[1]}"


def route_url(route: str) -> str:
    """`reverse(route)` for a route without arguments."""
    cache_key = (settings.ROOT_URLCONF, get_urlconf(), route, None)
    prefix = get_script_prefix()
    path = _paths.get(cache_key)
    if path is None:
        path = reverse(route)
        path = _paths[cache_key] = (path[len(prefix) :] if path.startswith(prefix) else path, "")
    return f"{prefix}{path[0]}"
