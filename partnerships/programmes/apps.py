from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "partnerships.programmes"
    verbose_name = _("Educational platform")

    def ready(self):
        from partnerships.core import autocomplete, roles

        from . import demo, jobs, panels
        from .filters import ProgrammeFilterSet
        from .models import Programme

        # The offshore return's codes are reference data only admins keep.
        roles.register_app("programmes", profile_models=("aorcode",))
        autocomplete.register(Programme, filterset_class=ProgrammeFilterSet)
        panels.register()
        demo.register()
        jobs.register()
