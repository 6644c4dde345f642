"""The import-direction contract (docs/architecture.md) holds, and fails when an app reaches upward.

Run on a copy of the package's Python files, so that the probe's upward import never touches the
working tree."""

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint(tree: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path):
    shutil.copytree(
        ROOT / "partnerships",
        tmp_path / "partnerships",
        ignore=lambda _dir, names: [n for n in names if not (n.endswith(".py") or "." not in n)],
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is installed by requirements-dev.txt")
def test_the_contract_holds_and_catches_an_upward_import(tree):
    kept = lint(tree)
    assert kept.returncode == 0, kept.stdout + kept.stderr

    probe = tree / "partnerships" / "organisations" / "probe.py"
    probe.write_text("from partnerships.research.models import Project  # an upward import\n")
    broken = lint(tree)

    assert broken.returncode != 0
    assert "partnerships.organisations.probe -> partnerships.research.models" in broken.stdout


def test_every_app_is_in_a_layer():
    """Each of the project's installed apps (the educational platform's too) has its place in the contract."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    layered = {name.strip() for layer in contract["layers"] for name in re.split(r"[|:]", layer)}
    apps = {app for app in settings.INSTALLED_APPS if app.startswith("partnerships.")}
    assert apps <= layered, sorted(apps - layered)


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is installed by requirements-dev.txt")
def test_sibling_apps_stay_apart(tree):
    """The educational platform sits beside business engagement: neither imports the other."""
    probe = tree / "partnerships" / "programmes" / "probe.py"
    probe.write_text("from partnerships.business.models import Deal  # a sideways import\n")
    broken = lint(tree)

    assert broken.returncode != 0
    assert "partnerships.programmes.probe -> partnerships.business.models" in broken.stdout
