"""Agreements in the global search, found by their parties' names too."""

from partnerships.core.search_types import register

from .models import Agreement

register(
    Agreement,
    names=["title_en", "title_zh", "reference"],
    text=[
        "summary",
        "parties__organisation__name_en",
        "parties__organisation__name_zh",
        "parties__organisation__acronyms",
    ],
    display=("title_en", "title_zh"),
)
