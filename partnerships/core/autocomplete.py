"""Choice lists over large models: which models answer the autocomplete endpoint, and the endpoint.

A register holds thousands of organisations and tens of thousands of people, too many for an
`<option>` each. An app registers its large models here from its `AppConfig.ready()`, with the
FilterSet its list page, API and exports use; every form and filter choosing one of them then
renders only the chosen values (`widgets.py`) and the browser asks this endpoint for the rest.
Matching is the FilterSet's own, so `q` finds what the list page's search box finds, and any other
parameter (`kind=staff`) narrows as it does there. Core never imports the apps that register.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from .permissions import has_model_permission

# Enough to pick from while typing; the answer says when more match, so the user types on.
RESULTS = 20


@dataclass(frozen=True)
class Autocomplete:
    model: type
    filterset_class: type
    select_related: tuple[str, ...] = ()  # what a record's name is made of (a party is named by its organisation)


REGISTRY: dict[str, Autocomplete] = {}


def register(model, *, filterset_class, select_related=()) -> None:
    """Offer `model` through the endpoint and give every choice list over it the autocomplete widget."""
    REGISTRY[model._meta.label_lower] = Autocomplete(model, filterset_class, tuple(select_related))


def is_registered(model) -> bool:
    return model._meta.label_lower in REGISTRY


@require_GET
def autocomplete(request, model):
    """`{"results": [{"value": pk, "text": name}], "more": bool}`: the first matching records the user may see."""
    entry = REGISTRY.get(model)
    if entry is None:
        raise Http404
    if not has_model_permission(request.user, entry.model, "view"):
        raise PermissionDenied
    queryset = entry.model.objects.restrict(request.user, "view").select_related(*entry.select_related)
    filterset = entry.filterset_class(request.GET, queryset=queryset, request=request)
    if not filterset.is_valid():
        # An unknown value would otherwise be dropped, offering more than the field accepts.
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    records = list(filterset.qs[: RESULTS + 1])
    return JsonResponse(
        {
            "results": [{"value": record.pk, "text": str(record)} for record in records[:RESULTS]],
            "more": len(records) > RESULTS,
        },
        json_dumps_params={"ensure_ascii": False},
    )
