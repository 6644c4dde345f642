"""What an operator watches: readiness, the request ID on every log line, and the logging set-up.

`/health/` (pages.health) says the process is alive; `/ready/` says it can serve: every registered
readiness check passes. Apps add checks with `register_ready_check` (the job queue registers
"queue"). Metrics are in `metrics.py`. docs/observability.md describes what operators see.

Imported by the logging configuration (RequestIdFilter), before the apps are loaded: no models here.
"""

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.contrib.auth.decorators import login_not_required
from django.core.files.base import ContentFile
from django.core.signals import request_finished
from django.db import connection, connections
from django.dispatch import receiver
from django.http import JsonResponse
from django.utils.functional import SimpleLazyObject, empty
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)
access_logger = logging.getLogger("partnerships.request")

# --- Readiness -----------------------------------------------------------------------------------

_ready_checks: dict[str, Callable[[], None]] = {}


def register_ready_check(name: str, check: Callable[[], None]) -> None:
    """Add a check to /ready/ (or replace the one of that name); it raises when not ready, and its
    message is what the probe shows."""
    _ready_checks[name] = check


def unregister_ready_check(name: str) -> None:
    """Take a check out of /ready/ (tests, or a feature switched off); unknown names are ignored."""
    _ready_checks.pop(name, None)


def ready_checks() -> dict[str, Callable[[], None]]:
    """The registered checks by name, in the order they run."""
    return dict(_ready_checks)


def check_database() -> None:
    """The database answers a query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


_migrated: set[str] = set()


def check_migrations() -> None:
    """Every migration on disk is applied, in each database (the jobs' own SQLite file too). Loading
    the migration graph takes a while, so once the answer is yes this process stops asking: a deploy
    migrates before it starts workers, and migrations are never unapplied under a running one."""
    from django.db.migrations.executor import MigrationExecutor

    for alias in connections:
        if alias in _migrated:
            continue
        executor = MigrationExecutor(connections[alias])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            pending = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:5])
            raise RuntimeError(f"{len(plan)} unapplied migration(s) in database {alias!r}: {pending}")
        _migrated.add(alias)


def check_storage() -> None:
    """Uploaded files can be written: save and delete a small probe file under `.ready/`."""
    from django.core.files.storage import default_storage

    # A name of its own per probe: two probes at once must not delete each other's file.
    name = default_storage.save(f".ready/probe-{uuid.uuid4().hex}.txt", ContentFile(b"ready"))
    default_storage.delete(name)


register_ready_check("database", check_database)
register_ready_check("migrations", check_migrations)
register_ready_check("storage", check_storage)


def _failure(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return f"error: {lines[0][:200] if lines else type(exc).__name__}"


@login_not_required
@never_cache
def ready(request):
    """For orchestrators: 200 when every readiness check passes, 503 naming the ones that fail."""
    checks = {}
    for name, check in ready_checks().items():
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - whatever a check raises means "not ready"
            logger.warning("Readiness check %s failed", name, exc_info=True)
            checks[name] = _failure(exc)
        else:
            checks[name] = "ok"
    ok = all(result == "ok" for result in checks.values())
    return JsonResponse({"status": "ok" if ok else "error", "checks": checks}, status=200 if ok else 503)


# --- The request ID ------------------------------------------------------------------------------

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's or client's ID is kept only when it is a plain token: it goes into every log line.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def get_request_id() -> str:
    """The ID of the request (or job) being served in this thread; "-" outside any."""
    return _request_id.get()


@contextmanager
def request_id_context(value: str) -> Iterator[str]:
    """Label the log lines written inside the block, e.g. a job's: `with request_id_context(f"job-{job.pk}")`."""
    token = _request_id.set(value)
    try:
        yield value
    finally:
        _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Put the current request ID on every record as `request_id` (on the handler, so records from
    every logger get it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


def _user_id(request):
    """The user's id if the request was authenticated; never loads the session just to log it."""
    user = getattr(request, "user", None)
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None


class RequestIdMiddleware:
    """Give each request an ID (the client's X-Request-ID if sane, else a new one), label every log
    line written while serving it, return it in the response, and write one access-log line.
    First in MIDDLEWARE (after PrometheusBeforeMiddleware), so the other middleware's lines carry it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed (_end_request), not just until this returns: Django logs
        # "Not Found" and "Forbidden" after the middleware, and a streamed body is written later still.
        _request_id.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        match = getattr(request, "resolver_match", None)
        # The path without its query string: searches may carry names of people.
        access_logger.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "view": match.view_name if match else None,
                "user_id": _user_id(request),
            },
        )
        response[REQUEST_ID_HEADER] = request_id
        return response


@receiver(request_finished, dispatch_uid="observability.end_request")
def _end_request(**kwargs) -> None:
    """The response is closed: lines this thread writes from now on belong to no request."""
    _request_id.set("-")


# --- Logging -------------------------------------------------------------------------------------


def logging_config(level: str, json_logs: bool) -> dict:
    """settings.LOGGING: every line to stderr with its request ID, as JSON (production, one object a
    line) or as text (development). Django's own loggers go the same way instead of to their handlers."""
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "partnerships.core.observability.RequestIdFilter"}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "{levelname}{name}{message}{request_id}",
                "style": "{",
                "rename_fields": {"levelname": "level", "name": "logger"},
                "timestamp": True,
            },
            "text": {"format": "{asctime} {levelname} {name} [{request_id}] {message}", "style": "{"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "filters": ["request_id"],
                "formatter": "json" if json_logs else "text",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django gives these handlers of its own (plain text, e-mail to ADMINS); send them to ours.
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.server": {"handlers": [], "level": level, "propagate": True},
        },
    }
