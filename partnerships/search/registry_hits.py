"""The global search's "Registry entries" group: the ROR entries a query names, one click from a centre record.

A partner the centre has not recorded yet is still in the ROR registry; a search for 华南农业大学, "South
China Agricultural University" or "SCAU" should lead there rather than to nothing. The entries are
reference data, not register records, so they stay out of the full-text index: they are found through the
organisation resolver, whose in-memory index already knows every way their names are written (Chinese,
traditional characters, pinyin, acronyms, aliases).

An entry already recorded by the centre is not offered as new: when its organisation is among the hits
above, the entry is left out; when the user may view that organisation but it is not among the hits
(its names differ from the entry's), the entry is shown with a link to it and no "create"; when the user
may not view it, the entry is left out, so that nothing tells them the record exists.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Value

from partnerships.core.models import in_chinese
from partnerships.core.permissions import has_model_permission
from partnerships.organisations.models import Organisation
from partnerships.registry.models import RegistryEntry

from .index import get_index
from .resolver import Candidate, resolve
from .suggest import MAX_QUERY, SUGGEST_FLOOR

KEY = RegistryEntry._meta.label_lower.replace(".", "-")  # "registry-registryentry", like the other groups
RESOLVER_CANDIDATES = 5  # the resolver answers with its best five
# The resolver takes lower-case letters for words, not acronyms ("sysu" in an address is no university);
# typed alone in a search box, three to eight letters are as likely an acronym.
ACRONYM_LENGTH = range(3, 9)
# How the resolver matched (the first word of a candidate's first reason) → the search's match kinds.
LOOSE_NAMES = frozenset({"short", "derived", "reordered", "word", "place"})


@dataclass
class RegistryHit:
    """One entry as the results show it; `name`, `other_name`, `url`, `match`, `score` as for a record hit."""

    entry: RegistryEntry
    match: str
    score: float
    organisation: Organisation | None = None  # the centre's record with this ROR ID, if the user may view it
    can_create: bool = False

    @property
    def obj(self) -> RegistryEntry:
        return self.entry

    @property
    def name(self) -> str:
        return self.entry.display_name

    @property
    def other_name(self) -> str:
        entry = self.entry
        return entry.name if in_chinese() and entry.name_zh else entry.name_zh

    @property
    def url(self) -> str:
        return self.entry.get_absolute_url()


@dataclass
class RegistryGroup:
    """The registry's group, shaped like `queries.ResultGroup` for the template and the API."""

    hits: list[RegistryHit] = field(default_factory=list)
    count: int = 0
    more: bool = False  # the resolver's five candidates were all good enough: there may be others
    key: str = KEY
    is_registry: bool = True

    @property
    def label(self):
        return RegistryEntry._meta.verbose_name_plural


def registry_group(user, text: str, groups, *, limit: int, types=None) -> RegistryGroup | None:
    """The registry entries `text` names that `user` may view, less those the record `groups` already show.

    None when the caller asked for other types, may not view registry entries, or nothing scores at least
    `SUGGEST_FLOOR`. A fixed number of queries: the index's freshness check, the entries, their organisations."""
    text = (text or "").strip()
    if not text or len(text) > MAX_QUERY or (types and KEY not in types):
        return None
    entries = RegistryEntry.objects.restrict(user, "view")
    if entries.query.is_empty():
        return None
    candidates, more = _candidates(text)
    if not candidates:
        return None
    fields = ("ror_id", "name", "name_zh", "city", "country")
    found = entries.only(*fields).in_bulk([c.ror_id for c in candidates])
    candidates = [c for c in candidates if c.ror_id in found]
    recorded = _recorded(user, [c.ror_id for c in candidates])
    shown = {hit.obj.pk for group in groups for hit in group.hits if isinstance(hit.obj, Organisation)}
    can_create = has_model_permission(user, Organisation, "add")
    hits = []
    for candidate in candidates:
        organisation = recorded.get(candidate.ror_id)
        if organisation is not None and (organisation.pk in shown or not organisation.may_view):
            continue
        hits.append(
            RegistryHit(
                entry=found[candidate.ror_id],
                match=_match_kind(candidate),
                score=round(candidate.score, 3),
                organisation=organisation,
                can_create=can_create and organisation is None,
            )
        )
    if not hits:
        return None
    return RegistryGroup(hits=hits[:limit], count=len(hits), more=more or len(hits) > limit)


def _recorded(user, ror_ids: list[str]) -> dict[str, Organisation]:
    """The centre's organisations carrying these ROR IDs, each marked `may_view`: one query, whoever asks."""
    visible = Organisation.objects.restrict(user, "view")
    may_view = Value(False) if visible.query.is_empty() else Exists(visible.filter(pk=OuterRef("pk")))
    organisations = Organisation.objects.filter(ror_id__in=ror_ids).annotate(may_view=may_view)
    return {o.ror_id: o for o in organisations}


def _candidates(text: str) -> tuple[list[Candidate], bool]:
    """Registry candidates scoring at least the floor, best first, and whether the resolver held any back."""
    index = get_index(registry_only=True)  # one query: is the cached index still current?
    variants = [text]
    if text.isascii() and text.isalpha() and len(text) in ACRONYM_LENGTH and not text.isupper():
        variants.append(text.upper())
    best: dict[str, Candidate] = {}
    more = False
    for variant in variants:
        candidates = [c for c in resolve(variant, index=index).candidates if c.score >= SUGGEST_FLOOR]
        more = more or len(candidates) >= RESOLVER_CANDIDATES
        for candidate in candidates:
            if candidate.ror_id and (candidate.ror_id not in best or candidate.score > best[candidate.ror_id].score):
                best[candidate.ror_id] = candidate
    return sorted(best.values(), key=lambda c: -c.score), more


def _match_kind(candidate: Candidate) -> str:
    """ "exact name “…”", "part acronym “…”", "fuzzy 91 label “…”" → exact, words or fuzzy."""
    how, _, rest = (candidate.reasons[0] if candidate.reasons else "").partition(" ")
    if how == "fuzzy":
        return "fuzzy"
    kind = rest.split(" ", 1)[0]
    return "words" if kind in LOOSE_NAMES else "exact"
