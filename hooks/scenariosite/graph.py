"""The branching of one scenario as a graph: steps and endings are nodes, choices are
edges. Shared by the check, stats and plan stages."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from .model import Scenario


def successors(scenario: Scenario, node: str) -> list[str]:
    step = scenario.steps.get(node)
    return [choice.next for choice in step.choices] if step else []


def predecessors(scenario: Scenario, node: str) -> list[str]:
    """Steps with a choice that leads to `node`, in file order."""
    return [step_id for step_id in scenario.steps if node in successors(scenario, step_id)]


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
    exact: bool = True  # False when a looping graph was too large to walk in full


def paths_to_endings(scenario: Scenario, budget: int = 200_000) -> dict[str, PathStats]:
    """For each ending reachable from the start: how many distinct paths (sequences of
    choices) lead there, and how many decisions the shortest and longest take.

    Without loops this is exact and linear (counted backwards from the endings).
    With a loop (a "try again" choice) paths are walked once each without
    revisiting a step, up to `budget` moves; past that the counts are lower bounds."""
    order = _topological_order(scenario)
    if order is not None:
        return _count_acyclic(scenario, order)
    return _walk_simple_paths(scenario, budget)


def _topological_order(scenario: Scenario) -> list[str] | None:
    """Nodes reachable from the start, each after every node it leads to; None on a loop."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    order: list[str] = []
    stack: list[tuple[str, int]] = [(scenario.start_step, 0)]
    while stack:
        node, index = stack.pop()
        targets = successors(scenario, node)
        if index == 0:
            state[node] = 1
        if index < len(targets):
            stack.append((node, index + 1))
            target = targets[index]
            if state.get(target) == 1:
                return None
            if target not in state and (target in scenario.steps or target in scenario.endings):
                stack.append((target, 0))
        else:
            state[node] = 2
            order.append(node)
    return order


def _count_acyclic(scenario: Scenario, order: list[str]) -> dict[str, PathStats]:
    # per node: ending -> [paths, shortest, longest] from that node
    table: dict[str, dict[str, list[int]]] = {}
    for node in order:  # every target comes before the node that leads to it
        if node in scenario.endings:
            table[node] = {node: [1, 0, 0]}
            continue
        here: dict[str, list[int]] = {}
        for target in successors(scenario, node):
            for ending, (count, shortest, longest) in table.get(target, {}).items():
                stats = here.setdefault(ending, [0, shortest + 1, longest + 1])
                stats[0] += count
                stats[1] = min(stats[1], shortest + 1)
                stats[2] = max(stats[2], longest + 1)
        table[node] = here
    start = table.get(scenario.start_step, {})
    return {ending: PathStats(v[0], v[1], v[2]) for ending, v in start.items()}


def _walk_simple_paths(scenario: Scenario, budget: int) -> dict[str, PathStats]:
    found: dict[str, list[int]] = {}
    on_path = {scenario.start_step}
    stack: list[tuple[str, int]] = [(scenario.start_step, 0)]
    moves = 0
    while stack and moves < budget:
        node, index = stack[-1]
        targets = successors(scenario, node)
        if index == len(targets):
            stack.pop()
            on_path.discard(node)
            continue
        stack[-1] = (node, index + 1)
        target = targets[index]
        moves += 1
        if target in scenario.endings:
            depth = len(stack)
            stats = found.setdefault(target, [0, depth, depth])
            stats[0] += 1
            stats[1] = min(stats[1], depth)
            stats[2] = max(stats[2], depth)
        elif target in scenario.steps and target not in on_path:
            on_path.add(target)
            stack.append((target, 0))
    exact = not stack
    return {ending: PathStats(v[0], v[1], v[2], exact) for ending, v in found.items()}


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
