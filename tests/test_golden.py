"""Golden error cases: one file per case in tests/golden/errors/, in the style of
mkdocs-literate-nav's tests/nav/*.yml.

A case file holds:
- `files`: scenario files written on top of a copy of the fixture course's
  scenarios/ (`null` deletes a file of that copy);
- optionally `base: none` to start from an empty directory, and `encoding` to
  write the files in another encoding than UTF-8;
- `expected`, always last: every diagnostic of the run, `PATH:LINE:COL: severity:
  message`, sorted as the CLI prints them.

`pytest --regen-golden` rewrites `expected` from what the engine reports now;
review the diff before you commit it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES
from scenariosite import pipeline
from scenariosite.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden" / "errors"
CASES = sorted(GOLDEN.glob("*.yaml"))
HEADLINE = re.compile(r"^.+?:\d+:\d+: (error|warning): .+$")


def write_course(case: dict[str, Any], directory: Path) -> None:
    if case.get("base", "course-en") == "course-en":
        shutil.copytree(FIXTURES / "course-en" / "scenarios", directory)
    else:
        directory.mkdir()
    encoding = case.get("encoding", "utf-8")
    for name, text in (case.get("files") or {}).items():
        target = directory / name
        if text is None:
            target.unlink()
        else:
            target.write_bytes(text.encode(encoding))


def regenerate(path: Path, lines: list[str]) -> None:
    """Replace the `expected:` block (always the last key) and keep everything above it."""
    text = path.read_text(encoding="utf-8")
    head = re.split(r"(?m)^expected:", text, maxsplit=1)[0].rstrip("\n")
    body = "".join(f"\n  - {json.dumps(line, ensure_ascii=False)}" for line in lines) if lines else " []"
    path.write_text(f"{head}\nexpected:{body}\n", encoding="utf-8")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_errors(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    write_course(case, tmp_path / "scenarios")
    monkeypatch.chdir(tmp_path)  # diagnostics name files relative to the working directory

    result = pipeline.load_course(Path("scenarios"))
    lines = [diagnostic.headline() for diagnostic in result.report.sorted()]

    if request.config.getoption("--regen-golden"):
        regenerate(path, lines)
        return
    assert lines == case["expected"]

    # The CLI reports the same lines (each with its source line and caret), and
    # exits 1 exactly when there are errors, never with a traceback.
    cli = CliRunner().invoke(main, ["check", "scenarios"])
    printed = [line for line in cli.stderr.splitlines() if HEADLINE.match(line)]
    assert printed == lines
    assert "Traceback" not in cli.output
    assert cli.exception is None or isinstance(cli.exception, SystemExit)
    assert cli.exit_code == (1 if result.report.errors else 0), cli.output


# What must stand at the reported place: the named key or value itself, or for a
# missing field the first key of the mapping that lacks it.
AT_THE_PLACE = [
    re.compile(p)
    for p in (
        r"unknown field '([^']+)'",
        r"unknown [a-z -]+ '([^']+)'",
        r"duplicate (?:key|id) '([^']+)'",
        r"^(?:[^:]+: )?'([^']+)' is (?:not a valid id|a reserved name)",
        r": '([^']+)' is (?:not a valid id|a reserved name)",
        r"found '([^']+)'",
        r"^step '([^']+)' cannot",
        r"^no path reaches ending '([^']+)'",
        r"^'([^']+)' is used as a step",
        r"(?:anchors|aliases) \(([&*][^)]+)\)",
    )
]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_positions_point_at_the_offending_text(path: Path) -> None:
    """Independent of the engine: each expected line/column, looked up in the case's
    own source, shows the key or value the message names."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    for line in case["expected"]:
        where, _, message = line.partition(": ")
        name, row, column = where.rsplit(":", 2)
        message = message.split(": ", 1)[1]  # drop the severity
        source = (case.get("files") or {}).get(name.removeprefix("scenarios/"))
        if source is None or message.startswith("file name"):
            continue
        text = source.splitlines()[int(row) - 1][int(column) - 1 :] if source else ""
        if "missing required field" in message:
            assert int(row) == int(column) == 1 or re.match(r"[\w-]+:", text), line
            continue
        named = next((m.group(1) for p in AT_THE_PLACE if (m := p.search(message))), None)
        if named is not None:
            assert text.startswith(named), f"{line}\n  but the source there reads: {text!r}"


def test_golden_cases_cover_the_issue() -> None:
    """The bad-input list of issue 2 stays covered: a case removed is a test lost."""
    names = {path.stem for path in CASES}
    wanted = {
        "missing-field", "unknown-field", "wrong-type", "bad-id", "reserved-id", "unknown-reference",
        "duplicate-key", "duplicate-ids", "no-ending", "unreachable-step", "unreached-ending",
        "bad-rating", "empty-file", "list-not-mapping", "tabs", "anchors-aliases", "duplicate-scenario-id",
        "missing-taxonomy", "yaml-syntax", "not-utf8", "every-error-reported",
    }  # fmt: skip
    assert wanted <= names, sorted(wanted - names)
