"""Any organisation's course: courses of other shapes build with `plugins: -
scenariosite` and no copied theme, and `scenariosite init` starts a course whose two
commands pass in a fresh virtual environment with the engine installed from here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import BIN, FIXTURES, QUIET_ENV, ROOT, copy_course, mkdocs_build, scenariosite

LOCALES = ROOT / "hooks" / "scenariosite" / "locales"
# Words of the shipped course that must never reach another course's pages.
COURSE_WORDS = {"klanttypes", "adviesstappen", "reacties", "kern", "steun", "hert", "leeuw", "vraag", "oefenen"}


def dutch_words() -> set[str]:
    """Words of the Dutch interface texts that the English catalogue does not have."""

    def words(name: str) -> set[str]:
        catalogue = yaml.safe_load((LOCALES / name).read_text(encoding="utf-8"))
        return {w.lower() for v in catalogue.values() for w in re.findall(r"[^\W\d_]{4,}", str(v))}

    return words("nl.yaml") - words("en.yaml") - {"training"} | COURSE_WORDS  # "training" is English too


def dutch_on_pages(site: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, dutch_words()))) + r")\b", re.IGNORECASE)
    for page in site.rglob("*.html"):
        match = pattern.search(page.read_text(encoding="utf-8"))
        if match:
            found[page.relative_to(site).as_posix()] = match.group()
    return found


@pytest.mark.build
def test_a_course_of_another_shape_builds_strictly_without_a_word_of_dutch(tmp_path: Path) -> None:
    course = copy_course(FIXTURES / "course-gp", tmp_path / "gp")
    assert "custom_dir" not in (course / "mkdocs.yml").read_text(encoding="utf-8")
    check = scenariosite("check", "--strict", "scenarios", cwd=course)
    assert check.returncode == 0, check.stderr
    site = tmp_path / "site"
    result = mkdocs_build(course / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    # Its own folders, labels and sections; the engine's theme and keys are there.
    for url in ("needs/reassurance/", "skills/triage-questions/", "scenarios/repeat-prescription/desk/"):
        assert (site / url / "index.html").is_file(), url
    need = (site / "needs" / "reassurance" / "index.html").read_text(encoding="utf-8")
    assert "Signs you may notice" in need and "How to respond" in need
    decision = (site / "scenarios/repeat-prescription/desk/index.html").read_text(encoding="utf-8")
    assert "assets/scenariosite.js" in decision and "What would you do?" in decision
    ending = (site / "scenarios/repeat-prescription/collected/index.html").read_text(encoding="utf-8")
    assert "Desk skills in this scenario" in ending and "Patient needs in this scenario" in ending
    assert "data-ss-count" not in ending  # no profile without a profile taxonomy
    assert dutch_on_pages(site) == {}


@pytest.mark.build
def test_a_minimal_course_checks_and_builds(tmp_path: Path) -> None:
    course = copy_course(FIXTURES / "course-minimal", tmp_path / "minimal")
    check = scenariosite("check", "--strict", "scenarios", cwd=course)
    assert check.returncode == 0, check.stderr
    result = mkdocs_build(course / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    entry = (tmp_path / "site" / "themes" / "patience" / "index.html").read_text(encoding="utf-8")
    assert "Waiting for the whole story." in entry


@pytest.mark.build
def test_the_plugin_refuses_to_build_without_the_markdown_extensions_it_needs(tmp_path: Path) -> None:
    course = copy_course(FIXTURES / "course-minimal", tmp_path / "minimal")
    config = course / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - md_in_html\n", ""), encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "md_in_html" in output and "Traceback" not in output
    assert not (tmp_path / "site").exists()


@pytest.mark.build
@pytest.mark.parametrize("language", ["en", "nl"])
def test_init_writes_a_course_that_passes_check_and_a_strict_build(tmp_path: Path, language: str) -> None:
    target = tmp_path / "course"
    result = scenariosite("init", target, "--lang", language, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert {"mkdocs.yml", "README.md", "docs/index.md", "scenarios/course.yaml"} <= {
        p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()
    }
    assert "plugins:" in (target / "mkdocs.yml").read_text(encoding="utf-8")
    assert scenariosite("check", "--strict", "scenarios", cwd=target).returncode == 0
    assert scenariosite("schema", "--check", cwd=target).returncode == 0
    build = mkdocs_build(target / "mkdocs.yml", target / "site")
    assert build.returncode == 0, build.stderr
    if language == "en":
        assert dutch_on_pages(target / "site") == {}
    # `new` in the new course writes a scenario in its language that passes as well.
    assert scenariosite("new", "second-one", cwd=target).returncode == 0
    assert scenariosite("check", "--strict", "scenarios", cwd=target).returncode == 0


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "existing.txt").write_text("x", encoding="utf-8")
    result = scenariosite("init", tmp_path)
    assert result.returncode == 2 and "not empty" in result.stderr


@pytest.mark.build
def test_an_init_course_works_with_the_engine_installed_into_a_fresh_venv(tmp_path: Path) -> None:
    """The package as a user installs it (not editable): its theme, templates, locales
    and starters must be inside it, and the README's commands must pass."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True, timeout=300)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", ROOT / "requirements.txt"], check=True, timeout=600, env=QUIET_ENV)
    subprocess.run([*pip, "--no-deps", ROOT], check=True, timeout=600, env=QUIET_ENV, cwd=tmp_path)
    bin_dir = venv / "bin"
    course = tmp_path / "course"
    run = {"cwd": tmp_path, "env": QUIET_ENV, "capture_output": True, "text": True, "timeout": 600}
    assert subprocess.run([bin_dir / "scenariosite", "init", course], **run).returncode == 0  # type: ignore[call-overload]
    run["cwd"] = course
    readme = (course / "README.md").read_text(encoding="utf-8")
    assert "mkdocs serve" in readme and "mkdocs build --strict" in readme
    check = subprocess.run([bin_dir / "scenariosite", "check", "--strict"], **run)  # type: ignore[call-overload]
    assert check.returncode == 0, check.stderr
    build = subprocess.run([bin_dir / "mkdocs", "build", "--strict"], **run)  # type: ignore[call-overload]
    assert build.returncode == 0, build.stderr
    assert (course / "site" / "assets" / "scenariosite.js").is_file()
    assert BIN != bin_dir


