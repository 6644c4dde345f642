"""`manage.py load_demo`: every app's bilingual demo data, in dependency order, all or nothing.

Each app owns its demo (`<app>/demo.py`, registered with `core.demo.register_demo`); this command
runs them lower apps first in one transaction. Every record created is marked `is_demo`; a second
run writes nothing and leaves edits made in the app alone.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from partnerships.core.changelog import change_context
from partnerships.core.demo import DemoRun, loaders
from partnerships.core.models import Institution


class Command(BaseCommand):
    help = (
        "Load the bilingual demo data of every app (partners, people, relationships, interactions, agreements …), "
        "all marked as demo. Needs the institution profile; uses the ROR registry when it is loaded. "
        "Running it again changes nothing."
    )

    def handle(self, *args, **options):
        if Institution.current() is None:
            raise CommandError(
                "The institution profile is not loaded. Run "
                "`manage.py load_profile profiles/birmingham-guangzhou.yaml` first."
            )
        run = DemoRun(today=timezone.localdate())
        lines = []
        try:
            with transaction.atomic(), change_context(source="command"):
                for _label, load in loaders():
                    lines += load(run)
        except ValidationError as exc:
            raise CommandError(f"Demo data not loaded, nothing was written: {' '.join(exc.messages)}") from exc
        for line in lines:
            self.stdout.write(self.style.SUCCESS(line))
