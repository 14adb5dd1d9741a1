"""The branching of one scenario as a graph: steps and endings are nodes, choices are
edges. Shared by the check, stats and plan stages."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Scenario


def successors(scenario: Scenario, node: str) -> list[str]:
    step = scenario.steps.get(node)
    return [choice.next for choice in step.choices] if step else []


def reachable(scenario: Scenario) -> list[str]:
    """Nodes reachable from the start, in breadth-first order (the order a reader meets them)."""
    seen = {scenario.start_step}
    order = [scenario.start_step]
    queue = deque(order)
    while queue:
        for target in successors(scenario, queue.popleft()):
            if target not in seen and (target in scenario.steps or target in scenario.endings):
                seen.add(target)
                order.append(target)
                queue.append(target)
    return order


def reaches_an_ending(scenario: Scenario) -> set[str]:
    """Steps from which some ending can be reached (backwards search from the endings)."""
    predecessors: dict[str, set[str]] = {}
    for step_id in scenario.steps:
        for target in successors(scenario, step_id):
            predecessors.setdefault(target, set()).add(step_id)
    good = set(scenario.endings)
    queue = deque(good)
    while queue:
        for step_id in predecessors.get(queue.popleft(), ()):
            if step_id not in good:
                good.add(step_id)
                queue.append(step_id)
    return good - set(scenario.endings)


@dataclass(frozen=True)
class PathStats:
    count: int
    shortest: int  # decisions on the shortest path
    longest: int


def paths_to_endings(scenario: Scenario, limit: int = 100_000) -> dict[str, PathStats]:
    """For each ending: how many distinct simple paths lead there from the start, and
    how many decisions the shortest and longest take. Loops (a "try again" edge) are
    walked once; `limit` caps the enumeration for pathological graphs."""
    found: dict[str, list[int]] = {}
    walked = 0
    for ending, length in _walk(scenario, scenario.start_step, frozenset(), 0):
        walked += 1
        stats = found.setdefault(ending, [0, length, length])
        stats[0] += 1
        stats[1] = min(stats[1], length)
        stats[2] = max(stats[2], length)
        if walked >= limit:
            break
    return {ending: PathStats(*values) for ending, values in found.items()}


def _walk(scenario: Scenario, node: str, visited: frozenset[str], depth: int) -> Iterator[tuple[str, int]]:
    if node in scenario.endings:
        yield node, depth
        return
    if node not in scenario.steps or node in visited:
        return
    for target in successors(scenario, node):
        yield from _walk(scenario, target, visited | {node}, depth + 1)


def recommended_route(scenario: Scenario) -> tuple[list[str], str | None]:
    """Follow the recommended choice of every step from the start. Returns the steps
    walked and the ending reached, or None if a step has no recommended choice or the
    route loops."""
    route: list[str] = []
    node = scenario.start_step
    while node in scenario.steps and node not in route:
        route.append(node)
        picks = [c for c in scenario.steps[node].choices if c.recommended]
        if not picks:
            return route, None
        node = picks[0].next
    return route, node if node in scenario.endings else None


def leading_to(scenario: Scenario, node: str) -> list[str]:
    """Steps on some path from the start to `node`, in the order the file lists them."""
    on_route = set(reachable(scenario))
    predecessors: dict[str, set[str]] = {}
    for step_id in scenario.steps:
        for target in successors(scenario, step_id):
            predecessors.setdefault(target, set()).add(step_id)
    found: set[str] = set()
    queue = deque([node])
    while queue:
        for step_id in predecessors.get(queue.popleft(), ()):
            if step_id not in found:
                found.add(step_id)
                queue.append(step_id)
    return [step_id for step_id in scenario.steps if step_id in found and step_id in on_route]
