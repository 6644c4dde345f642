"""Fixtures for the tests of real processes: hashed static files and a migrated deployment (database,
profile) once per test worker — the tests here share one worker (xdist_group "processes") — on the
database the suite runs on. Each test stops the processes it started."""

import os
import subprocess
import sys

import pytest

from .harness import ROOT, Deployment


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """What `make run` and a deployment serve: collectstatic's hashed, compressed files."""
    target = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "partnerships.settings.production",
            "SECRET_KEY": "collectstatic-only-" + "k" * 40,
            "VAR_DIR": str(target),
            "STATIC_ROOT": str(target),
        },
        check=True,
        timeout=300,
    )
    return target


@pytest.fixture(scope="session")
def shared_deployment(tmp_path_factory, static_root):
    folder = tmp_path_factory.mktemp("deployment")
    deployment = Deployment(folder, static_root)
    try:
        deployment.manage("migrate", "--no-input", "-v", "0")
        deployment.manage("createcachetable")
        deployment.manage("load_profile", str(ROOT / "profiles" / "birmingham-guangzhou.yaml"))
        yield deployment
    finally:
        deployment.stop_all()
        deployment.database.drop()


@pytest.fixture
def deployment(shared_deployment):
    yield shared_deployment
    shared_deployment.stop_all()
