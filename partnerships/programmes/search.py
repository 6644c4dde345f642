"""Programmes in the global search, by title in either language, subject and partner."""

from partnerships.core.search_types import register

from .models import Programme

register(
    Programme,
    names=["title_en", "title_zh"],
    text=["subject", "awards", "prc_approval_number", "partner__name_en", "partner__name_zh"],
    display=("title_en", "title_zh"),
)
