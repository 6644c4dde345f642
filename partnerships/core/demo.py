"""Demo data, owned app by app: each app's `demo.py` registers a loader; `manage.py load_demo` runs them.

An app's loader creates what is missing of its own demo records and finds those already there, so a
second run writes nothing and leaves edits made in the app alone. Loaders run in the order of
`INSTALLED_APPS`, which follows the layers (docs/architecture.md), so an app's demo may use what the
apps below it loaded: they leave their records in the run by demo-data key (`run.keep`,
`run.get`), as the organisations' loader does with the demo partners and people everyone else links.
Everything runs in one transaction; a loader raises ValidationError to stop the whole load.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError

from .models import College, Strand, Theme

TERM_MODELS = {"strands": Strand, "colleges": College, "themes": Theme}


@dataclass
class DemoRun:
    """What one `load_demo` run shares between the apps' loaders."""

    today: date
    records: dict[str, dict[str, object]] = field(default_factory=dict)
    _terms: dict[str, dict[str, object]] | None = None

    def keep(self, kind: str, key: str, record) -> None:
        self.records.setdefault(kind, {})[key] = record

    def get(self, kind: str, key: str):
        return self.records[kind][key]

    def of(self, kind: str) -> dict[str, object]:
        return self.records.setdefault(kind, {})

    @property
    def terms(self) -> dict[str, dict[str, object]]:
        """The profile's strands, colleges and themes by code."""
        if self._terms is None:
            self._terms = {name: {t.code: t for t in model.objects.all()} for name, model in TERM_MODELS.items()}
        return self._terms

    def require_terms(self, what: str, needed: dict[str, set[str]]) -> None:
        """Refuse to go on when the demo needs a strand, college or theme the profile lacks."""
        missing = [
            f"{name}: {code}"
            for name, codes in needed.items()
            for code in sorted(codes)
            if code not in self.terms[name]
        ]
        if missing:
            raise ValidationError(
                f"The institution profile lacks what the demo {what} need ({', '.join(missing)}); "
                "load the full profile with `manage.py load_profile` first."
            )

    def tag(self, record, tags: dict) -> None:
        """Set a record's strands, colleges and themes from codes."""
        for name in TERM_MODELS:
            if tags.get(name):
                getattr(record, name).set([self.terms[name][code] for code in tags[name]])


def save_demo(record, created: Counter, counter: str) -> None:
    """Validate and save a demo record, marked as demo, and count it."""
    record.is_demo = True
    record.full_clean()
    record.save()
    created[counter] += 1


def counts(counter: Counter, names: tuple[str, ...]) -> str:
    return ", ".join(f"{counter[name]} {name}" for name in names)


LOADERS: dict[str, Callable[[DemoRun], list[str]]] = {}


def register_demo(app_label: str, load: Callable[[DemoRun], list[str]]) -> None:
    """An app's demo loader: `load(run)` creates what is missing and returns lines that say what it did."""
    LOADERS[app_label] = load


def loaders() -> list[tuple[str, Callable[[DemoRun], list[str]]]]:
    """The registered loaders, lower apps first (the order of INSTALLED_APPS)."""
    order = {config.label: index for index, config in enumerate(apps.get_app_configs())}
    return sorted(LOADERS.items(), key=lambda item: order[item[0]])
