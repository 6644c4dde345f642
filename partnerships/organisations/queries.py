"""Reads with rules for organisations and people: the stored likely duplicates, a page at a time."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from partnerships.core.permissions import has_model_permission

from .choices import DuplicateKind
from .duplicates import reason_text
from .models import DuplicatePair, Organisation, Person

PAGE_SIZE = 25
MODELS = {DuplicateKind.ORGANISATION: Organisation, DuplicateKind.PERSON: Person}
ORDER = ("-score", "sort_name", "first_id", "second_id")  # the index `duplicate_pair_order`
REVERSED = ("score", "-sort_name", "-first_id", "-second_id")


@dataclass
class ListedPair:
    """A stored pair as the reader sees it: both records, the evidence in their language, the score."""

    first: object
    second: object
    score: float
    reasons: list[str]


@dataclass
class DuplicatePage:
    """One page of pairs, with the positions to go on from (None at either end)."""

    pairs: list[ListedPair] = field(default_factory=list)
    next: str | None = None
    previous: str | None = None


def duplicate_page(user, kind: str, *, after: str = "", before: str = "", size: int | None = None) -> DuplicatePage:
    """The stored pairs of `kind` whose two records `user` may both view, best first: the first page, or the one
    after or before a position. Keyset pagination: the cost is that of a page, however many pairs there are."""
    size = size or PAGE_SIZE
    model = MODELS[kind]
    if not has_model_permission(user, model, "view"):
        return DuplicatePage()
    visible = model.objects.restrict(user, "view")
    pairs = DuplicatePair.objects.filter(
        Exists(visible.filter(pk=OuterRef("first_id"))),
        Exists(visible.filter(pk=OuterRef("second_id"))),
        kind=kind,
    )
    going_back = _position(before) is not None
    if going_back:
        rows = list(pairs.filter(_before(_position(before))).order_by(*REVERSED)[: size + 1])
        more = len(rows) > size
        rows = rows[:size][::-1]
        has_previous, has_next = more, True
    else:
        start = _position(after)
        if start is not None:
            pairs = pairs.filter(_after(start))
        rows = list(pairs.order_by(*ORDER)[: size + 1])
        has_previous, has_next = start is not None, len(rows) > size
        rows = rows[:size]

    records = visible.in_bulk({pk for row in rows for pk in (row.first_id, row.second_id)})
    named = {params.get("organisation") for row in rows for _code, params in row.evidence} - {None}
    organisations = Organisation.objects.restrict(user, "view").in_bulk(named) if named else {}
    listed = [
        ListedPair(
            records[row.first_id],
            records[row.second_id],
            row.score,
            [reason_text(code, params, organisations) for code, params in row.evidence],
        )
        for row in rows
        if row.first_id in records and row.second_id in records  # unless one went since the page was read
    ]
    return DuplicatePage(
        listed,
        next=_cursor(rows[-1]) if rows and has_next else None,
        previous=_cursor(rows[0]) if rows and has_previous else None,
    )


def _cursor(row: DuplicatePair) -> str:
    """A position in the order of the list, for the next or previous page's link."""
    return f"{row.score!r}~{row.first_id}~{row.second_id}~{row.sort_name}"


def _position(cursor: str) -> tuple[float, int, int, str] | None:
    try:
        score, first, second, name = cursor.split("~", 3)
        return float(score), int(first), int(second), name
    except ValueError:
        return None  # no position, or a mangled one: the first page


def _after(position) -> Q:
    score, first, second, name = position
    # The leading bound lets the database start reading the index at the position.
    return Q(score__lte=score) & (
        Q(score__lt=score)
        | Q(sort_name__gt=name)
        | Q(sort_name=name, first_id__gt=first)
        | Q(sort_name=name, first_id=first, second_id__gt=second)
    )


def _before(position) -> Q:
    score, first, second, name = position
    return Q(score__gte=score) & (
        Q(score__gt=score)
        | Q(sort_name__lt=name)
        | Q(sort_name=name, first_id__lt=first)
        | Q(sort_name=name, first_id=first, second_id__lt=second)
    )
