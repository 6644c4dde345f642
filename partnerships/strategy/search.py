"""Objectives and signature initiatives in the global search, in either language."""

from partnerships.core.search_types import register

from .models import Initiative, Objective

register(Objective, names=["code", "title_en", "title_zh"], text=["description"], display=("title_en", "title_zh"))
register(Initiative, names=["name_en", "name_zh"], text=["aims"], display=("name_en", "name_zh"))
