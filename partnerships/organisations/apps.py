from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "partnerships.organisations"
    verbose_name = _("Organisations and people")

    def ready(self):
        from partnerships.core import autocomplete

        from . import demo, duplicate_index, jobs, panels
        from .filters import OrganisationFilterSet, PersonFilterSet
        from .models import Organisation, Person

        # Thousands of each: choice lists search as you type instead of listing them all.
        autocomplete.register(Organisation, filterset_class=OrganisationFilterSet)
        autocomplete.register(Person, filterset_class=PersonFilterSet)
        duplicate_index.connect(self)
        panels.register()
        demo.register()
        jobs.register()
