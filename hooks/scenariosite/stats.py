"""`scenariosite stats`: the shape of every scenario, for an author who wants to know
whether a story branches enough and whether the recommended route holds."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from . import choice_order, graph
from .check import recommended_route_problem
from .model import Course, Scenario


@dataclass
class EndingStats:
    ending: str
    rating: str
    paths: int
    shortest: int
    longest: int


@dataclass
class ScenarioStats:
    scenario: str
    steps: int
    choices: int
    endings: int
    paths: int  # distinct paths (sequences of choices) from the start to any ending
    exact: bool  # False when a looping scenario was too large to count in full
    shortest: int | None  # decisions on the shortest path; None when no ending is reachable
    longest: int | None
    per_ending: list[EndingStats] = field(default_factory=list)
    recommended: list[str] | None = None  # the recommended route (steps, then the ending), if marked
    recommended_problem: str | None = None
    # 1-based display position of the recommended choice -> decisions showing it there (see choice_order)
    recommended_positions: dict[int, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def scenario_stats(scenario: Scenario) -> ScenarioStats:
    found = graph.paths_to_endings(scenario)
    per_ending = [
        EndingStats(
            ending_id, ending.rating, found[ending_id].count, found[ending_id].shortest, found[ending_id].longest
        )
        if ending_id in found
        else EndingStats(ending_id, ending.rating, 0, 0, 0)
        for ending_id, ending in scenario.endings.items()
    ]
    reached = [stats for stats in per_ending if stats.paths]
    stats = ScenarioStats(
        scenario=scenario.id,
        steps=len(scenario.steps),
        choices=sum(len(step.choices) for step in scenario.steps.values()),
        endings=len(scenario.endings),
        paths=sum(stats.paths for stats in reached),
        exact=all(path.exact for path in found.values()),
        shortest=min((stats.shortest for stats in reached), default=None),
        longest=max((stats.longest for stats in reached), default=None),
        per_ending=per_ending,
    )
    if any(choice.recommended for step in scenario.steps.values() for choice in step.choices):
        route, ending = graph.recommended_route(scenario)
        stats.recommended = route + ([ending] if ending else [])
        stats.recommended_problem = recommended_route_problem(scenario)
        stats.recommended_positions = dict(sorted(choice_order.recommended_positions(scenario).items()))
    return stats


def course_stats(course: Course) -> list[ScenarioStats]:
    return [scenario_stats(course.scenarios[sid]) for sid in sorted(course.scenarios)]


def format_stats(stats: ScenarioStats) -> list[str]:
    """A few readable lines per scenario."""
    at_least = "" if stats.exact else "at least "
    counts = ", ".join(
        _count(n, word) for n, word in ((stats.steps, "step"), (stats.choices, "choice"), (stats.endings, "ending"))
    )
    lines = [f"{stats.scenario}: {counts}"]
    if stats.shortest is None:
        lines.append("  no ending can be reached from the start")
    else:
        lines.append(
            f"  {at_least}{stats.paths} paths from the start to an ending; "
            f"shortest {_decisions(stats.shortest)}, longest {_decisions(stats.longest or 0)}"
        )
    width = max(len(e.ending) for e in stats.per_ending)
    for e in stats.per_ending:
        if e.paths:
            span = _decisions(e.shortest) if e.shortest == e.longest else f"{e.shortest}-{e.longest} decisions"
            shown = f"{at_least}{_count(e.paths, 'path')}, {span}"
        else:
            shown = "not reached"
        lines.append(f"  {e.ending.ljust(width)}  {e.rating.ljust(5)}  {shown}")
    if stats.recommended is not None:
        route = " → ".join(stats.recommended)
        verdict = "PROBLEM: " + stats.recommended_problem if stats.recommended_problem else "reaches a good ending"
        lines.append(f"  recommended route: {route}: {verdict}")
        lines.append(f"  recommended choice shown as: {format_positions(stats.recommended_positions)}")
    return lines


def format_positions(positions: dict[int, int]) -> str:
    """`choice 1 in 2, choice 2 in 1 ...`: where the recommended choice appears on the page."""
    total = sum(positions.values())
    if not total:
        return "no recommended choices"
    parts = [f"choice {p} in {_count(n, 'decision')} ({100 * n // total}%)" for p, n in sorted(positions.items())]
    return ", ".join(parts)


def course_positions(found: list[ScenarioStats]) -> dict[int, int]:
    total: dict[int, int] = {}
    for item in found:
        for position, count in item.recommended_positions.items():
            total[position] = total.get(position, 0) + count
    return dict(sorted(total.items()))


def _count(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _decisions(count: int) -> str:
    return _count(count, "decision")
