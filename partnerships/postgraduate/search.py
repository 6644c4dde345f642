"""Postgraduate training in the global search, by the student's names in either script."""

from partnerships.core.search_types import register

from .models import TrainingRecord

register(
    TrainingRecord,
    names=["student__family_name", "student__given_name", "student__name_zh"],
    text=["funding", "notes", "partner__name_en", "partner__name_zh"],
    display=("student__family_name", "student__name_zh"),
)
