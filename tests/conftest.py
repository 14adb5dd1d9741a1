"""Shared fixtures: real builds in temporary folders, a static server on 127.0.0.1,
and Debian Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
THEME = ROOT / "hooks" / "scenariosite" / "theme"  # the theme folder shipped in the package
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
# Flags from DESIGN.md: the machine's network is closed, so Chromium must not try
# to phone home; the resolver rule makes any host but 127.0.0.1 fail to resolve.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
QUIET_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="Rewrite the expected diagnostics of tests/golden/ from what the engine reports now.",
    )


def run(*args: str | Path, cwd: Path = ROOT, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=QUIET_ENV, capture_output=True, text=True, check=check, timeout=600
    )


def scenariosite(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run(BIN / "scenariosite", *args, cwd=cwd)


def mkdocs_build(config: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` (never with -q: it hides warnings from --strict)."""
    return run(BIN / "mkdocs", "build", "--strict", "-f", config, "-d", site_dir, *extra, cwd=config.parent)


def copy_course(source: Path, target: Path) -> Path:
    """A writable copy of a course (mkdocs.yml, docs/, scenarios/) whose hook path
    still points at this repository's hook."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("site", ".git", "node_modules", ".venv"))
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    hook = (ROOT / "hooks" / "scenarios.py").as_posix()
    text = text.replace("- hooks/scenarios.py", f"- {hook}").replace("- ../../../hooks/scenarios.py", f"- {hook}")
    config.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped course, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("shipped") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="session")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("english") / "site"
    result = mkdocs_build(FIXTURES / "course-en" / "mkdocs.yml", site)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port, unless given) for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def shipped_url(shipped_site: Path) -> Iterator[str]:
    with serve(shipped_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser context (empty localStorage) at 1280×720. Fails the test if
    the page requested anything outside 127.0.0.1 or logged a script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})  # type: ignore[attr-defined]
    tab = context.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def on_request(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        if not url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            outside.append(url)

    tab.on("request", on_request)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not outside, f"requests left the site: {outside}"
    assert not errors, f"script errors: {errors}"


@pytest.fixture(scope="session")
def scorm_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped course's SCORM packages, written as `make scorm` does: version -> zip."""
    out = tmp_path_factory.mktemp("scorm")
    result = run(ROOT / "scripts" / "scorm-package", out)
    assert result.returncode == 0, result.stdout + result.stderr
    zips = {version: next(out.glob(f"*-scorm{suffix}.zip")) for version, suffix in (("1.2", "12"), ("2004", "2004"))}
    return zips


# The exported tree built by ProperDocs and by Zensical, each in its own venv (tests/builders.py).
from builders import (  # noqa: E402
    properdocs_bin,
    properdocs_site,
    shipped_export,
    zensical_bin,
    zensical_site,
)

__all__ = ["properdocs_bin", "properdocs_site", "shipped_export", "zensical_bin", "zensical_site"]
