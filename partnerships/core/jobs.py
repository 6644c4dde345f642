"""Background jobs: long work run by the queue's worker, with progress a page and a terminal can show.

An app registers each kind of job it offers (`register_job`, in its AppConfig.ready()): a function
`run(progress, **arguments)` that does the work through the app's own services and returns a short
summary (a dict of figures, or a sentence). `enqueue` records a Job and hands it to the queue
(django-q2, docs/decisions/0003-job-queue.md); the worker calls `execute`, which claims the Job,
keeps its heartbeat while it runs, and records the result or the error. Commands call the same
function in-process with a terminal progress bar (`core.progress`).

A job is transactional or idempotent — its function writes in one transaction, or repeats safely —
so that a worker killed half-way loses nothing: the queue delivers the job again, or `recover`
(run when a worker starts and every minute) re-queues a running job that stopped beating.
"""

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import close_old_connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .changelog import change_context
from .models import Job

log = logging.getLogger("partnerships.jobs")
Status = Job.Status


@dataclass(frozen=True)
class JobKind:
    """A kind of work the worker can do. `startable`: admins may start it from the jobs page with no
    arguments (a registry reload, an index rebuild); others are started by the feature that needs them."""

    name: str
    run: Callable
    label: str
    startable: bool = False
    daily_at: str = ""  # the name of the setting that holds its local time ("06:00"), if it runs daily


_kinds: dict[str, JobKind] = {}


def register_job(name: str, run: Callable, *, label, startable: bool = False, daily_at: str = "") -> JobKind:
    """Offer a kind of job. `daily_at` names a setting holding a local time: the worker then runs
    it every day at that time (core/schedules.py)."""
    kind = JobKind(name=name, run=run, label=label, startable=startable, daily_at=daily_at)
    _kinds[name] = kind
    return kind


def kinds() -> list[JobKind]:
    return list(_kinds.values())


def get_kind(name: str) -> JobKind | None:
    return _kinds.get(name)


def label(job: Job) -> str:
    kind = _kinds.get(job.kind)
    return str(kind.label) if kind else job.kind


class Progress:
    """What a running job reports: `progress(done, total=None, message="")`.

    Writes to the Job row at most every half second (through the jobs database's own connection, so
    the page sees it while the job's transaction is still open), and drives an optional terminal bar.
    """

    INTERVAL = 0.5

    def __init__(self, job: Job | None = None, bar: Callable | None = None):
        self.job, self.bar = job, bar
        self._last = 0.0

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None:
        if self.bar is not None:
            self.bar(done, total, message)
        now = time.monotonic()
        if self.job is None or (now - self._last < self.INTERVAL and (total is None or done < total)):
            return
        self._last = now
        Job.objects.filter(pk=self.job.pk).update(
            done=max(done, 0), total=total, message=str(message)[:300], heartbeat_at=timezone.now()
        )


def enqueue(kind: str, *, user=None, **arguments) -> Job:
    """Record a job and hand it to the queue once the caller's transaction commits."""
    if kind not in _kinds:
        raise ValueError(f"No job kind {kind!r} is registered.")
    job = Job.objects.create(
        kind=kind,
        arguments=arguments,
        user_id=getattr(user, "pk", None),
        user_name=getattr(user, "username", "") if user is not None else "",
    )
    transaction.on_commit(lambda: _hand_over(job))
    return job


def _hand_over(job: Job) -> None:
    from django_q.tasks import async_task

    async_task(execute, job.pk, task_name=f"{job.kind} #{job.pk}", cluster=None)


def _claim(job_id: int) -> bool:
    """Take the job for this worker, atomically: one delivery runs it, any other finds it taken."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.JOB_STALE_AFTER)
    return bool(
        Job.objects.filter(pk=job_id)
        .filter(Q(status=Status.QUEUED) | Q(status=Status.RUNNING, heartbeat_at__lt=stale))
        .update(
            status=Status.RUNNING,
            started_at=now,
            heartbeat_at=now,
            attempts=F("attempts") + 1,
            worker=f"{socket.gethostname()}:{os.getpid()}"[:100],
            done=0,
            message="",
        )
    )


class _Heartbeat(threading.Thread):
    """Keeps `heartbeat_at` fresh while the job's own thread works (a long query reports nothing)."""

    def __init__(self, job_id: int):
        super().__init__(daemon=True, name=f"job-{job_id}-heartbeat")
        self.job_id, self.stopped = job_id, threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(settings.JOB_HEARTBEAT):
                Job.objects.filter(pk=self.job_id, status=Status.RUNNING).update(heartbeat_at=timezone.now())
        finally:
            close_old_connections()


