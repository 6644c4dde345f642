"""Research projects in the global search, by their titles in either language and their abstracts."""

from partnerships.core.search_types import register

from .models import Output, Project

register(Project, names=["title_en", "title_zh"], text=["abstract_en", "abstract_zh"], display=("title_en", "title_zh"))
register(Output, names=["title"], text=["authors", "venue", "doi"], display=("title", ""))
