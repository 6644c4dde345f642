"""Bounded panels for record pages: the first few related records, and the way to the rest.

No page renders a whole table or counts one: a panel reads one row more than it shows to know
whether there are more, and links "All …" to the list page filtered to the record, which filters,
sorts, pages and exports. Where a number helps, it is counted no further than a cap ("1,000+").

A record's page is composed of the panels apps register for its model (`register_page_panel`, in
the registering app's `AppConfig.ready()`): an app adds its section to an organisation's or a
person's page without the organisations app knowing of it (docs/architecture.md).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode

PANEL_SIZE = 10
COUNT_CAP = 1000
# A record with more links than this has its panel read in the list's own (indexed) order, checking
# each row; with fewer, the linked rows are fetched and sorted (see `linked`).
LINK_THRESHOLD = 500


@dataclass(frozen=True)
class Panel:
    """Up to a page of rows; `more` when there are others: on the list page at `url`, or (for a
    history or a timeline, read newest first by id) those older than `before`."""

    rows: list
    more: bool
    url: str = ""

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    @property
    def before(self) -> int | None:
        return self.rows[-1].pk if self.more else None


def panel(queryset, url: str = "", size: int = PANEL_SIZE) -> Panel:
    """The first `size` rows of `queryset` in its order (newest first, as the caller orders it)."""
    rows = list(queryset[: size + 1])
    return Panel(rows=rows[:size], more=len(rows) > size, url=url)


def linked(queryset, links, back: str):
    """The rows of `queryset` that `links` — rows of a link table already narrowed to one record (an
    organisation's interaction links, its parties) — point to through their foreign key `back`.

    Planned for a panel, which wants the first few rows in the queryset's order, so that it costs the
    same for a record with five links or fifty thousand: with few links, their rows are fetched and
    sorted; with many, the queryset is read in its order (an index) and each row checked, which
    stops after a few dozen rows because so many match. A plain join lets the database choose, and
    SQLite, with no statistics per value, would sort every interaction of the home institution.
    """
    ids = list(links.values_list(f"{back}_id", flat=True)[: LINK_THRESHOLD + 1])
    if len(ids) <= LINK_THRESHOLD:
        return queryset.filter(pk__in=ids)
    return queryset.filter(Exists(links.filter(**{back: OuterRef("pk")})))


@dataclass(frozen=True)
class CappedCount:
    """A count that stopped at a cap: shown as "1,000+" when there were more."""

    value: int
    capped: bool

    def __str__(self):
        shown = number_format(self.value, force_grouping=True)
        return f"{shown}+" if self.capped else shown

    def __bool__(self):
        return self.value > 0


def capped_count(queryset, cap: int | None = None) -> CappedCount:
    """How many rows, counting no further than `cap + 1` (COUNT_CAP by default): the cost stays flat
    however many there are."""
    cap = COUNT_CAP if cap is None else cap
    # Unordered: a count needs no order, and the model's ordering would sort every row first.
    found = queryset.order_by()[: cap + 1].count()
    return CappedCount(value=min(found, cap), capped=found > cap)


def list_url(name: str, **params) -> str:
    """A list page's URL filtered to one record: where a panel's "All …" link goes."""
    return f"{reverse(name)}?{urlencode(params)}"


def before_param(request) -> int | None:
    """The keyset cursor of a "more" link: ?before=<id>."""
    before = request.GET.get("before", "")
    return int(before) if before.isdigit() else None


@dataclass(frozen=True)
class PagePanel:
    """A section of a record's page: `build(request, obj)` returns what its template shows as
    `panel` (its queries bounded, its rows through `restrict()`), or None to leave it out."""

    key: str
    template: str
    order: int
    build: Callable[..., object]


# The home page has no model: its panels are registered under this key (build gets obj=None).
HOME = "home"
PAGE_PANELS: dict[type | str, dict[str, PagePanel]] = {}
# The home page's counts of the register: model → order.
HOME_COUNTS: dict[type, int] = {}


def register_page_panel(
    model: type | str, key: str, *, template: str, order: int, build: Callable[..., object]
) -> None:
    """Add a panel to `model`'s page; sections are shown by `order` (then key). Registering a key
    again replaces the panel."""
    PAGE_PANELS.setdefault(model, {})[key] = PagePanel(key, template, order, build)


def page_panels(model: type | str, request, obj) -> list[dict]:
    """The sections of `obj`'s page, in order: {"key", "template", "panel"} each."""
    sections = []
    for entry in sorted(PAGE_PANELS.get(model, {}).values(), key=lambda p: (p.order, p.key)):
        built = entry.build(request, obj)
        if built is not None:
            sections.append({"key": entry.key, "template": entry.template, "panel": built})
    return sections


def register_home_count(model: type, order: int) -> None:
    """Count the model's records (those the user may see, up to a cap) on the home page."""
    HOME_COUNTS[model] = order


def home_counts() -> list[type]:
    return sorted(HOME_COUNTS, key=lambda model: (HOME_COUNTS[model], model._meta.label))
