from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "partnerships.strategy"
    verbose_name = _("Strategy and signature initiatives")

    def ready(self):
        from partnerships.core import autocomplete, roles

        from . import demo, filters, panels
        from .models import Initiative, Objective

        # Objectives are the strategy as admins keep it; initiatives are edited by the centre.
        roles.register_app("strategy", profile_models=("objective",))
        autocomplete.register(Objective, filterset_class=filters.ObjectiveFilterSet)
        autocomplete.register(Initiative, filterset_class=filters.InitiativeFilterSet)
        filters.register()
        panels.register()
        demo.register()