@pytest.mark.build
def test_a_course_replaces_a_page_template_and_a_macro_with_its_own(tmp_path: Path) -> None:
    course = copy_course(FIXTURES / "course-minimal", tmp_path / "minimal")
    templates = course / "templates"
    templates.mkdir()
    package = ROOT / "hooks" / "scenariosite" / "templates"
    decision = (package / "decision.md.j2").read_text(encoding="utf-8")
    (templates / "decision.md.j2").write_text(decision + "\nOUR OWN DECISION FOOTER\n", encoding="utf-8")
    macros = (package / "_macros.md.j2").read_text(encoding="utf-8")
    rating = '<p class="ss-rating ss-rating--{{ value }}">'
    assert rating in macros
    (templates / "_macros.md.j2").write_text(macros.replace(rating, rating + "OWN RATING "), encoding="utf-8")
    config = course / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - scenariosite\n", "  - scenariosite:\n      custom_templates: templates\n"
    )
    config.write_text(text, encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site" / "scenarios" / "queue"
    assert "OUR OWN DECISION FOOTER" in (site / "queue" / "index.html").read_text(encoding="utf-8")
    assert "OWN RATING" in (site / "calm" / "index.html").read_text(encoding="utf-8")
    # A folder that is not there is a located error in mkdocs.yml, and nothing is built.
    config.write_text(text.replace("custom_templates: templates", "custom_templates: nowhere"), encoding="utf-8")
    broken = mkdocs_build(config, tmp_path / "site2")
    assert broken.returncode != 0 and "mkdocs.yml:" in broken.stderr and "custom_templates" in broken.stderr
    assert not (tmp_path / "site2").exists()
