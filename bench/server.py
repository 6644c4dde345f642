"""The app as `make run` serves it: gunicorn (gunicorn.conf.py) and the job worker (`manage.py
worker`, the Procfile's two commands), production settings: DEBUG off, hashed static files. The bench
settings (bench/settings.py) add only an X-Queries header and the two reference views."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def database_url(settings_dict: dict) -> str:
    """The URL of the database the bench process set up, for the server processes."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{Path(settings_dict['NAME']).resolve()}"
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{settings_dict['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One gunicorn master and its workers, serving the bench database on a free loopback port."""

    def __init__(self, *, db_url: str, var_dir: Path, workers: int, threads: int, name: str = "web"):
        self.port = free_port()
        self.var_dir = var_dir
        self.name = name
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": db_url,
            "VAR_DIR": str(var_dir),
            "BENCH_STATIC_ROOT": str(var_dir / "static"),
            "MEDIA_ROOT": str(var_dir / "media"),
            "BIND": f"127.0.0.1:{self.port}",
            "WEB_WORKERS": str(workers),
            "WEB_THREADS": str(threads),
            "PYTHONPATH": str(ROOT),
            "PROMETHEUS_MULTIPROC_DIR": str(var_dir / f"prometheus-{name}"),
            "LOG_LEVEL": "WARNING",  # one JSON line a request would be the bench's own load
        }
        if db_url.startswith("sqlite:"):
            # Each database served keeps its jobs beside it, as `make run` keeps var/jobs.sqlite3.
            self.env["JOBS_SQLITE_PATH"] = db_url.removeprefix("sqlite:///") + ".jobs"
        self.process = None
        self.worker = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def collectstatic(self) -> None:
        """What a deployment does: hashed, compressed files for the manifest storage (unchanged files
        are skipped, so a second run is quick)."""
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=self.env,
            check=True,
        )

    def start(self) -> None:
        gunicorn = Path(sys.executable).parent / "gunicorn"
        log = open(self.var_dir / f"gunicorn-{self.name}.log", "ab")  # noqa: SIM115 - lives as long as the server
        self.process = subprocess.Popen(
            [str(gunicorn), "--config", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/health/", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn did not come up; see {self.var_dir / f'gunicorn-{self.name}.log'}")

    def start_worker(self) -> None:
        """The job worker `make run` starts beside gunicorn (idle but polling, as in production)."""
        manage = [sys.executable, "manage.py"]
        if "JOBS_SQLITE_PATH" in self.env:  # PostgreSQL keeps the jobs' tables in the database itself
            subprocess.run([*manage, "migrate", "--database", "jobs", "-v", "0"], cwd=ROOT, env=self.env, check=True)
        log = open(self.var_dir / f"worker-{self.name}.log", "ab")  # noqa: SIM115 - lives as long as the worker
        self.worker = subprocess.Popen(
            [*manage, "worker"], cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker, in MB (from /proc: Linux only)."""
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self) -> None:
        if self.worker is not None:
            os.killpg(self.worker.pid, signal.SIGTERM)
            try:
                self.worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.worker.pid, signal.SIGKILL)
                self.worker.wait()
            self.worker = None
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
