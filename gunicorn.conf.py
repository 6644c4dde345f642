"""How the app is served: gunicorn with threaded workers — by `make run`, by deploy/ and by the bench.

Threads let one worker answer several requests while others wait on the database, and keep a long
download (a streamed export) from tripping the worker timeout: the main thread keeps reporting in.
Sized from the CPU count; override with WEB_WORKERS / WEB_THREADS / WEB_TIMEOUT, and BIND.
"""

import multiprocessing
import os
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnerships.settings.production")
# Each worker process counts its requests in files here, and /metrics/ adds them up (core/metrics.py).
os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", str(Path(os.environ.get("VAR_DIR", Path(__file__).parent / "var")) / "prometheus")
)

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_WORKERS", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", 4))
timeout = int(os.environ.get("WEB_TIMEOUT", 120))
keepalive = 5
wsgi_app = "partnerships.wsgi:application"
# Every request is logged by the app itself, in JSON with its request ID (core/observability.py);
# gunicorn's own access log only if asked for.
accesslog = os.environ.get("ACCESS_LOG") or None
# gunicorn's own lines (workers booting, timeouts) in the app's format: JSON with production settings.
if os.environ.get("JSON_LOGS", "1").strip().lower() in {"1", "true", "yes", "on"}:
    from partnerships.core.observability import logging_config

    logconfig_dict = logging_config(os.environ.get("LOG_LEVEL", "INFO"), json_logs=True)
    logconfig_dict["loggers"].update(
        {name: {"handlers": ["console"], "propagate": False} for name in ("gunicorn.error", "gunicorn.access")}
    )


def on_starting(server):
    from partnerships.core.metrics import gunicorn_on_starting

    gunicorn_on_starting(server)


def child_exit(server, worker):
    from partnerships.core.metrics import gunicorn_child_exit

    gunicorn_child_exit(server, worker)


def post_worker_init(worker):
    """Load what the first requests would anyway (the Chinese word dictionary), then leave everything a
    worker holds by now out of the garbage collector's full passes, which walk every object (half a
    million) and showed as pauses of tens of milliseconds in the slowest requests."""
    import gc

    import jieba

    jieba.initialize()
    gc.freeze()
