"""While serving, the pages of scenarios the author did not touch are not rendered again
(render_memo.py), and what comes out is what a fresh render gives, for every page of
the shipped course: after a one-word edit in one scenario and after an edit of a
taxonomy that every scenario's pages show."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT
from scenariosite import pipeline
from scenariosite.render_memo import SCENARIO_KINDS, RenderMemo


def settings(course: Path) -> pipeline.Settings:
    return pipeline.Settings(language="nl", site_url="https://example.org/", directory=course, min_coverage=2)


def render(course: Path, memo: RenderMemo | None) -> dict[str, str]:
    result = pipeline.load_course(course, min_coverage=2)
    assert result.ok, result.report.diagnostics
    return pipeline.generate(result, settings(course), memo)[1]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_only_the_edited_scenario_is_rendered_again_and_every_page_equals_a_fresh_render(tmp_path: Path) -> None:
    course = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", course, ignore=shutil.ignore_patterns("schemas"))
    memo = RenderMemo()
    first = render(course, memo)
    assert first == render(course, None)
    assert memo.rendered == len(first) - 1  # every page (the links CSV is not rendered)

    edit(course / "zweetplekken.yaml", "wacht een meisje", "wacht een jongen")
    again = render(course, memo)
    assert again == render(course, None)
    scenario_pages = [uri for uri in again if uri.startswith("scenarios/zweetplekken/")]
    assert again != first and len(scenario_pages) > 10
    plan, _ = pipeline.plan_files(pipeline.load_course(course, min_coverage=2), settings(course))
    others = [page for page in plan.pages if page.kind not in SCENARIO_KINDS]
    assert memo.rendered == len(scenario_pages) + len(others)  # and no other scenario's page

    edit(course / "client-types.yaml", "  summary: ", "  summary: Kort gezegd, ")  # shown on other scenarios' pages
    third = render(course, memo)
    assert third == render(course, None)
    assert memo.rendered == len(third) - 1
