"""A deployment on loopback for tests: its own database (a SQLite file, or a PostgreSQL database made
for the run on the server the suite uses), the production settings, gunicorn servers and job workers
as real processes. The tests in this folder drive it over HTTP and read its tables with plain SQL.
"""

import contextlib
import http.cookiejar
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, *, timeout: float, interval: float = 0.2, what: str = "condition"):
    """Poll `predicate` until it returns something truthy; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class Database:
    """Where the deployment's data lives, and plain-SQL reads of it (main and jobs tables)."""

    def __init__(self, folder: Path):
        self.postgres_url = os.environ.get("DATABASE_URL", "")
        if self.postgres_url:
            self.name = f"procs_{os.getpid()}_{uuid.uuid4().hex[:8]}"
            base = self.postgres_url.rsplit("/", 1)[0]
            self.url = f"{base}/{self.name}"
            self._admin(f'CREATE DATABASE "{self.name}"')
        else:
            self.url = f"sqlite:///{folder / 'partnerships.sqlite3'}"
            self.main_file, self.jobs_file = folder / "partnerships.sqlite3", folder / "jobs.sqlite3"

    @property
    def vendor(self) -> str:
        return "postgresql" if self.postgres_url else "sqlite"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.postgres_url, autocommit=True) as connection:
            connection.execute(sql)

    def rows(self, sql: str, params=(), *, jobs: bool = False) -> list[tuple]:
        if self.postgres_url:
            import psycopg

            with psycopg.connect(self.url, autocommit=True) as connection:
                return connection.execute(sql.replace("?", "%s"), params).fetchall()
        connection = sqlite3.connect(self.jobs_file if jobs else self.main_file, timeout=20)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def value(self, sql: str, params=(), *, jobs: bool = False):
        rows = self.rows(sql, params, jobs=jobs)
        return rows[0][0] if rows else None

    def drop(self) -> None:
        if self.postgres_url:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Deployment:
    """The app as production runs it, on this machine: `manage(...)`, `start_web()`, `start_worker()`."""

    def __init__(self, folder: Path, static_root: Path, **settings):
        self.folder = folder
        self.database = Database(folder)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "partnerships.settings.production",
            "SECRET_KEY": "processes-test-" + "k" * 40,
            "SECURE_COOKIES": "0",
            "DATABASE_URL": self.database.url,
            "VAR_DIR": str(folder),
            "MEDIA_ROOT": str(folder / "media"),
            "STATIC_ROOT": str(static_root),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
            "JOB_WORKERS": "1",
            "JOB_POLL": "0.2",
            "JOB_HEARTBEAT": "0.5",
            "JOB_STALE_AFTER": "3",
            **settings,
        }
        self.processes: list[subprocess.Popen] = []

    def manage(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600
        )
        if check and result.returncode:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def shell(self, code: str) -> str:
        """Run Python in a Django shell of the deployment; returns what it printed (last line)."""
        out = self.manage("shell", "--no-imports", "-v", "0", "-c", code)
        return out.strip().splitlines()[-1] if out.strip() else ""

    def _log(self, name: str):
        return open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 - lives as long as the process

    def start_web(self, name: str, *, workers: int = 1, threads: int = 4) -> "Web":
        port = free_port()
        env = {
            **self.env,
            "BIND": f"127.0.0.1:{port}",
            "WEB_WORKERS": str(workers),
            "WEB_THREADS": str(threads),
            "PROMETHEUS_MULTIPROC_DIR": str(self.folder / f"prometheus-{name}"),
        }
        log = self._log(name)
        process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        self.processes.append(process)
        web = Web(f"http://127.0.0.1:{port}")
        wait_for(web.alive, timeout=60, what=f"gunicorn {name} (see {self.folder / name}.log)")
        return web

    def start_worker(self, name: str = "worker") -> subprocess.Popen:
        """`manage.py worker` in a process group of its own, so that a test can kill it whole."""
        log = self._log(name)
        process = subprocess.Popen(
            [sys.executable, "manage.py", "worker"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen, sig=signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=60)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=20)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    self.kill(process)
        self.processes.clear()

    def job(self, job_id: int) -> dict:
        columns = ["status", "done", "total", "attempts", "error", "result"]
        row = self.database.rows(f"SELECT {', '.join(columns)} FROM core_job WHERE id = ?", (job_id,), jobs=True)[0]
        job = dict(zip(columns, row, strict=True))
        if isinstance(job["result"], str):
            job["result"] = json.loads(job["result"])
        return job


class Web:
    """HTTP against one app server: a session (cookies) or an API token."""

    def __init__(self, base: str, token: str = ""):
        self.base, self.token = base, token
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def alive(self) -> bool:
        try:
            return self.request("GET", "/health/")[0] == 200
        except OSError:
            return False

    def with_session_of(self, other: "Web") -> "Web":
        """This server, with the cookies another client got from another server."""
        for cookie in other.cookies:
            self.cookies.set_cookie(cookie)
        return self

    def request(self, method: str, path: str, *, data=None, json_body=None, headers=None):
        headers = dict(headers or {})
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        elif isinstance(data, bytes):
            body = data
        elif data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def get_json(self, path: str):
        status, headers, body = self.request("GET", path)
        assert status == 200, f"GET {path}: {status} {body[:300]}"
        return json.loads(body), headers

    def csrf_token(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def login(self, username: str, password: str) -> None:
        status, _headers, page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _headers, page = self.request(
            "POST",
            "/accounts/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        assert status == 200 and any(c.name == "sessionid" for c in self.cookies), f"login as {username} failed"

    def post_form(self, path: str, data: dict):
        return self.request("POST", path, data={**data, "csrfmiddlewaretoken": self.csrf_token()})
