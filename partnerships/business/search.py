"""Business-engagement records in the global search. Needs, IP and deals are confidential: the
search reads every type through `restrict()`, so an outsider finds neither a hit nor a count."""

from partnerships.core.search_types import register

from .models import Deal, Expertise, IPAsset, Need

register(
    IPAsset,
    names=["title_en", "title_zh"],
    text=["summary_en", "summary_zh", "patent_numbers"],
    display=("title_en", "title_zh"),
)
register(
    Need,
    names=["title_en", "title_zh"],
    text=["problem_en", "problem_zh", "company__name_en", "company__name_zh"],
    display=("title_en", "title_zh"),
)
register(Deal, names=["title"], text=["company__name_en", "company__name_zh", "notes"], display=("title", ""))
register(
    Expertise,
    names=["person__family_name", "person__given_name", "person__name_zh"],
    text=["keywords", "statement_en", "statement_zh"],
    display=("person", "keywords"),
)
