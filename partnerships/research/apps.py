from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "partnerships.research"
    verbose_name = _("Research alliance")

    def ready(self):
        from partnerships.core import autocomplete, roles

        from . import demo, panels
        from .filters import ProjectFilterSet
        from .models import Project

        # Viewers see, editors write; exchange rates are reference data only admins keep.
        roles.register_app("research", profile_models=("exchangerate",))
        autocomplete.register(Project, filterset_class=ProjectFilterSet)
        panels.register()
        demo.register()
