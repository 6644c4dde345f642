"""Relationships and interactions in the global search, found by their partners' names too."""

from partnerships.core.search_types import register

from .models import Interaction, Relationship

PARTNER = ["organisation__name_en", "organisation__name_zh", "organisation__acronyms"]

register(
    Relationship,
    names=PARTNER,
    text=["summary"],
    display=("organisation__name_en", "organisation__name_zh"),
)
register(
    Interaction,
    names=["title"],
    text=["notes", "location", "organisations__name_en", "organisations__name_zh", "organisations__acronyms"],
    display=("title", ""),
)
