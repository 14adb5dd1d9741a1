"""Fixture courses for the published-URL tests: the English fixture course with the
engine's theme and copy-link assets, its URLs locked, and optionally its
scenario `returns` renamed to `jacket` (with or without a redirect)."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, copy_course, mkdocs_build, scenariosite

OLD_ID, NEW_ID = "returns", "jacket"
FOLDER_REDIRECT = f"scenarios/{OLD_ID}/* -> scenarios/{NEW_ID}/*\n"


def links_course(target: Path) -> Path:
    """course-en as shipped: the engine adds its theme and copy-link assets itself."""
    return copy_course(FIXTURES / "course-en", target)


def locked_urls(course: Path) -> list[str]:
    lines = (course / "urls" / "published.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def lock(course: Path) -> None:
    result = scenariosite("lock", "scenarios", cwd=course)
    assert result.returncode == 0, result.stdout + result.stderr


def rename_scenario(course: Path) -> None:
    """Rename the scenario's file, so its id (and every URL under it) changes."""
    (course / "scenarios" / f"{OLD_ID}.yaml").rename(course / "scenarios" / f"{NEW_ID}.yaml")


def add_redirect(course: Path, text: str = FOLDER_REDIRECT) -> None:
    (course / "urls" / "redirects.txt").write_text(text, encoding="utf-8")


def moved_site(target: Path) -> tuple[Path, Path]:
    """A course whose scenario moved, with the folder redirect and an updated lock,
    built with --strict: (course, site)."""
    course = links_course(target / "course")
    lock(course)
    rename_scenario(course)
    add_redirect(course)
    lock(course)
    site = target / "site"
    result = mkdocs_build(course / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return course, site
