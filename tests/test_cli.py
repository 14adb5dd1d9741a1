"""The `scenariosite` command: exit codes, summary, --strict, `python -m`, and export."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import FIXTURES, copy_course, run, scenariosite
from scenariosite.cli import main

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


# export: tests/test_export.py (and tests/test_export_builders.py for other builders).
