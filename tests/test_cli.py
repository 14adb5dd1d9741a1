"""The `scenariosite` command: exit codes, summary, --strict, `python -m`, and export."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import FIXTURES, THEME, copy_course, mkdocs_build, run, scenariosite
from htmldom import page
from scenariosite import pipeline
from scenariosite.cli import main
from scenariosite.strings import ui_strings

COURSE = FIXTURES / "course-en"
SUMMARY = re.compile(r"^check: (\d+) scenarios, (\d+) pages, (\d+) error\(s\), (\d+) warning\(s\)$", re.M)
# The fixture course: 1 scenario, 22 pages (see test_plan.FIXTURE_URLS).
FIXTURE_SUMMARY = ("1", "22", "0", "0")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def summary(output: str) -> tuple[str, ...]:
    found = SUMMARY.findall(output)
    assert len(found) == 1, output
    return found[0]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A writable copy of the fixture course; returns its scenarios directory."""
    return copy_course(COURSE, tmp_path / "course") / "scenarios"


def add_unreachable_step(scenarios: Path) -> None:
    """A warning but no error: a step no choice leads to."""
    scenario = scenarios / "returns.yaml"
    text = scenario.read_text(encoding="utf-8")
    step = """  forgotten:
    title: Left over
    advice_step: listen
    situation: Nobody comes here.
    choices:
      - text: I wait.
        consequence: Nothing.
        feedback: Nothing.
        next: fixed
      - text: I go.
        consequence: Nothing.
        feedback: Nothing.
        next: fixed
endings:
"""
    scenario.write_text(text.replace("endings:\n", step, 1), encoding="utf-8")


# --- check --------------------------------------------------------------------------


def test_check_a_valid_course_exits_0_with_a_summary() -> None:
    result = invoke("check", COURSE / "scenarios")
    assert result.exit_code == 0, result.output
    assert summary(result.stdout) == FIXTURE_SUMMARY
    assert result.stderr == ""


def test_check_content_errors_exit_1_with_every_error(course: Path) -> None:
    scenario = course / "returns.yaml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("next: offer", "next: ofer", 1).replace("rating: mixed", "rating: mixd"))
    result = invoke("check", course)
    assert result.exit_code == 1, result.output
    errors = re.findall(r"(?m)^.+:(\d+):(\d+): error: (.+)$", result.stderr)
    assert [message for _, _, message in errors] == [
        "step 'counter' → choice 1 → next: unknown step or ending 'ofer' (did you mean 'offer'?)",
        "ending 'half' → rating: expected one of good, mixed, bad, found 'mixd' (did you mean 'mixed'?)",
    ]
    assert summary(result.stdout)[2:] == ("2", "0")
    # Each problem shows its source line with a caret under the column.
    assert "\n 21 |         next: ofer\n    |               ^\n" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("check", "no/such/directory"),
        ("check", "--min-coverage", "0", "{course}"),
        ("check", "--no-such-option", "{course}"),
        ("check", "{course}", "extra-argument"),
        ("no-such-command",),
        ("export", "{course}"),  # --out is required
    ],
    ids=["missing-directory", "bad-value", "unknown-option", "extra-argument", "unknown-command", "missing-out"],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = invoke(*(a.format(course=COURSE / "scenarios") for a in args))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_a_file_given_as_directory_is_a_usage_error() -> None:
    result = invoke("check", COURSE / "mkdocs.yml")
    assert result.exit_code == 2
    assert "not a directory" in result.stderr


def test_strict_turns_warnings_into_exit_1(course: Path) -> None:
    add_unreachable_step(course)
    relaxed = invoke("check", course)
    assert relaxed.exit_code == 0, relaxed.output
    assert "warning: step 'forgotten' cannot be reached" in relaxed.stderr
    assert summary(relaxed.stdout)[2:] == ("0", "1")
    strict = invoke("check", "--strict", course)
    assert strict.exit_code == 1, strict.output
    assert summary(strict.stdout)[2:] == ("0", "1")


