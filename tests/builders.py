"""Other builders for the exported tree (`scenariosite export`), each in its own venv:
ProperDocs with Material, and Zensical. The venvs are made here with pip from the
registry and kept in build/builders/ between runs (remade when the pins change); the
project's .venv never gets them. Fixtures are registered in conftest.py, so one
session builds each site once."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import QUIET_ENV, ROOT, run, scenariosite

VENVS = ROOT / "build" / "builders"
ZENSICAL = "zensical==0.0.73"  # 0.0.74 and 0.1.x need a zensical-ui with no files on PyPI
PROPERDOCS = "properdocs==1.6.7"


def _pins(*names: str) -> list[str]:
    """The project's own pins of these packages (with their Python markers)."""
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.split("=")[0].split(";")[0].strip() in names]


# ProperDocs builds with Material's theme and search (which pull MkDocs in as a
# dependency: ProperDocs answers its imports). Zensical brings its own theme.
PROPERDOCS_PACKAGES = [PROPERDOCS, *_pins("mkdocs-material", "pymdown-extensions")]
ZENSICAL_PACKAGES = [ZENSICAL, *_pins("pymdown-extensions")]


def builder_venv(name: str, packages: list[str]) -> Path:
    """The venv's bin folder, made once per set of pins. Fails (never skips) when pip
    cannot install them: CI must run these builds."""
    digest = hashlib.sha256("\n".join(packages).encode()).hexdigest()[:12]
    venv = VENVS / f"{name}-{digest}"
    stamp = venv / ".installed"
    if not stamp.is_file():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", venv], check=True, timeout=300)
        pip = [venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        result = subprocess.run([*pip, *packages], capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"pip could not install {packages}:\n{result.stdout}{result.stderr}"
        stamp.write_text("\n".join(packages) + "\n", encoding="utf-8")
    return venv / "bin"


def export_course(config: Path, out: Path) -> Path:
    result = scenariosite("export", "-f", config, "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def build_with(bin_dir: Path, command: str, tree: Path, site: Path) -> Path:
    """`properdocs build --strict` or `zensical build --strict` in the exported tree."""
    if command == "zensical":
        # Zensical takes the site folder from mkdocs.yml only; it builds into tree/site.
        result = run(bin_dir / "zensical", "build", "--strict", "-f", tree / "mkdocs.yml", cwd=tree)
        built = tree / "site"
        assert result.returncode == 0, result.stdout + result.stderr
        if built != site:
            shutil.move(built, site)
    else:
        result = run(bin_dir / command, "build", "--strict", "-f", tree / "mkdocs.yml", "-d", site, cwd=tree)
        assert result.returncode == 0 and "WARNING" not in result.stderr, result.stdout + result.stderr
    return site


def builder_template(bin_dir: Path, package: str, name: str) -> str:
    """A template as that builder's package ships it (for the copies in our theme)."""
    code = f"import {package}, pathlib; print(pathlib.Path({package}.__file__).parent / 'templates' / {name!r})"
    path = subprocess.run([bin_dir / "python", "-c", code], capture_output=True, text=True, env=QUIET_ENV, check=True)
    return Path(path.stdout.strip()).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shipped_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped course exported as a tree (mkdocs.yml, docs/, theme/)."""
    return export_course(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("export") / "tree")


@pytest.fixture(scope="session")
def properdocs_bin() -> Path:
    return builder_venv("properdocs", PROPERDOCS_PACKAGES)


@pytest.fixture(scope="session")
def zensical_bin() -> Path:
    return builder_venv("zensical", ZENSICAL_PACKAGES)


@pytest.fixture(scope="session")
def properdocs_site(shipped_export: Path, properdocs_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with(properdocs_bin, "properdocs", shipped_export, tmp_path_factory.mktemp("properdocs") / "site")


@pytest.fixture(scope="session")
def zensical_site(shipped_export: Path, zensical_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with(zensical_bin, "zensical", shipped_export, tmp_path_factory.mktemp("zensical") / "site")
