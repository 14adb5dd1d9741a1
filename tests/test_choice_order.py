"""The order a decision shows its choices in (choice_order): shuffled at build time,
the same in every build and every process, balanced within a scenario, fixed where
an author asks, and a `check` warning when a position still gives the answer away."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import ROOT
from scenario_helpers import copy_fixture, read_yaml, write_yaml
from scenariosite import choice_order, pipeline
from scenariosite.model import Scenario


def scenario(steps: int, choices: int = 3, **step_fields: Any) -> Scenario:
    """A chain of steps whose first written choice is the recommended one."""

    def step(i: int) -> dict[str, Any]:
        following = f"s{i + 1}" if i + 1 < steps else "end"
        written = [
            {"text": f"{i}-{n}", "consequence": "x", "feedback": "x", "next": following, "recommended": n == 0}
            for n in range(choices)
        ]
        return {"title": "x", "situation": "x", "choices": written, **step_fields}

    return Scenario.model_validate(
        {
            "id": "chain",
            "title": "x",
            "summary": "x",
            "setting": "x",
            "steps": {f"s{i}": step(i) for i in range(steps)},
            "endings": {"end": {"rating": "good", "title": "x", "text": "x", "debrief": "x"}},
        }
    )


def test_order_is_a_permutation_that_keeps_choice_ids() -> None:
    found = choice_order.scenario_order(scenario(6, 4))
    for step_id, order in found.items():
        assert sorted(c.id or "" for c in order) == ["a", "b", "c", "d"], step_id
        assert {c.id: c.text for c in order} == {"a": f"{step_id[1:]}-0", "b": f"{step_id[1:]}-1",
                                                  "c": f"{step_id[1:]}-2", "d": f"{step_id[1:]}-3"}  # fmt: skip


def test_recommended_choice_is_spread_over_the_positions() -> None:
    positions = choice_order.recommended_positions(scenario(8, 4))
    assert sorted(positions) == [1, 2, 3, 4] and set(positions.values()) == {2}, positions


def test_order_is_the_same_in_another_process() -> None:
    """Python's hash() of a string changes per process; the order must not."""
    code = (
        "from pathlib import Path; from scenariosite import pipeline, choice_order\n"
        "c = pipeline.load_course(Path('scenarios')).course\n"
        "print({(s.id, k): [x.id for x in v] for s in c.scenarios.values()"
        " for k, v in choice_order.scenario_order(s).items()})"
    )
    runs = {
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(runs) == 1 and runs.pop().startswith("{")


def test_shuffle_false_keeps_the_written_order_and_check_warns(tmp_path: Path) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    path = course / "returns.yaml"
    data = read_yaml(path)
    first = data["steps"]["counter"]
    assert first["choices"][0].get("recommended")
    # Three decisions, each with its recommended choice written first and kept there.
    data["steps"] = {
        "counter": {**first, "shuffle": False, "choices": [dict(c, next="again") for c in first["choices"]]},
        "again": {**first, "shuffle": False, "choices": [dict(c, next="last") for c in first["choices"]]},
        "last": {**first, "shuffle": False, "choices": [dict(c, next="fixed") for c in first["choices"]]},
    }
    write_yaml(path, data)
    result = pipeline.load_course(course)
    assert result.course is not None, result.report
    for order in choice_order.scenario_order(result.course.scenarios["returns"]).values():
        assert [c.id for c in order] == ["a", "b"]
    warnings = [d for d in result.report.warnings if "guess it by its place" in d.message]
    assert len(warnings) == 1 and "choice 1 in 3 of 3 decisions" in warnings[0].message, warnings
    line = path.read_text(encoding="utf-8").splitlines()[warnings[0].position.line - 1]
    assert "shuffle" in line


def test_the_shipped_course_shows_no_predictable_position() -> None:
    result = pipeline.load_course(ROOT / "scenarios")
    assert result.course is not None
    assert not [d for d in result.report.warnings if "guess it by its place" in d.message]
