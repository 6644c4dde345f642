"""Capacity-building activities in the global search, by title in either language and their partners."""

from partnerships.core.search_types import register

from .models import Activity

register(
    Activity,
    names=["title_en", "title_zh"],
    text=["outcomes", "place", "partners__name_en", "partners__name_zh"],
    display=("title_en", "title_zh"),
)
