"""Resolution as a user may see it, and "did you mean…?" on the create forms.

The resolver's index holds every organisation and registry entry; everything shown to a user goes
through `resolve_for_user`, which keeps only the candidates the user may view.
"""

from dataclasses import dataclass, replace

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from partnerships.core.permissions import has_model_permission
from partnerships.organisations.models import Organisation
from partnerships.registry.models import RegistryEntry

from .resolver import THRESHOLD, Candidate, Resolution, resolve

MAX_QUERY = 500
# A suggestion list may show what resolution would not answer with, but not junk: a lone place
# name ("Guangzhou") scores 0.6, a word shared with many names 0.84, a close fuzzy match 0.85+.
SUGGEST_FLOOR = 0.8
SUGGESTIONS = 5
# The fields a create form may send the typed name in, first non-empty wins.
QUERY_FIELDS = ("q", "name", "name_en", "name_zh")


def can_resolve(user) -> bool:
    """Resolution shows organisations or registry entries, so either view permission will do."""
    return has_model_permission(user, Organisation, "view") or has_model_permission(user, RegistryEntry, "view")


@dataclass
class Shown:
    """A candidate the user may see, with the record it leads to."""

    candidate: Candidate
    organisation: Organisation | None = None
    entry: RegistryEntry | None = None

    @property
    def url(self) -> str:
        if self.organisation is not None:
            return self.organisation.get_absolute_url()
        return reverse("registry:registryentry_detail", args=[self.entry.ror_id])

    @property
    def name(self) -> str:
        return str(self.organisation) if self.organisation is not None else self.entry.name

    @property
    def other_name(self) -> str:
        return self.organisation.other_name if self.organisation is not None else self.entry.name_zh


def visible_candidates(resolution: Resolution, user) -> list[Shown]:
    """The resolution's candidates the user may view, best first. A centre record the user may not see
    but whose registry entry they may is shown as that entry; anything else hidden is left out."""
    candidates = resolution.candidates
    organisations = Organisation.objects.restrict(user, "view").in_bulk(
        {c.organisation_id for c in candidates if c.organisation_id}
    )
    entries = (
        RegistryEntry.objects.restrict(user, "view")
        .only("ror_id", "name", "name_zh")
        .in_bulk({c.ror_id for c in candidates if c.ror_id})
    )
    shown = []
    for candidate in candidates:
        if candidate.organisation_id in organisations:
            shown.append(Shown(candidate, organisation=organisations[candidate.organisation_id]))
        elif candidate.ror_id in entries:
            entry = entries[candidate.ror_id]
            shown.append(Shown(replace(candidate, organisation_id=None, name=entry.name), entry=entry))
    return shown


def resolve_for_user(text: str, user, *, registry_only: bool = False) -> tuple[Resolution, list[Shown]]:
    """Resolve against the records the user may see: the answer is the best visible candidate, if confident.

    A user who may not view organisations is answered from the registry alone, so the centre's own
    names (aliases, former names) cannot leak through a registry answer."""
    registry_only = registry_only or not has_model_permission(user, Organisation, "view")
    shown = visible_candidates(resolve(text, registry_only=registry_only), user)
    candidates = [s.candidate for s in shown]
    if not candidates:
        return Resolution(text, None, 0.0, ["no record you may view matches the string"], []), []
    best = candidates[0]
    if best.score >= THRESHOLD:
        return Resolution(text, best, best.score, best.reasons, candidates), shown
    reasons = [f"best candidate {best.score:.2f} is below the threshold {THRESHOLD:.2f}"]
    return Resolution(text, None, best.score, reasons, candidates), shown


def suggestions(text: str, user, limit: int = SUGGESTIONS) -> list[Shown]:
    """Existing organisations and registry entries a typed name may be, confident or not (above the floor)."""
    text = (text or "").strip()
    if not text or len(text) > MAX_QUERY:
        return []
    _resolution, shown = resolve_for_user(text, user)
    return [s for s in shown if s.candidate.score >= SUGGEST_FLOOR][:limit]


def existing_organisation(names, user) -> Organisation | None:
    """The centre's record one of the names confidently resolves to, if the user may see it."""
    for name in names:
        name = (name or "").strip()
        if not name or len(name) > MAX_QUERY:
            continue
        resolution, shown = resolve_for_user(name, user)
        if resolution.match is not None and shown[0].organisation is not None:
            return shown[0].organisation
    return None


@login_required
@require_GET
def organisation_suggest(request):
    """The HTMX partial under a name field of the organisation create form."""
    if not can_resolve(request.user):
        raise PermissionDenied
    text = next((request.GET[f] for f in QUERY_FIELDS if request.GET.get(f, "").strip()), "")
    context = {"suggestions": suggestions(text, request.user)}
    # A fragment for every keystroke: rendered without the request, so no layout context processors run.
    return HttpResponse(render_to_string("search/_suggestions.html", context))
