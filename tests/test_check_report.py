"""`scenariosite check`: every error and warning of every file in one run, sorted,
each with its source line and a caret, and a summary line; each warning rule fires
where it should and stays quiet where it should not."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from scenario_helpers import copy_fixture, headlines, read_yaml, write_yaml
from scenariosite import pipeline
from scenariosite.cli import main

Change = Callable[[dict[str, Any]], None]


def course_with(tmp_path: Path, change: Change, name: str = "returns.yaml") -> Path:
    course = copy_fixture(tmp_path / "scenarios")
    data = read_yaml(course / name)
    change(data)
    write_yaml(course / name, data)
    return course


def messages(course: Path, severity: str) -> list[str]:
    result = pipeline.load_course(course)
    return [d.message for d in result.report.sorted() if d.severity == severity]


def test_fixture_course_is_clean(tmp_path: Path) -> None:
    assert headlines(pipeline.load_course(copy_fixture(tmp_path / "scenarios"))) == []


def add_unreachable_step(data: dict[str, Any]) -> None:
    data["steps"]["attic"] = {**data["steps"]["offer"], "title": "In the attic"}


def unreach_ending(data: dict[str, Any]) -> None:
    data["steps"]["offer"]["choices"][2]["next"] = "half"


def long_choice(data: dict[str, Any]) -> None:
    data["steps"]["counter"]["choices"][0]["text"] = "I ask him calmly what happened, listen to the whole story " * 2


def verdict(word: str) -> Change:
    def change(data: dict[str, Any]) -> None:
        data["steps"]["counter"]["choices"][1]["consequence"] = word

    return change


def one_choice(data: dict[str, Any]) -> None:
    del data["steps"]["counter"]["choices"][1]


def recommend_bad(data: dict[str, Any]) -> None:
    for choice in data["steps"]["offer"]["choices"]:
        choice["recommended"] = choice["next"] == "lost"


def recommend_partly(data: dict[str, Any]) -> None:
    for choice in data["steps"]["offer"]["choices"]:
        choice.pop("recommended", None)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (add_unreachable_step, "step 'attic' cannot be reached from the start 'counter'"),
        (unreach_ending, "no path reaches ending 'lost'"),
        (long_choice, "characters, more than twice its siblings (about 30); a long answer gives itself away"),
        (verdict("He calms down. Goed zo!"), "narrator's verdict ('Goed zo!')"),
        (verdict("Helaas, he leaves."), "narrator's verdict ('Helaas')"),
        (verdict("He leaves.\n\nFout: you should have listened."), "narrator's verdict ('Fout')"),
        (verdict("Correct. He smiles."), "narrator's verdict ('Correct')"),
        (one_choice, "step 'counter' offers 1 choice; a decision needs at least 2"),
        (recommend_bad, "following the recommended choices from the start ends at 'lost', rated bad"),
        (recommend_partly, "stops at step 'offer', which marks no choice as recommended"),
    ],
    ids=["unreachable", "unreached-ending", "long-choice", "goed-zo", "helaas", "fout", "correct", "one-choice",
         "recommended-bad", "recommended-partly"],
)  # fmt: skip
def test_warning_rules(tmp_path: Path, change: Change, expected: str) -> None:
    warnings = messages(course_with(tmp_path, change), "warning")
    assert any(expected in w for w in warnings), warnings
    assert messages(course_with(tmp_path / "again", change), "error") == []


@pytest.mark.parametrize(
    "text",
    [
        '"Helaas," she says, "that is not what I asked."',
        "“Goed zo!” he snaps. “Now I have to come back tomorrow.”",
        "He points at the till. „Fout! Dit klopt niet,” zegt hij.",
        "He says it is a correct price, and pays.",
        "The refund is not wrong in itself, but he is still angry.",
    ],
)
def test_dialogue_and_ordinary_words_are_not_verdicts(tmp_path: Path, text: str) -> None:
    assert messages(course_with(tmp_path, verdict(text)), "warning") == []


def test_taxonomy_entry_nobody_practises(tmp_path: Path) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    reactions = read_yaml(course / "reactions.yaml")
    reactions.append({**reactions[0], "id": "kat", "name": "The cat"})
    write_yaml(course / "reactions.yaml", reactions)
    assert messages(course, "warning") == ["no scenario practises reactions entry 'kat' (wanted at least 1)"]
    result = CliRunner().invoke(main, ["check", str(course), "--min-coverage", "2"])
    assert "only 1 scenario(s) practise client-types entry 'demanding' (wanted at least 2)" in result.output


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    course = course_with(tmp_path, unreach_ending)
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(course)]).exit_code == 0
    assert runner.invoke(main, ["check", "--strict", str(course)]).exit_code == 1


def test_output_is_sorted_with_source_line_caret_and_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    data = read_yaml(course / "returns.yaml")
    data["endings"]["half"]["rating"] = "great"
    data["steps"]["offer"]["choices"][0]["next"] = "fixd"
    data["steps"]["counter"]["advice_step"] = "lissen"
    write_yaml(course / "returns.yaml", data)
    types = read_yaml(course / "client-types.yaml")
    types[0]["sumary"] = types[0].pop("summary")
    write_yaml(course / "client-types.yaml", types)
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(main, ["check", "scenarios"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-1] == "check: 1 scenarios, 0 pages, 4 error(s), 0 warning(s)"
    heads = [line for line in lines if re.match(r"^\S+:\d+:\d+: (error|warning): ", line)]
    assert [h.split(": ")[0] for h in heads] == sorted(
        (h.split(": ")[0] for h in heads), key=lambda p: (p.split(":")[0], int(p.split(":")[1]))
    )
    assert heads[0].startswith("scenarios/client-types.yaml:")
    text = (course / "returns.yaml").read_text(encoding="utf-8").splitlines()
    for head in heads:
        path, line, column = head.split(":")[:3]
        index = lines.index(head)
        source, caret = lines[index + 1], lines[index + 2]
        expected_source = (tmp_path / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        assert source == f" {line} | {expected_source}"
        gutter = len(f" {line} | ")
        assert caret.index("^") == gutter + int(column) - 1, (head, source, caret)
    assert any("next: fixd" in line for line in lines) and text


def test_three_mistakes_in_one_file_give_three_located_errors(tmp_path: Path) -> None:
    """A duplicate key (loader), a misspelt field (model) and an unknown `next`
    (references): three kinds, one run, three errors, each at its place."""
    course = copy_fixture(tmp_path / "scenarios")
    path = course / "returns.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("summary: A customer", "summary: A customer\nsummary: Again a customer", 1)
    text = text.replace("    advice_step: ask-solution\n", "    advice_stap: ask-solution\n", 1)
    text = text.replace("next: lost", "next: lsot", 1)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()

    result = CliRunner().invoke(main, ["check", str(course)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == 3, result.output
    located = {}
    for error in errors:
        match = re.match(r"^(.+?):(\d+):(\d+): error: (.*)$", error)
        assert match, error
        located[match.group(4)] = lines[int(match.group(2)) - 1][int(match.group(3)) - 1 :][:25]
    assert located == {
        "duplicate key 'summary' (first defined on line 2); YAML would silently keep only the last one. "
        "Remove or rename one of them": "summary: Again a customer"[:25],
        "step 'offer': unknown field 'advice_stap' (did you mean 'advice_step'?)": "advice_stap: ask-solution",
        "step 'offer' → choice 3 → next: unknown step or ending 'lsot' (did you mean 'lost'?)": "lsot",
    }


def test_errors_in_one_file_do_not_hide_another_files_errors(tmp_path: Path) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    broken = read_yaml(course / "returns.yaml")
    broken["endings"]["fixed"]["rating"] = "excellent"
    write_yaml(course / "broken.yaml", broken)
    other = read_yaml(course / "returns.yaml")
    other["client_types"] = ["demandng"]
    write_yaml(course / "returns.yaml", other)
    found = messages(course, "error")
    assert found == [
        "ending 'fixed' → rating: expected one of good, mixed, bad, found 'excellent'",
        "client_types → entry 1: unknown client-types id 'demandng' (did you mean 'demanding'?)",
    ]


def test_a_broken_taxonomy_entry_does_not_make_its_references_unknown(tmp_path: Path) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    steps = read_yaml(course / "advice-steps.yaml")
    del steps[0]["how"]
    write_yaml(course / "advice-steps.yaml", steps)
    assert messages(course, "error") == ["entry 1: missing required field 'how'; add 'how: ...'"]
    assert messages(course, "warning") == []  # coverage waits for a complete course
