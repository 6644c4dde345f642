"""The worker's own timetable: daily jobs at the configured local time, and recovery every minute.

Kept as django-q2 Schedule rows named "platform:…", brought in line with the registered job kinds and
the settings each time a worker starts (`sync`), so changing DAILY_JOBS_AT and restarting the worker
is all it takes. A run missed while no worker was up happens once when one starts, not once per day
missed (Q_CLUSTER catch_up off).
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from . import jobs

PREFIX = "platform:"


def local_time(value: str, setting: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"{setting}: expected a time of day such as 06:00, not {value!r}.") from None


def next_at(at: time, now: datetime | None = None) -> datetime:
    """The next moment the local clock shows `at` (today if it is still to come)."""
    now = timezone.localtime(now)
    candidate = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate > now else candidate + timedelta(days=1)


def wanted() -> dict[str, dict]:
    """Every schedule the platform wants, by name: what it runs and when."""
    from django_q.models import Schedule

    result = {
        PREFIX + "recover": {
            "func": "partnerships.core.jobs.recover",
            "args": None,
            "schedule_type": Schedule.MINUTES,
            "minutes": 1,
            "at": None,
        }
    }
    for kind in jobs.kinds():
        if kind.daily_at:
            at = local_time(getattr(settings, kind.daily_at), kind.daily_at)
            result[PREFIX + kind.name] = {
                "func": "partnerships.core.jobs.run_scheduled",
                "args": repr((kind.name,)),
                "schedule_type": Schedule.DAILY,
                "minutes": None,
                "at": at,
            }
    return result


def sync(now: datetime | None = None) -> list[str]:
    """Create, update or delete the platform's schedules to match `wanted()`; returns their names."""
    from django_q.models import Schedule

    plan = wanted()
    Schedule.objects.filter(name__startswith=PREFIX).exclude(name__in=plan).delete()
    for name, spec in plan.items():
        at = spec.pop("at")
        schedule = Schedule.objects.filter(name=name).first() or Schedule(name=name, repeats=-1)
        for key, value in spec.items():
            setattr(schedule, key, value)
        if at is not None:
            local = timezone.localtime(schedule.next_run) if schedule.next_run else None
            if local is None or (local.hour, local.minute) != (at.hour, at.minute):
                schedule.next_run = next_at(at, now)
        elif schedule.next_run is None:
            schedule.next_run = timezone.now()
        schedule.save()
    return sorted(plan)
