"""`make serve` installs what serving needs and nothing more; `make test` adds the tools."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

FILES = ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml", "package.json", "package-lock.json")


def dry_run(tmp_path: Path, target: str) -> str:
    """What `make TARGET` would run on a fresh clone (no .venv yet)."""
    for name in FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    result = subprocess.run(["make", "-n", target], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("target", ["serve", "build", "check"])
def test_authoring_targets_install_the_runtime_only(tmp_path: Path, target: str) -> None:
    commands = dry_run(tmp_path, target)
    assert "-r requirements.txt" in commands
    assert "requirements-dev.txt" not in commands


def test_make_test_adds_the_test_tools(tmp_path: Path) -> None:
    commands = dry_run(tmp_path, "test")
    assert "-r requirements.txt" in commands and "-r requirements-dev.txt" in commands
