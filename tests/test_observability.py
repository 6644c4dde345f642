"""What an operator sees: /health/ and /ready/, the request ID in responses and log lines, the JSON
log format, and /metrics/ for the monitoring token or an admin (docs/observability.md)."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.utils.module_loading import import_string
from prometheus_client.core import GaugeMetricFamily

from partnerships.core import metrics, observability

from .conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.observability_urls")]

BEFORE = "django_prometheus.middleware.PrometheusBeforeMiddleware"
REQUEST_ID = "partnerships.core.observability.RequestIdMiddleware"
AFTER = "django_prometheus.middleware.PrometheusAfterMiddleware"
ROOT = Path(__file__).resolve().parent.parent
LATENCY = "django_http_requests_latency_seconds_by_view_method_bucket"


@pytest.fixture(autouse=True)
def observed(settings):
    """The middleware as settings wire it: Prometheus's first and last, the request ID next to the first."""
    rest = [m for m in settings.MIDDLEWARE if m not in (BEFORE, REQUEST_ID, AFTER)]
    settings.MIDDLEWARE = [BEFORE, REQUEST_ID, *rest, AFTER]
    settings.METRICS_TOKEN = "monitoring-secret"


@pytest.fixture
def ready_check():
    """Register readiness checks for one test; they are taken out again after it."""
    added = []

    def add(name, check):
        observability.register_ready_check(name, check)
        added.append(name)

    yield add
    for name in added:
        observability.unregister_ready_check(name)


@pytest.fixture
def metrics_collector():
    """Register metrics collectors for one test; they are taken out again after it."""
    added = []

    def add(collector):
        metrics.register_metrics_collector(collector)
        added.append(collector)

    yield add
    for collector in added:
        metrics.unregister_metrics_collector(collector)


def build(spec: dict):
    """A formatter or filter made exactly as logging.config makes it from `logging_config()`."""
    spec = dict(spec)
    return import_string(spec.pop("()"))(**spec)


@pytest.fixture
def log_lines():
    """Every log line written during the test, formatted as production writes them (JSON)."""
    config = observability.logging_config("INFO", json_logs=True)
    handler = logging.Handler()
    handler.addFilter(build(config["filters"]["request_id"]))
    handler.setFormatter(build(config["formatters"]["json"]))
    lines = []
    handler.emit = lambda record: lines.append(handler.format(record))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lines
    root.removeHandler(handler)
    root.setLevel(level)


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


# --- /health/ and /ready/ ------------------------------------------------------------------------


