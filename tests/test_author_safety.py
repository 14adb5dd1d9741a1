"""What an author's mistakes may not do to the messages: show a stale line, echo raw
control bytes to the terminal, read a file outside the scenarios folder, or hide a
too-long key behind a vague syntax error."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_course, scenariosite
from scenariosite.diagnostics import Diagnostic, Position, render, source_lines

COURSE = FIXTURES / "course-en"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_course(COURSE, tmp_path / "course")


def test_source_lines_follow_edits(tmp_path: Path) -> None:
    """`mkdocs serve` keeps one process while the author fixes one error and makes
    another on the same line: the message shows the line as it is now."""
    path = tmp_path / "scenario.yaml"
    path.write_text("title: first mistake\n", encoding="utf-8")
    assert source_lines(path) == ("title: first mistake",)
    path.write_text("title: another, later mistake\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert source_lines(path) == ("title: another, later mistake",)


@pytest.mark.parametrize(
    "raw",
    [
        b"title: x\nab\x00cd\x08: [\n",
        "title: x\nfoo: [\n".encode("utf-16"),
        b"\x1b[31mtitle\x07: \xff\xfe\n",
    ],
    ids=["nul-and-backspace", "utf-16", "escape-and-bell"],
)
def test_no_raw_control_characters_reach_the_terminal(course: Path, raw: bytes) -> None:
    (course / "scenarios" / "bad.yaml").write_bytes(raw)
    result = scenariosite("check", "scenarios", cwd=course)
    assert result.returncode == 1, result.stderr
    assert "error:" in result.stderr
    assert not RAW_CONTROL.search(result.stderr + result.stdout), repr(result.stderr)


def test_caret_stays_under_an_escaped_character(tmp_path: Path) -> None:
    diagnostic = Diagnostic(tmp_path / "x.yaml", Position(1, 3), "error", "here")
    text = render(diagnostic, ["a\x00b: c"])
    line, caret = text.splitlines()[1:]
    assert line.index("b:") == caret.index("^")


def test_a_link_out_of_the_scenarios_folder_is_refused(course: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the first line of a private file\n", encoding="utf-8")
    (course / "scenarios" / "x.yaml").symlink_to(secret)
    result = scenariosite("check", "scenarios", cwd=course)
    assert result.returncode == 1
    assert re.search(r"^scenarios/x\.yaml:1:1: error: this file is a link to .*outside scenarios/", result.stderr, re.M)
    assert "private file" not in result.stderr + result.stdout


def test_a_scenario_outside_the_folder_is_not_published(course: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes(
        (course / "scenarios" / "returns.yaml").read_bytes().replace(b"title:", b"id: other\ntitle:", 1)
    )
    (course / "scenarios" / "other.yaml").symlink_to(outside)
    result = scenariosite("check", "scenarios", cwd=course)
    assert result.returncode == 1 and "scenarios/other.yaml:1:1: error: this file is a link" in result.stderr


def test_a_link_inside_the_folder_is_read(course: Path) -> None:
    scenarios = course / "scenarios"
    (scenarios / "sub").mkdir()
    (scenarios / "returns.yaml").rename(scenarios / "sub" / "returns.yaml")
    (scenarios / "returns.yaml").symlink_to(Path("sub") / "returns.yaml")
    result = scenariosite("check", "scenarios", cwd=course)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("quote", ["", '"'])
def test_a_too_long_key_is_named(course: Path, quote: str) -> None:
    key = quote + "k" * 100_000 + quote
    (course / "scenarios" / "long.yaml").write_text(f"title: x\n{key}: v\n", encoding="utf-8")
    result = scenariosite("check", "scenarios", cwd=course)
    assert result.returncode == 1
    assert re.search(
        r"^scenarios/long\.yaml:2:1: error: key is [\d,]+ characters long; YAML allows at most 1,024",
        result.stderr,
        re.M,
    ), result.stderr[:300]
