from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "partnerships.search"
    verbose_name = _("Search and organisation resolution")

    def ready(self):
        from functools import partial

        from django.utils.module_loading import autodiscover_modules

        from partnerships.core import name_matching, search_types
        from partnerships.core.filters import register_text_search
        from partnerships.organisations.models import Organisation

        from . import indexing, jobs, suggest
        from .queries import matching_ids

        jobs.register()
        # Each app's search.py registers its models with the global search.
        autodiscover_modules("search")
        indexing.connect(self)
        # The lists' `q` of every indexed model is answered from the index.
        for search_type in search_types.registered():
            register_text_search(search_type.model, partial(matching_ids, search_type.model))
        # The organisation create form's "did you mean…?" and duplicate warning, from the resolver.
        name_matching.register(
            Organisation, suggest_url="search:organisation_suggest", existing=suggest.existing_organisation
        )
