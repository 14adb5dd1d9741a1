"""The order in which a decision shows its choices.

Authors tend to write the recommended choice first (44 of 60 decisions in the first
shipped course), and learners soon learn to press 1. So the build shuffles the
choices of every step, and one order holds everywhere a choice has a number: the
decision page, the keys 1-9 (they follow the page), the trainer page and its map.

- Deterministic: the order comes from SHA-256 of the scenario, step and choice ids,
  never from Python's `hash()` (salted per process) or a clock, so every build of the
  same course shows the same order and a trainer's printed handout matches the site.
- Balanced: within a scenario, each step's recommended choice goes to the position
  it has taken least so far (ties broken by the same hash), so no position turns
  into a tell. Steps with `shuffle: false` keep their written order and still count.
- Choice ids, and so URLs, keep their position in the YAML: only display changes.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from .diagnostics import Report
from .load import Document
from .model import Choice, Scenario


def _rank(*parts: str) -> bytes:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()


def scenario_order(scenario: Scenario) -> dict[str, list[Choice]]:
    """Step id -> its choices in display order."""
    taken: Counter[int] = Counter()  # display position of the recommended choice -> steps so far
    orders: dict[str, list[Choice]] = {}
    for step_id, step in scenario.steps.items():
        best = next((c for c in step.choices if c.recommended), None)
        if not step.shuffle:
            order = list(step.choices)
        else:
            order = sorted(step.choices, key=lambda c: _rank(scenario.id, step_id, str(c.id)))
            if best is not None:
                target = min(range(len(order)), key=lambda p: (taken[p], _rank(scenario.id, step_id, str(p))))
                order.remove(best)
                order.insert(target, best)
        if best is not None:
            taken[order.index(best)] += 1
        orders[step_id] = order
    return orders


def numbers(scenario: Scenario) -> dict[str, dict[str, int]]:
    """Step id -> choice id -> the 1-based number the choice is shown with."""
    return {
        step_id: {str(choice.id): n for n, choice in enumerate(order, 1)}
        for step_id, order in scenario_order(scenario).items()
    }


def recommended_positions(scenario: Scenario) -> Counter[int]:
    """1-based display position of the recommended choice -> how many steps show it there."""
    found: Counter[int] = Counter()
    for order in scenario_order(scenario).values():
        found.update(n for n, choice in enumerate(order, 1) if choice.recommended)
    return found


MIN_DECISIONS = 3  # fewer decisions cannot show a pattern


def check_positions(scenario: Scenario, doc: Document, report: Report) -> None:
    """Warn when one display position holds the recommended choice in most decisions
    of a scenario: learners would learn the position, not the lesson. One decision
    over half is allowed when the count is odd (three two-choice steps cannot do better)."""
    positions = recommended_positions(scenario)
    total = sum(positions.values())
    if total < MIN_DECISIONS:
        return
    position, count = max(positions.items(), key=lambda item: (item[1], -item[0]))
    if 2 * count <= total + 1:
        return
    fixed = [step_id for step_id, step in scenario.steps.items() if not step.shuffle]
    where = doc.locate(("steps", fixed[0], "shuffle")) if fixed else doc.locate(("steps",), key=True)
    hint = "remove `shuffle: false` from some steps or reorder their choices" if fixed else "reorder some choices"
    report.warning(
        doc.path,
        where,
        f"scenario '{scenario.id}': the recommended choice is shown as choice {position} in {count} of {total} "
        f"decisions, so learners can guess it by its place; {hint}",
    )