def execute(job_id: int) -> str:
    """Run a queued job in this process (the worker's entry point); returns its final status."""
    from .observability import request_id_context

    if not _claim(job_id):
        return "skipped"
    job = Job.objects.get(pk=job_id)
    kind = _kinds.get(job.kind)
    if job.attempts > settings.JOB_MAX_ATTEMPTS:
        return _finish(
            job,
            Status.FAILED,
            error=_("The worker stopped during each of %(n)s attempts.") % {"n": settings.JOB_MAX_ATTEMPTS},
        )
    if kind is None:
        return _finish(job, Status.FAILED, error=_("This version has no job of kind %(kind)s.") % {"kind": job.kind})
    user = get_user_model().objects.filter(pk=job.user_id).first() if job.user_id else None
    beat = _Heartbeat(job.pk)
    beat.start()
    started = time.monotonic()
    try:
        with request_id_context(f"job-{job.pk}"), change_context(user=user, source="job"):
            log.info("job started", extra={"job": job.pk, "kind": job.kind, "attempt": job.attempts})
            result = kind.run(Progress(job), **job.arguments)
    except Exception as exc:  # noqa: BLE001 - every failure is the job's result, shown on its page
        log.exception("job failed", extra={"job": job.pk, "kind": job.kind})
        return _finish(job, Status.FAILED, error=describe(exc), seconds=time.monotonic() - started)
    finally:
        beat.stopped.set()
    return _finish(job, Status.SUCCEEDED, result=result, seconds=time.monotonic() - started)


def describe(exc: Exception) -> str:
    """The message a user can act on: a validation error's messages, otherwise the exception's text."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or type(exc).__name__


def _finish(job: Job, status: str, *, result=None, error: str = "", seconds: float | None = None) -> str:
    updates = {"status": status, "finished_at": timezone.now(), "error": error}
    if status == Status.SUCCEEDED:
        updates["result"] = (
            result if isinstance(result, dict | list | str | int | float) or result is None else str(result)
        )
        updates["message"] = ""
    Job.objects.filter(pk=job.pk).update(**updates)
    log.info("job %s", status, extra={"job": job.pk, "kind": job.kind, "seconds": seconds})
    return status


def run_now(kind: str, *, bar: Callable | None = None, user=None, **arguments):
    """Run a job's function in this process with a progress bar (for commands): no Job row, no queue."""
    with change_context(user=user, source="command"):
        return _kinds[kind].run(Progress(bar=bar), **arguments)


def recover() -> int:
    """Put running jobs that stopped beating back on the queue (or fail them after the last attempt).

    Their work was transactional or idempotent, so running them again is safe; a job whose claim is
    still fresh is left alone, wherever its worker runs.
    """
    stale = timezone.now() - timedelta(seconds=settings.JOB_STALE_AFTER)
    lost = list(Job.objects.filter(status=Status.RUNNING, heartbeat_at__lt=stale))
    for job in lost:
        if job.attempts >= settings.JOB_MAX_ATTEMPTS:
            error = _("The worker stopped during each of %(n)s attempts.") % {"n": job.attempts}
            Job.objects.filter(pk=job.pk, status=Status.RUNNING).update(
                status=Status.FAILED, finished_at=timezone.now(), error=error
            )
        elif Job.objects.filter(pk=job.pk, status=Status.RUNNING, heartbeat_at__lt=stale).update(
            status=Status.QUEUED,
            message=_("The worker stopped; queued again (attempt %(n)s of %(max)s).")
            % {"n": job.attempts + 1, "max": settings.JOB_MAX_ATTEMPTS},
        ):
            _hand_over(job)
    if lost:
        log.warning("recovered %s job(s) whose worker stopped", len(lost))
    return len(lost)


def run_scheduled(kind: str) -> str:
    """A schedule's entry point: the day's run of a job, recorded like any other and run here."""
    job = Job.objects.create(kind=kind, user_name=_("schedule"))
    return execute(job.pk)
