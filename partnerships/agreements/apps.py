from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "partnerships.agreements"
    verbose_name = _("Agreements")

    def ready(self):
        from partnerships.core import autocomplete, profile_terms

        from . import demo, filters, jobs, panels
        from .filters import AgreementFilterSet, PartyFilterSet
        from .models import Agreement, AgreementKind, Party

        profile_terms.register("agreement_kinds", AgreementKind)
        panels.register()
        jobs.register()
        demo.register()
        filters.register()
        autocomplete.register(Agreement, filterset_class=AgreementFilterSet)
        # Every agreement has two or more: the signatories' filter and form search them.
        autocomplete.register(Party, filterset_class=PartyFilterSet, select_related=("organisation",))
