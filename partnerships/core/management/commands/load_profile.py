"""Load the institution profile (home institution, host city, colleges, strands, themes) from YAML."""

from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partnerships.core.changelog import change_context
from partnerships.core.models import Institution
from partnerships.core.profile_terms import SECTIONS


class Command(BaseCommand):
    help = "Load or update the institution profile from a YAML file; running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        if not isinstance(data, dict) or "institution" not in data:
            raise CommandError(f"{path}: expected a mapping with an 'institution' section.")
        try:
            with transaction.atomic(), change_context(source="command"):
                changed = self.load(data)
        except (ValidationError, TypeError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        self.stdout.write(f"Profile loaded from {path}: {changed} record(s) created or changed.")

    def load(self, data) -> int:
        changed = 0
        institution = Institution.current() or Institution()
        changed += _apply(institution, data["institution"])
        for key, model in SECTIONS.items():
            for order, term in enumerate(data.get(key) or []):
                obj = model.objects.filter(code=term["code"]).first() or model(code=term["code"])
                changed += _apply(obj, {"order": order, **term})
        return changed


def _apply(obj, values: dict) -> int:
    """Set the values and save only when something differs, so a rerun writes nothing."""
    dirty = obj.pk is None
    for field, value in values.items():
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            dirty = True
    if dirty:
        obj.full_clean()
        obj.save()
    return int(dirty)
