"""Prometheus metrics at /metrics/, for the monitoring token or an admin.

Request latency by view comes from django-prometheus's two middlewares (no database or cache
instrumentation). Numbers read at scrape time (jobs from the Job table, the same on every machine)
come from collectors apps add with `register_metrics_collector`.

Under gunicorn each worker process counts its own requests: with PROMETHEUS_MULTIPROC_DIR set
(before gunicorn starts) they write them to files there, and a scrape adds up every worker's.
gunicorn.conf.py imports this module before Django is set up: no models at import time.
"""

import glob
import hmac
import logging
import os

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

logger = logging.getLogger(__name__)

MULTIPROC_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"

_collectors: list = []


def register_metrics_collector(collector) -> None:
    """Serve a custom collector's metrics at /metrics/: an object whose `collect()` yields metric
    families, run at every scrape. Not also to be registered with prometheus_client's REGISTRY."""
    if collector not in _collectors:
        _collectors.append(collector)


def unregister_metrics_collector(collector) -> None:
    """Stop serving a collector (tests); unknown ones are ignored."""
    if collector in _collectors:
        _collectors.remove(collector)


class _Guarded:
    """A registered collector that fails leaves its metrics out of the scrape, not the whole scrape."""

    def __init__(self, collector):
        self.collector = collector

    def collect(self):
        try:
            families = list(self.collector.collect())
        except Exception:  # noqa: BLE001 - one broken collector must not hide the request metrics
            logger.exception("Metrics collector %r failed", self.collector)
            return []
        return families


def scrape_registry() -> CollectorRegistry:
    """What one scrape serves: every worker's request metrics (or this process's, without the
    multiprocess directory) and the registered collectors."""
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROC_DIR_ENV):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    for collector in _collectors:
        registry.register(_Guarded(collector))
    return registry


def _has_token(request) -> bool:
    expected = getattr(settings, "METRICS_TOKEN", "") or ""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if not expected or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


@login_not_required
@never_cache
def metrics(request):
    """Prometheus metrics for the monitoring token (`Authorization: Bearer …`) or an admin; anyone
    else gets 403 in JSON, never a login redirect (scrapers do not follow one)."""
    from .roles import is_admin  # roles imports the auth models; gunicorn loads this module before them

    if not (_has_token(request) or is_admin(request.user)):
        return JsonResponse({"detail": "The monitoring token or an admin login is required."}, status=403)
    return HttpResponse(generate_latest(scrape_registry()), content_type=CONTENT_TYPE_LATEST)


# --- gunicorn hooks (gunicorn.conf.py) -----------------------------------------------------------


def gunicorn_on_starting(server) -> None:
    """Start from an empty multiprocess directory: files left by an earlier run would be added in."""
    path = os.environ.get(MULTIPROC_DIR_ENV)
    if not path:
        return
    os.makedirs(path, exist_ok=True)
    # Only prometheus_client's files: the variable may point somewhere shared by mistake.
    for name in glob.glob(os.path.join(path, "*.db")):
        os.remove(name)


def gunicorn_child_exit(server, worker) -> None:
    """A worker has gone: drop its live gauges (its counters and histograms stay in the totals)."""
    if os.environ.get(MULTIPROC_DIR_ENV):
        multiprocess.mark_process_dead(worker.pid)
