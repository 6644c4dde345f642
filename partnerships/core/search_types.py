"""Which models the global search covers, and which of their fields feed the index.

Each app registers its models in its own `search.py` (found by `SearchConfig.ready`):

    register(Agreement, names=["title_en", "title_zh", "reference"],
             text=["summary", "parties__organisation__name_en"], display=("title_en", "title_zh"))

Fields are paths as in a queryset lookup; a path may run through relations (`parties__organisation__…`)
and end at a property. `names` rank first and get pinyin and abbreviations; `text` is found by its
words. A path through a relation also makes the record depend on the related records: renaming an
organisation re-indexes the agreements it is party to (see `indexing`).
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import models


@dataclass
class SearchType:
    """A registered model: where its text comes from and how a hit is shown."""

    model: type[models.Model]
    names: list[str]
    text: list[str] = field(default_factory=list)
    display: tuple[str, str] = ("pk", "")
    # Filled in at registration from the paths.
    prefetch: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.model._meta.label_lower.replace(".", "-")

    @property
    def label(self):
        return self.model._meta.verbose_name_plural

    def values(self, obj, path: str) -> list[str]:
        """The text at a path: "parties__organisation__acronyms" → every acronym of every party."""
        current = [obj]
        for part in path.split("__"):
            following = []
            for item in current:
                value = getattr(item, part, None)
                if value is None:
                    continue
                if isinstance(value, models.Manager):
                    following.extend(value.all())
                elif isinstance(value, (list, tuple)):
                    following.extend(value)
                else:
                    following.append(value)
            current = following
        return [str(v) for v in current if v not in ("", None)]

    def names_of(self, obj) -> list[str]:
        return [v for path in self.names for v in self.values(obj, path)]

    def text_of(self, obj) -> list[str]:
        return [v for path in self.text for v in self.values(obj, path)]

    def shown(self, obj) -> tuple[str, str]:
        """The hit's name in both scripts (the second may be empty)."""
        first, second = ((", ".join(self.values(obj, path)) if path else "") for path in self.display)
        return first or str(obj), second if second != first else ""


_types: dict[type, SearchType] = {}
# related model → [(registered model, lookup from it to the related model)]
_dependents: dict[type, list[tuple[type, str]]] = {}
# many-to-many through model → the registered model that declares (or is reached by) the field
_through: dict[type, type] = {}


def _relations(model, path: str):
    """The relations along a path: (lookup so far, related model, field) for each hop."""
    current, parts = model, path.split("__")
    for i, part in enumerate(parts):
        try:
            f = current._meta.get_field(part)
        except FieldDoesNotExist:
            return
        if not f.is_relation:
            return
        yield "__".join(parts[: i + 1]), f.related_model, f
        current = f.related_model


def register(model, *, names, text=(), display=None):
    """Put `model` in the global search, indexed from these field paths."""
    search_type = SearchType(model=model, names=list(names), text=list(text), display=display or (names[0], ""))
    prefetch, select = set(), set()
    for path in [*search_type.names, *search_type.text]:
        for lookup, related, f in _relations(model, path):
            prefetch.add(lookup)
            _dependents.setdefault(related, [])
            if (model, lookup) not in _dependents[related]:
                _dependents[related].append((model, lookup))
            if f.many_to_many and lookup == path.split("__")[0]:
                _through[f.remote_field.through if f.concrete else f.through] = model
    for path in search_type.display:
        relations = [lookup for lookup, _, f in _relations(model, path) if f.many_to_one or f.one_to_one]
        if relations:
            select.add(relations[-1])
    search_type.prefetch, search_type.select = sorted(prefetch), sorted(select)
    _types[model] = search_type
    return search_type


def unregister(model):
    """Take a model out again (for tests that register a model of their own)."""
    _types.pop(model, None)
    for related in list(_dependents):
        _dependents[related] = [(m, lookup) for m, lookup in _dependents[related] if m is not model]
    for through in [t for t, m in _through.items() if m is model]:
        del _through[through]


def registered() -> list[SearchType]:
    return list(_types.values())


def get_type(model) -> SearchType | None:
    return _types.get(model)


def dependents(model) -> list[tuple[type, str]]:
    return _dependents.get(model, [])


def through_owner(through) -> type | None:
    return _through.get(through)
