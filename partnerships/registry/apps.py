from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "partnerships.registry"
    verbose_name = _("Organisation registry (ROR)")

    def ready(self):
        from . import jobs

        jobs.register()
