"""Organisations and people in the global search."""

from partnerships.core.search_types import register

from .models import Organisation, Person

register(
    Organisation,
    names=["name_en", "name_zh", "acronyms", "former_names", "aliases"],
    text=["pinyin", "city"],
    display=("name_en", "name_zh"),
)
register(
    Person,
    names=["latin_name", "name_zh", "email"],
    text=["title"],
    display=("latin_name", "name_zh"),
)
