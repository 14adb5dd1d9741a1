"""`scenariosite new` and `scenariosite stats`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from scenario_helpers import FIXTURE_SCENARIOS, copy_fixture, read_yaml, write_yaml
from scenariosite import graph, pipeline
from scenariosite.cli import main
from scenariosite.model import Scenario
from scenariosite.stats import scenario_stats

ROOT = Path(__file__).resolve().parent.parent


def invoke(*args: str | Path) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


# --- new ---------------------------------------------------------------------------


@pytest.mark.parametrize("source", [FIXTURE_SCENARIOS, ROOT / "scenarios"], ids=["fixture", "shipped"])
def test_new_scenario_passes_check_straight_away(tmp_path: Path, source: Path) -> None:
    course = tmp_path / "scenarios"
    course.mkdir()
    for path in source.glob("*.yaml"):
        (course / path.name).write_bytes(path.read_bytes())
    before = pipeline.load_course(course).report
    assert not before.errors

    result = invoke("new", "aan-de-kassa", "--dir", course)
    assert result.exit_code == 0, result.output
    created = course / "aan-de-kassa.yaml"
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/scenario.schema.json\n")
    assert text.count("\n#") + text.count("  #") >= 10  # commented for authors

    after = pipeline.load_course(course)
    assert after.ok, [d.headline() for d in after.report.diagnostics]
    new_warnings = [d.headline() for d in after.report.warnings if d.path == created]
    assert new_warnings == []
    assert len(after.report.warnings) <= len(before.warnings)  # it can only add coverage
    scenario = after.course.scenarios["aan-de-kassa"]  # type: ignore[union-attr]
    assert len(scenario.steps) == 1
    assert [len(step.choices) for step in scenario.steps.values()] == [2]
    assert sorted(e.rating for e in scenario.endings.values()) == ["bad", "good"]
    assert scenario.client_types[0] in after.course.taxonomy("client-types")  # type: ignore[union-attr,attr-defined]


def test_new_in_fixture_course_is_strictly_clean(tmp_path: Path) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    assert invoke("new", "second", "--dir", course).exit_code == 0
    result = invoke("check", "--strict", course)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"check: 2 scenarios, \d+ pages, 0 error\(s\), 0 warning\(s\)", result.output.splitlines()[-1])


@pytest.mark.parametrize(
    ("bad_id", "reason"),
    [
        ("Kassa", "use lowercase letters"),
        ("aan de kassa", "use lowercase letters"),
        ("../kassa", "use lowercase letters"),
        ("a/b", "use lowercase letters"),
        ("..", "use lowercase letters"),
        ("kassa-", "use lowercase letters"),
        ("kassa\n", "use lowercase letters"),
        ("café", "use lowercase letters"),
        ("", "use lowercase letters"),
        ("index", "reserved name"),
        ("trainer", "reserved name"),
        ("con", "reserved name"),
        ("x" * 61, "61 characters; 60 at most"),
        ("reactions", "reactions.yaml is the course's own file"),
    ],
)
def test_new_refuses_bad_ids(tmp_path: Path, bad_id: str, reason: str) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = invoke("new", bad_id, "--dir", course)
    assert result.exit_code == 2
    assert "cannot be a scenario id" in result.output and reason in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_new_refuses_an_existing_file(tmp_path: Path) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    original = (course / "returns.yaml").read_bytes()
    result = invoke("new", "returns", "--dir", course)
    assert result.exit_code == 2 and "already exists" in result.output
    assert (course / "returns.yaml").read_bytes() == original


def test_new_needs_a_directory_with_taxonomies(tmp_path: Path) -> None:
    result = invoke("new", "kassa", "--dir", tmp_path / "missing")
    assert result.exit_code == 2 and "not a directory" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "course.yaml").write_text(
        "taxonomies:\n  topics:\n    label: {one: Topic, many: Topics}\n    referenced_by: step\n    field: topic\n"
    )
    (empty / "topics.yaml").write_text("[]\n")
    result = invoke("new", "kassa", "--dir", empty)
    assert result.exit_code == 2 and "topics.yaml has no entries" in result.output
    assert not (empty / "kassa.yaml").exists()
    # A course without a declaration has no taxonomies: a scenario needs none.
    bare = tmp_path / "bare"
    bare.mkdir()
    assert invoke("new", "kassa", "--dir", bare).exit_code == 0
    assert invoke("check", "--strict", bare).exit_code == 0


# --- stats -------------------------------------------------------------------------


def test_stats_of_the_fixture_course(tmp_path: Path) -> None:
    result = invoke("stats", FIXTURE_SCENARIOS)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "returns: 2 steps, 5 choices, 3 endings",
        "  6 paths from the start to an ending; shortest 2 decisions, longest 2 decisions",
        "  fixed  good   2 paths, 2 decisions",
        "  half   mixed  2 paths, 2 decisions",
        "  lost   bad    2 paths, 2 decisions",
        "  recommended route: counter → offer → fixed: reaches a good ending",
        "  recommended choice shown as: choice 1 in 1 decision (50%), choice 2 in 1 decision (50%)",
        "course: recommended choice shown as: choice 1 in 1 decision (50%), choice 2 in 1 decision (50%)",
    ]
    data = json.loads(invoke("stats", "--json", FIXTURE_SCENARIOS).output)
    assert data[0]["paths"] == 6 and data[0]["recommended"] == ["counter", "offer", "fixed"]
    assert data[0]["per_ending"][1] == {"ending": "half", "rating": "mixed", "paths": 2, "shortest": 2, "longest": 2}


def test_stats_flags_a_recommended_route_that_misses_a_good_ending(tmp_path: Path) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    data = read_yaml(course / "returns.yaml")
    for choice in data["steps"]["offer"]["choices"]:
        choice["recommended"] = choice["next"] == "half"
    write_yaml(course / "returns.yaml", data)
    result = invoke("stats", course)
    assert result.exit_code == 1
    assert (
        "  recommended route: counter → offer → half: PROBLEM: following the recommended choices from the start "
        "ends at 'half', rated mixed; it should reach a good ending"
    ) in result.output


def test_stats_on_a_course_with_errors(tmp_path: Path) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    data = read_yaml(course / "returns.yaml")
    data["steps"]["counter"]["choices"][0]["next"] = "nowhere"
    write_yaml(course / "returns.yaml", data)
    result = invoke("stats", course)
    assert result.exit_code == 1
    assert "unknown step or ending 'nowhere'" in result.output and "fix them first" in result.output


def scenario_from_edges(edges: dict[str, list[str]], endings: list[str]) -> Scenario:
    """A scenario with the given step -> targets, for graph tests."""
    choice = {"text": "x", "consequence": "x", "feedback": "x"}
    step = {"title": "x", "situation": "x"}
    return Scenario.model_validate(
        {
            "id": "g",
            "title": "x",
            "summary": "x",
            "setting": "x",
            "steps": {s: {**step, "choices": [{**choice, "next": t} for t in ts]} for s, ts in edges.items()},
            "endings": {e: {"rating": "good", "title": "x", "text": "x", "debrief": "x"} for e in endings},
        }
    )


def brute_force(scenario: Scenario) -> dict[str, tuple[int, int, int]]:
    found: dict[str, list[int]] = {}

    def walk(node: str, seen: frozenset[str], depth: int) -> None:
        if node in scenario.endings:
            stats = found.setdefault(node, [0, depth, depth])
            stats[0] += 1
            stats[1], stats[2] = min(stats[1], depth), max(stats[2], depth)
            return
        if node in seen:
            return
        for target in graph.successors(scenario, node):
            walk(target, seen | {node}, depth + 1)

    walk(scenario.start_step, frozenset(), 0)
    return {ending: (v[0], v[1], v[2]) for ending, v in found.items()}


def counted(scenario: Scenario) -> dict[str, tuple[int, int, int]]:
    return {e: (p.count, p.shortest, p.longest) for e, p in graph.paths_to_endings(scenario).items()}


def test_paths_with_a_try_again_loop() -> None:
    scenario = scenario_from_edges({"s1": ["s2", "end-a"], "s2": ["s1", "end-b", "end-a"]}, ["end-a", "end-b"])
    assert counted(scenario) == brute_force(scenario) == {"end-a": (2, 1, 2), "end-b": (1, 2, 2)}
    stats = scenario_stats(scenario)
    assert stats.exact and stats.paths == 3 and (stats.shortest, stats.longest) == (1, 2)


@st.composite
def random_graphs(draw: st.DrawFn) -> Scenario:
    steps = [f"s{i}" for i in range(draw(st.integers(1, 7)))]
    endings = [f"e{i}" for i in range(draw(st.integers(1, 3)))]
    nodes = steps + endings
    edges = {s: draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=4)) for s in steps}
    return scenario_from_edges(edges, endings)


@settings(max_examples=300, deadline=None)
@given(random_graphs())
def test_path_counts_match_brute_force(scenario: Scenario) -> None:
    assert counted(scenario) == brute_force(scenario)


def test_long_chains_and_wide_graphs_do_not_overflow() -> None:
    chain = {f"s{i}": [f"s{i + 1}", "end"] for i in range(3000)}
    chain["s3000"] = ["end"]
    stats = scenario_stats(scenario_from_edges(chain, ["end"]))
    assert (stats.paths, stats.shortest, stats.longest, stats.exact) == (3001, 1, 3001, True)
    # 20 layers of 3 steps, each leading to all 3 of the next: 3^20 paths, counted exactly.
    layers = {f"l{i}-{j}": [f"l{i + 1}-{k}" for k in range(3)] for i in range(20) for j in range(3)}
    layers.update({f"l20-{j}": ["end"] for j in range(3)})
    wide = scenario_from_edges({"start": ["l0-0", "l0-1", "l0-2"], **layers}, ["end"])
    assert scenario_stats(wide).paths == 3**21
    # The same with a loop back to the start: walked within a budget, reported as a lower bound.
    looping = scenario_from_edges({"start": ["l0-0", "l0-1", "l0-2"], **layers, "l20-0": ["end", "start"]}, ["end"])
    stats = scenario_stats(looping)
    assert not stats.exact and stats.paths > 0
