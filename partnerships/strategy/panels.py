"""The strategy app's sections of other pages: the initiatives an agreement is grouped under."""

from partnerships.agreements.models import Agreement
from partnerships.core.panels import list_url, panel, register_page_panel

from .models import Initiative


def agreement_initiatives(request, agreement):
    rows = panel(
        Initiative.objects.restrict(request.user, "view").filter(agreements=agreement),
        url=list_url("strategy:initiative_list", agreement=agreement.pk),
    )
    return rows or None  # most agreements belong to none: no empty section


def register() -> None:
    register_page_panel(
        Agreement, "initiatives", template="strategy/panels/initiatives.html", order=5, build=agreement_initiatives
    )
