"""What every part of the generator shares."""

import random
from datetime import date, datetime, time

from django.utils import timezone

BATCH = 2000
YEARS = 10  # how far back the generated history goes


def at(day: date, rng: random.Random) -> datetime:
    """A moment in office hours on that day."""
    return timezone.make_aware(datetime.combine(day, time(hour=rng.randint(8, 18), minute=rng.randint(0, 59))))
