"""Settings are validated before anything runs, with located errors, and `check` reads
the same settings as the build (the plugin entry or, for the hook setup,
extra.scenariosite in mkdocs.yml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BIN, FIXTURES, ROOT, copy_course, run, scenariosite

COURSE = FIXTURES / "course-en"
HOOK = (ROOT / "hooks" / "scenarios.py").as_posix()
FIXTURE_SETUP = "plugins:\n  - search\nhooks:\n  - ../../../hooks/scenarios.py\n"
BAD_OPTIONS = ["min_coverage: twee", "dir: 5", "nav_scenarios_max: [1]"]


def with_options(course: Path, setup: str, lines: list[str]) -> int:
    """Write the options into the course's mkdocs.yml; returns the line of the first."""
    config = course / "mkdocs.yml"
    text = (COURSE / "mkdocs.yml").read_text(encoding="utf-8")
    assert FIXTURE_SETUP in text
    if setup == "plugin":
        block = "plugins:\n  - search\n  - scenariosite:\n" + "".join(f"      {line}\n" for line in lines)
    else:
        block = f"plugins:\n  - search\nhooks:\n  - {HOOK}\nextra:\n  scenariosite:\n"
        block += "".join(f"    {line}\n" for line in lines)
    before = text[: text.index(FIXTURE_SETUP)]
    config.write_text(before + block + text[text.index(FIXTURE_SETUP) + len(FIXTURE_SETUP) :], encoding="utf-8")
    return before.count("\n") + block.count("\n") - len(lines) + 1


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_course(COURSE, tmp_path / "course")


def located(output: str, line: int, option: str) -> bool:
    return bool(re.search(rf"^mkdocs\.yml:{line}:\d+: error: scenariosite option '{option}'", output, re.M))


@pytest.mark.parametrize("setup", ["plugin", "hook"])
@pytest.mark.parametrize("bad", BAD_OPTIONS)
def test_a_bad_option_stops_the_build_at_its_line(course: Path, setup: str, bad: str) -> None:
    line = with_options(course, setup, [bad])
    result = run(BIN / "mkdocs", "build", "-d", course / "site", cwd=course)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert located(result.stderr, line, bad.split(":")[0]), result.stderr
    assert not (course / "site").exists()


@pytest.mark.parametrize("setup", ["plugin", "hook"])
@pytest.mark.parametrize("bad", BAD_OPTIONS)
def test_check_refuses_the_same_bad_option(course: Path, setup: str, bad: str) -> None:
    line = with_options(course, setup, [bad])
    for args in (["check"], ["check", "-f", "mkdocs.yml"]):
        result = scenariosite(*args, cwd=course)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert located(result.stderr, line, bad.split(":")[0]), result.stderr


@pytest.mark.parametrize("setup", ["plugin", "hook"])
def test_check_reads_the_folder_and_threshold_the_build_reads(course: Path, setup: str) -> None:
    (course / "scenarios").rename(course / "content")
    with_options(course, setup, ["dir: content", "min_coverage: 5"])
    result = scenariosite("check", cwd=course)
    assert result.returncode == 0, result.stderr
    assert "check: 1 scenarios, 22 pages, 0 error(s)" in result.stdout
    assert "wanted at least 5" in result.stdout
    assert run(BIN / "mkdocs", "build", "-d", course / "site", cwd=course).returncode == 0  # the same folder
    other = course.parent / "elsewhere"
    other.mkdir()
    result = scenariosite("check", "-f", course / "mkdocs.yml", "--min-coverage", "1", cwd=other)
    assert result.returncode == 0 and "wanted at least 1" in result.stdout, result.stderr


def test_check_takes_mkdocs_tags_in_its_stride(course: Path) -> None:
    with_options(course, "plugin", ["nav_scenarios_max: 3"])
    config = course / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("site_url: https://fixture.example.org/", "site_url: !ENV [SITE_URL, 'https://x.org/']")
    config.write_text(text + "\nfoo: !!python/name:os.getcwd\n", encoding="utf-8")
    result = scenariosite("check", cwd=course)
    assert result.returncode == 0, result.stderr


def test_check_dir_still_works(course: Path) -> None:
    result = scenariosite("check", "scenarios", cwd=course)
    assert result.returncode == 0 and "check: 1 scenarios" in result.stdout, result.stderr


def test_the_hook_file_passes_on_every_event_the_plugin_handles() -> None:
    """hooks/scenarios.py re-exports the events of adapters/hook.py one by one: an
    event left out is silently never called in the `hooks:` setup."""
    import ast

    from scenariosite.adapters import hook

    handled = {name for name in vars(hook) if name.startswith("on_") and callable(getattr(hook, name))}
    tree = ast.parse(Path(HOOK).read_text(encoding="utf-8"))
    exported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert handled - exported == set()
