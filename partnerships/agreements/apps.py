from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "partnerships.agreements"
    verbose_name = _("Agreements")

    def ready(self):
        from partnerships.core import autocomplete, profile_terms

        from .filters import AgreementFilterSet
        from .models import Agreement, AgreementKind

        profile_terms.register("agreement_kinds", AgreementKind)
        autocomplete.register(Agreement, filterset_class=AgreementFilterSet)
