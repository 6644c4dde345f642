from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "partnerships.search"
    verbose_name = _("Search and organisation resolution")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import indexing

        # Each app's search.py registers its models with the global search.
        autodiscover_modules("search")
        indexing.connect(self)
