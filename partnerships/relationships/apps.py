from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelationshipsConfig(AppConfig):
    name = "partnerships.relationships"
    verbose_name = _("Relationships and interactions")

    def ready(self):
        from partnerships.core import autocomplete

        from . import demo, panels
        from .filters import InteractionFilterSet
        from .models import Interaction

        autocomplete.register(Interaction, filterset_class=InteractionFilterSet)
        panels.register()
        demo.register()
