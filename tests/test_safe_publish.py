"""The last good site survives a failed build, strict-mode warnings included: our own
warnings (an unreachable step) and MkDocs' (a hand-written page linking nowhere)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BIN, FIXTURES, copy_course, mkdocs_build, run
from test_build import snapshot
from test_cli import add_unreachable_step

pytestmark = pytest.mark.build


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A course and its good site, with a .git folder as when publishing from site/."""
    course = copy_course(FIXTURES / "course-en", tmp_path / "course")
    site = tmp_path / "site"
    first = mkdocs_build(course / "mkdocs.yml", site)
    assert first.returncode == 0, first.stderr
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    return course, site


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


def break_a_docs_link(course: Path) -> None:
    index = course / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n", encoding="utf-8")


@pytest.mark.parametrize("warning", ["ours", "mkdocs"])
def test_a_strict_build_with_a_warning_keeps_the_previous_site(built: tuple[Path, Path], warning: str) -> None:
    course, site = built
    before = snapshot(site)
    if warning == "ours":
        add_unreachable_step(course / "scenarios")
    else:
        break_a_docs_link(course)
    result = mkdocs_build(course / "mkdocs.yml", site)
    assert result.returncode != 0
    assert "WARNING" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_a_good_build_replaces_the_site_and_keeps_its_dot_folders(built: tuple[Path, Path]) -> None:
    course, site = built
    index = course / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    result = mkdocs_build(course / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    assert "A new sentence." in (site / "index.html").read_text(encoding="utf-8")
    assert (site / ".git" / "HEAD").is_file()
    assert leftovers(site) == []


def test_without_strict_a_warning_still_publishes(built: tuple[Path, Path]) -> None:
    course, site = built
    break_a_docs_link(course)
    result = run(BIN / "mkdocs", "build", "-f", course / "mkdocs.yml", "-d", site, cwd=course)
    assert result.returncode == 0, result.stderr
    assert "no-such-page" in (site / "index.html").read_text(encoding="utf-8")
    assert leftovers(site) == []