def test_min_coverage_warns_about_thinly_practised_entries() -> None:
    result = invoke("check", "--min-coverage", "2", COURSE / "scenarios")
    assert result.exit_code == 0
    assert "only 1 scenario(s) practise client-types entry 'demanding' (wanted at least 2)" in result.stderr
    assert invoke("check", "--strict", "--min-coverage", "2", COURSE / "scenarios").exit_code == 1


def test_the_installed_command_and_python_m_give_the_same_answer(course: Path) -> None:
    """Real processes: the console script and `python -m scenariosite`."""
    for command in ([sys.executable, "-m", "scenariosite"], []):
        good = run(*command, "check", COURSE / "scenarios") if command else scenariosite("check", COURSE / "scenarios")
        assert good.returncode == 0, good.stderr
        assert summary(good.stdout) == FIXTURE_SUMMARY
    (course / "returns.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    bad = run(sys.executable, "-m", "scenariosite", "check", course)
    assert bad.returncode == 1
    assert re.search(r"returns\.yaml:\d+:\d+: error: YAML syntax error", bad.stderr), bad.stderr
    assert "Traceback" not in bad.stderr
    missing = run(sys.executable, "-m", "scenariosite", "check", course / "nope")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


# --- export -------------------------------------------------------------------------


def exported_files(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def test_export_writes_the_pages_the_hook_generates(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("export", COURSE / "scenarios", "--out", out, "--language", "en")
    assert result.exit_code == 0, result.output
    # What the MkDocs hook adds to a build of the same course (mkdocs.yml: language en,
    # a site_url); the pages are the same whatever the settings.
    checked = pipeline.load_course(COURSE / "scenarios")
    _, hook_files = pipeline.generate(checked, pipeline.Settings(language="en", site_url="https://x.example/"))
    assert exported_files(out) == set(hook_files)
    assert "scenarios/returns/counter/a/index.md" in hook_files


def test_export_of_a_broken_course_exits_1_and_writes_nothing(course: Path, tmp_path: Path) -> None:
    (course / "returns.yaml").write_text("title: x\n", encoding="utf-8")
    result = invoke("export", course, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "missing required field" in result.stderr
    assert not (tmp_path / "out").exists()


PLAIN_MKDOCS = """\
# The exported tree alone, built by MkDocs + Material with no scenariosite hook.
site_name: Exported course
docs_dir: {docs}
theme:
  name: material
  language: en
  font: false
  custom_dir: {theme}
plugins:
  - search
extra:
  scenariosite_ui: {ui}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""


def html_pages(site: Path, under: str = "") -> set[str]:
    return {p.relative_to(site).as_posix() for p in (site / under).rglob("*.html")} - {"404.html"}


@pytest.mark.build
def test_the_exported_tree_builds_without_the_hook_into_the_same_pages(tmp_path: Path, english_site: Path) -> None:
    out = tmp_path / "docs"
    assert invoke("export", COURSE / "scenarios", "--out", out, "--language", "en").exit_code == 0
    config = tmp_path / "mkdocs.yml"
    theme = THEME.as_posix()
    ui = json.dumps(ui_strings("en"))
    config.write_text(PLAIN_MKDOCS.format(docs=out.as_posix(), theme=theme, ui=ui), encoding="utf-8")
    assert "hooks:" not in config.read_text(encoding="utf-8") and "scenariosite:" not in config.read_text(
        encoding="utf-8"
    )
    site = tmp_path / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr

    # The hook build also has the hand-written home page; everything else matches.
    assert html_pages(site) == html_pages(english_site) - {"index.html"}
    for url in ("scenarios/returns/counter/", "scenarios/returns/offer/c/", "scenarios/returns/half/"):
        assert page(site, url).text == page(english_site, url).text, url
    assert (site / "links" / "links.csv").read_bytes() != b""
