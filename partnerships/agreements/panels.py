"""The agreements app's section of an organisation's page: the agreements it is party to."""

from partnerships.core.panels import linked, list_url, panel, register_page_panel
from partnerships.organisations.models import Organisation

from .models import Agreement, Party


def organisation_agreements(request, organisation):
    return panel(
        linked(
            Agreement.objects.restrict(request.user, "view").select_related("kind").order_by("-pk"),
            Party.objects.filter(organisation=organisation),
            "agreement",
        ),
        url=list_url("agreements:agreement_list", partner=organisation.pk),
    )


def register() -> None:
    register_page_panel(
        Organisation,
        "agreements",
        template="agreements/panels/agreements.html",
        order=40,
        build=organisation_agreements,
    )
