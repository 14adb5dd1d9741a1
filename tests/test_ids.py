"""Ids make folder names in the site, so they are restricted: no `/`, no `..`, no
uppercase, no spaces, no reserved names, in every place an id is written. Whatever
the ids, nothing is written outside the output folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from scenario_helpers import copy_fixture, read_yaml, write_yaml
from scenariosite import pipeline
from scenariosite.cli import main
from scenariosite.model import ID_MAX_LENGTH, RESERVED_IDS

BAD_IDS = [
    "../escape", "a/b", "..", ".", "Upper", "with space", "tab\tid", "trailing-", "-leading", "double--dash",
    "café", "line\nbreak", "x" * (ID_MAX_LENGTH + 1), "C:", "back\\slash", "dot.ted", "", *sorted(RESERVED_IDS),
]  # fmt: skip


def place_id(data: dict[str, Any], where: str, bad: str) -> None:
    if where == "scenario id":
        data["id"] = bad
    elif where == "step id":
        data["steps"] = {bad if k == "offer" else k: v for k, v in data["steps"].items()}
        for choice in data["steps"]["counter"]["choices"]:
            choice["next"] = bad
    elif where == "ending id":
        data["endings"] = {bad if k == "lost" else k: v for k, v in data["endings"].items()}
        data["steps"]["offer"]["choices"][2]["next"] = bad
    elif where == "choice id":
        data["steps"]["counter"]["choices"][0]["id"] = bad


@pytest.mark.parametrize("where", ["scenario id", "step id", "ending id", "choice id"])
@pytest.mark.parametrize("bad", BAD_IDS, ids=repr)
def test_bad_ids_are_refused_everywhere(tmp_path: Path, where: str, bad: str) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    data = read_yaml(course / "returns.yaml")
    place_id(data, where, bad)
    write_yaml(course / "returns.yaml", data)
    result = pipeline.load_course(course)
    assert not result.ok
    errors = [d for d in result.report.errors if d.path.name == "returns.yaml"]
    assert errors, [d.headline() for d in result.report.diagnostics]
    refusals = ("not a valid id", "reserved name", "is too long", "keys must be plain names")
    assert any(any(r in d.message for r in refusals) for d in errors), errors


@pytest.mark.parametrize("stem", ["...", "a b", "UPPER", "index", "trainer", "con", "lpt9", "x" * 61])
def test_a_file_name_that_cannot_be_an_id(tmp_path: Path, stem: str) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    (course / "returns.yaml").rename(course / f"{stem}.yaml")
    result = pipeline.load_course(course)
    assert not result.ok
    [error] = result.report.errors
    assert error.message.startswith(f"file name '{stem}' cannot serve as id")


@pytest.mark.parametrize("bad", ["../x", "Upper", "trainer", "index"])
def test_bad_taxonomy_ids_are_refused(tmp_path: Path, bad: str) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    reactions = read_yaml(course / "reactions.yaml")
    reactions.append({**reactions[0], "id": bad})
    write_yaml(course / "reactions.yaml", reactions)
    result = pipeline.load_course(course)
    assert [d.path.name for d in result.report.errors] == ["reactions.yaml"]


def test_export_writes_only_inside_the_output_folder(tmp_path: Path) -> None:
    """Edge ids that are valid (longest, digits, many hyphens) stay inside `--out`."""
    course = copy_fixture(tmp_path / "scenarios")
    data = read_yaml(course / "returns.yaml")
    longest = "a" * ID_MAX_LENGTH
    data["id"] = "0-1-2"
    data["steps"] = {longest if k == "offer" else k: v for k, v in data["steps"].items()}
    for choice in data["steps"]["counter"]["choices"]:
        choice["next"] = longest
    data["steps"]["counter"]["choices"][0]["id"] = "9"
    write_yaml(course / "returns.yaml", data)
    out = tmp_path / "deep" / "out"
    before = {p for p in tmp_path.rglob("*")}

    config = tmp_path / "mkdocs.yml"  # the export builds the site its mkdocs.yml describes
    (tmp_path / "docs").mkdir()
    config.write_text("site_name: x\ntheme: material\nmarkdown_extensions: [attr_list, md_in_html]\n")
    result = CliRunner().invoke(main, ["export", "-f", str(config), str(course), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = {p for p in tmp_path.rglob("*") if p.is_file()} - before - {config}
    assert written, "nothing exported"
    for path in written:
        assert path.resolve().is_relative_to(out.resolve()), path
    pages = [p.relative_to(out / "docs") for p in written if p.is_relative_to(out / "docs")]
    sections = {p.parts[0] for p in pages}
    assert sections <= {"scenarios", "client-types", "advice-steps", "reactions", "links"}, sections
    assert (out / "docs" / "scenarios" / "0-1-2" / longest / "index.md").is_file()
    assert (out / "docs" / "scenarios" / "0-1-2" / "counter" / "9" / "index.md").is_file()
