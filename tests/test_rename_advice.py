"""After renaming a scenario, the redirects `scenariosite lock` suggests send each lost
URL to the same page under the new id, and applied as printed they pass `check`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from scenariosite import pipeline
from scenariosite.cli import main
from scenariosite.declaration import load_declaration
from scenariosite.diagnostics import Report
from scenariosite.published.rename_advice import moves

SCENARIOS = sorted(
    p.stem for p in pipeline.scenario_files(ROOT / "scenarios", load_declaration(ROOT / "scenarios", Report())[0])
)
ADVICE = re.compile(r"add '(\S+ -> \S+)'")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("shipped")
    for name in ("mkdocs.yml", "docs", "scenarios", "urls"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, source / name)
    return source


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_renaming_a_scenario_gets_advice_that_works(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scenario: str
) -> None:
    course = tmp_path / "course"
    shutil.copytree(shipped, course)
    new_id = f"{scenario}-nieuw"
    old_file = course / "scenarios" / f"{scenario}.yaml"
    text = re.sub(rf"^id: {re.escape(scenario)}$", f"id: {new_id}", old_file.read_text(encoding="utf-8"), flags=re.M)
    (course / "scenarios" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    old_file.unlink()
    monkeypatch.chdir(course)
    runner = CliRunner()

    locked = runner.invoke(main, ["lock", "scenarios"])
    assert locked.exit_code == 1, locked.output
    advice = sorted(set(ADVICE.findall(locked.output)))
    assert advice == [f"scenarios/{scenario}/* -> scenarios/{new_id}/*"], locked.output[:2000]

    redirects = course / "urls" / "redirects.txt"
    redirects.write_text(redirects.read_text(encoding="utf-8") + "".join(f"{line}\n" for line in advice))
    checked = runner.invoke(main, ["check", "scenarios"])
    assert checked.exit_code == 0, checked.output
    assert " 0 error(s)" in checked.output


def test_no_target_in_another_folder_for_a_deleted_scenario() -> None:
    lost = ["s/", "s/old/", "s/old/a/", "s/old/a/x/", "s/old/b/"]
    produced = ["s/", "s/other/", "s/other/c/", "s/other/c/x/", "s/other/d/"]
    assert moves(lost, produced) == {}


def test_a_partly_matching_folder_gets_exact_lines_only_for_the_same_pages() -> None:
    lost = ["s/old/", "s/old/a/", "s/old/a/x/", "s/old/b/", "s/old/gone/"]
    produced = ["s/new/", "s/new/a/", "s/new/a/x/", "s/new/b/"]
    found = moves(lost, produced)
    assert sorted(found) == ["s/old/", "s/old/a/", "s/old/a/x/", "s/old/b/"]
    assert found["s/old/a/x/"].line_for("s/old/a/x/") == "s/old/a/x/ -> s/new/a/x/"
