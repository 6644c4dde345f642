from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BusinessConfig(AppConfig):
    name = "partnerships.business"
    verbose_name = _("Business engagement")

    def ready(self):
        from partnerships.core import autocomplete, profile_terms, roles

        from . import demo, jobs, panels
        from .choices import TEAM
        from .filters import DealFilterSet, ExpertiseFilterSet, IPAssetFilterSet, NeedFilterSet
        from .models import Deal, Expertise, IPAsset, Need, Sector

        # Viewers may read business records, but only those that name them (core.confidential);
        # the business-engagement team reads and writes them all. Sectors are admin-kept.
        roles.register_app("business", profile_models=("sector",))
        roles.register_team(TEAM, "business")
        profile_terms.register("sectors", Sector)
        autocomplete.register(IPAsset, filterset_class=IPAssetFilterSet)
        autocomplete.register(Need, filterset_class=NeedFilterSet, select_related=("company",))
        autocomplete.register(Deal, filterset_class=DealFilterSet)
        autocomplete.register(Expertise, filterset_class=ExpertiseFilterSet, select_related=("person",))
        panels.register()
        demo.register()
        jobs.register()
