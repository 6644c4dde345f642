"""The import-direction contract (docs/architecture.md) holds, and fails when an app reaches upward.

Run on a copy of the package's Python files, so that the probe's upward import never touches the
working tree."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