def test_ready_is_ok_when_every_check_passes(client):
    """Anonymous probes get 200 and the state of each check, never from a cache."""
    response = client.get("/ready/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and {"database", "migrations", "storage"} <= body["checks"].keys()
    assert set(body["checks"].values()) == {"ok"}
    assert "no-store" in response["Cache-Control"]


def test_ready_names_the_check_that_fails(client, ready_check):
    """A check that raises makes /ready/ answer 503 with its message; the others still report."""

    def queue():
        raise ConnectionError("broker unreachable\nsecond line left out")

    ready_check("queue", queue)
    response = client.get("/ready/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["queue"] == "error: broker unreachable"
    assert body["checks"]["database"] == "ok" and body["checks"]["storage"] == "ok"


def test_ready_check_without_a_message_is_named_by_its_exception(client, ready_check):
    ready_check("queue", lambda: (_ for _ in ()).throw(TimeoutError()))
    assert client.get("/ready/").json()["checks"]["queue"] == "error: TimeoutError"


def test_storage_check_leaves_no_probe_file_behind(settings):
    observability.check_storage()
    probe_dir = os.path.join(settings.MEDIA_ROOT, ".ready")
    assert os.listdir(probe_dir) == []


def test_health_and_ready_need_no_login(client):
    for url in ("/health/", "/ready/"):
        response = client.get(url)
        assert response.status_code == 200, url


# --- The request ID ------------------------------------------------------------------------------


def test_request_id_from_the_client_is_echoed(client):
    response = client.get("/health/", headers={"X-Request-ID": "lb-7f3a.2_x"})
    assert response["X-Request-ID"] == "lb-7f3a.2_x"


@pytest.mark.parametrize("incoming", [None, "", "a" * 65, "a" * 200, "two words", "line\nbreak", "ünï"])
def test_request_id_is_made_when_absent_or_not_a_plain_token(client, incoming):
    headers = {} if incoming is None else {"X-Request-ID": incoming}
    request_id = client.get("/health/", headers=headers)["X-Request-ID"]
    assert request_id != incoming and len(request_id) == 32 and int(request_id, 16) >= 0


def test_each_request_gets_its_own_id(client):
    assert client.get("/health/")["X-Request-ID"] != client.get("/health/")["X-Request-ID"]


def test_log_lines_written_during_a_request_carry_its_id(client, ready_check, log_lines):
    """A view's own line, the access line and Django's own (written after the middleware) are JSON
    with the request's ID; once the response is closed, lines belong to no request again."""

    def queue():
        raise ConnectionError("broker unreachable")

    ready_check("queue", queue)
    client.get("/ready/", headers={"X-Request-ID": "req-42"})
    records = [json.loads(line) for line in log_lines]
    warning = next(r for r in records if r["logger"] == "partnerships.core.observability")
    assert warning["request_id"] == "req-42" and warning["level"] == "WARNING"
    assert warning["message"] == "Readiness check queue failed" and "broker unreachable" in warning["exc_info"]
    access = next(r for r in records if r["logger"] == "partnerships.request")
    assert access["request_id"] == "req-42"
    assert access["message"].startswith("GET /ready/ 503 ")
    assert access["method"] == "GET" and access["path"] == "/ready/" and access["status"] == 503
    assert access["view"] == "ready" and access["user_id"] is None and access["duration_ms"] >= 0
    assert access["timestamp"] and access["level"] == "INFO"
    django_line = next(r for r in records if r["logger"] == "django.request")
    assert django_line["message"] == "Service Unavailable: /ready/" and django_line["request_id"] == "req-42"
    assert observability.get_request_id() == "-"


def test_access_line_names_the_signed_in_user(viewer, log_lines):
    client_for(viewer).get("/health/")
    access = next(json.loads(line) for line in log_lines if '"partnerships.request"' in line)
    assert access["user_id"] == viewer.pk and access["view"] == "health"


def test_lines_outside_a_request_say_so_and_jobs_can_label_theirs(log_lines):
    log = logging.getLogger("partnerships.test")
    log.warning("before")
    with observability.request_id_context("job-7"):
        log.warning("inside")
    log.warning("after")
    assert [json.loads(line)["request_id"] for line in log_lines] == ["-", "job-7", "-"]


def test_logging_config_writes_one_json_object_a_line_to_stderr():
    """The whole LOGGING dict, applied the way Django applies it, in a fresh interpreter."""
    script = (
        "import logging, logging.config\n"
        "from partnerships.core.observability import logging_config, request_id_context\n"
        "logging.config.dictConfig(logging_config('info', json_logs=True))\n"
        "logging.getLogger('partnerships.x').debug('hidden')\n"
        "with request_id_context('job-1'):\n"
        "    logging.getLogger('django.request').warning('Not Found: %s', '/nowhere/')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    [line] = [line for line in result.stderr.splitlines() if line.startswith("{")]
    record = json.loads(line)
    assert record["logger"] == "django.request" and record["level"] == "WARNING"
    assert record["message"] == "Not Found: /nowhere/" and record["request_id"] == "job-1"
    assert "timestamp" in record


def test_development_logs_are_text_with_the_request_id():
    config = observability.logging_config("DEBUG", json_logs=False)
    assert config["handlers"]["console"]["formatter"] == "text"
    spec = config["formatters"]["text"]
    formatter = logging.Formatter(spec["format"], style=spec["style"])
    record = logging.LogRecord("partnerships.x", logging.INFO, __file__, 1, "hello", None, None)
    observability.RequestIdFilter().filter(record)
    assert formatter.format(record).endswith("INFO partnerships.x [-] hello")


# --- /metrics/ -----------------------------------------------------------------------------------


def test_metrics_refuse_anonymous_visitors_without_a_login_redirect(client):
    response = client.get("/metrics/")
    assert response.status_code == 403 and "detail" in response.json()


def test_metrics_refuse_viewers_and_editors(viewer_client, editor_client):
    assert viewer_client.get("/metrics/").status_code == 403
    assert editor_client.get("/metrics/").status_code == 403


def test_metrics_need_the_right_token(client):
    assert client.get("/metrics/", headers=bearer("monitoring-secret")).status_code == 200
    assert client.get("/metrics/", headers=bearer("monitoring-secreT")).status_code == 403
    assert client.get("/metrics/", headers={"Authorization": "Token monitoring-secret"}).status_code == 403
    assert client.get("/metrics/", headers=bearer("ü")).status_code == 403


def test_metrics_token_access_is_off_without_a_token_setting(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics/", headers={"Authorization": "Bearer "}).status_code == 403
    assert client.get("/metrics/", headers=bearer("")).status_code == 403


def test_admins_and_superusers_read_metrics(admin_user):
    superuser = get_user_model().objects.create_superuser("root", password="pw-root")
    for user in (admin_user, superuser):
        response = client_for(user).get("/metrics/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain") and "no-store" in response["Cache-Control"]


def test_metrics_show_request_latency_by_view(client):
    client.get("/health/")
    body = client.get("/metrics/", headers=bearer("monitoring-secret")).content.decode()
    assert any(line.startswith(LATENCY + "{") and 'view="health"' in line for line in body.splitlines())


def test_metrics_include_registered_collectors(client, metrics_collector):
    """A collector's numbers are read at each scrape; one that fails leaves only itself out."""

    class Jobs:
        def collect(self):
            family = GaugeMetricFamily("partnerships_test_jobs", "Jobs by state.", labels=["state"])
            family.add_metric(["queued"], 3)
            yield family

    class Broken:
        def collect(self):
            raise RuntimeError("table missing")

    metrics_collector(Broken())
    metrics_collector(Jobs())
    response = client.get("/metrics/", headers=bearer("monitoring-secret"))
    assert response.status_code == 200
    assert 'partnerships_test_jobs{state="queued"} 3.0' in response.content.decode()


def test_metrics_add_up_every_worker_in_multiprocess_mode(client, tmp_path, monkeypatch):
    """Under gunicorn each worker writes its counts to the shared directory; a scrape reads them all."""
    env = {**os.environ, metrics.MULTIPROC_DIR_ENV: str(tmp_path)}
    worker = "from prometheus_client import Counter; Counter('partnerships_test_served', 'x').inc(2)"
    for _ in range(2):
        subprocess.run([sys.executable, "-c", worker], env=env, check=True)
    monkeypatch.setenv(metrics.MULTIPROC_DIR_ENV, str(tmp_path))
    body = client.get("/metrics/", headers=bearer("monitoring-secret")).content.decode()
    assert "partnerships_test_served_total 4.0" in body


def test_gunicorn_hooks_clear_the_directory_and_forget_dead_workers(tmp_path, monkeypatch):
    monkeypatch.setenv(metrics.MULTIPROC_DIR_ENV, str(tmp_path / "prometheus"))
    metrics.gunicorn_on_starting(server=None)
    directory = tmp_path / "prometheus"
    for name in ("counter_41.db", "gauge_livesum_41.db", "keep.txt"):
        (directory / name).write_bytes(b"")
    metrics.gunicorn_child_exit(server=None, worker=SimpleNamespace(pid=41))
    assert sorted(p.name for p in directory.iterdir()) == ["counter_41.db", "keep.txt"]
    metrics.gunicorn_on_starting(server=None)
    assert [p.name for p in directory.iterdir()] == ["keep.txt"]


def test_gunicorn_hooks_do_nothing_without_the_directory(monkeypatch):
    monkeypatch.delenv(metrics.MULTIPROC_DIR_ENV, raising=False)
    metrics.gunicorn_on_starting(server=None)
    metrics.gunicorn_child_exit(server=None, worker=SimpleNamespace(pid=41))
