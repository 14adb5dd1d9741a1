"""Stage 3, check: cross-references, the graph of every scenario, and the rules that
keep a course teachable. Errors stop the build; warnings only fail `--strict`.

Cross-references are checked on the raw data, so they also run on a scenario the
model stage rejected: an author sees a typo'd field and an unknown `next` in the
same run. The graph rules need a complete, valid scenario and wait for it; the
coverage warnings need the whole course and wait until every file is valid."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import choice_order, graph
from .diagnostics import Position, Report, did_you_mean, known_list
from .keyword_spread import check_keyword_spread
from .load import Document
from .model import Choice, Course, Scenario
from .strings import verdict_words
from .validation import breadcrumb

# A narrator's verdict opens a paragraph ("Helaas, ...") or is exclaimed ("Goed zo!").
# What a customer says is dialogue, not a verdict: quoted text is left out first. The
# words come from every language's lint list (locales/lint/): a course may quote another.
VERDICT_WORDS = "|".join(re.escape(word) for word in verdict_words())
VERDICT_AT_START = re.compile(rf"(?im)^[ \t]*(?:{VERDICT_WORDS})\b")
VERDICT_EXCLAIMED = re.compile(rf"(?i)\b(?:{VERDICT_WORDS})\s*!")
DIALOGUE = re.compile(r'"[^"\n]*"|“[^”\n]*”|„[^”“"\n]*[”“"]|«[^»\n]*»')
LONG_CHOICE_FACTOR = 2.0


@dataclass
class Coverage:
    """Which scenarios practise each taxonomy entry, and which decisions do."""

    scenarios: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # taxonomy -> entry -> scenario ids
    decisions: dict[str, dict[str, list[tuple[str, str]]]] = field(default_factory=dict)  # -> (scenario, step)


def compute_coverage(course: Course) -> Coverage:
    names = list(course.declaration.taxonomies)
    cov = Coverage(
        scenarios={name: {entry: [] for entry in course.taxonomy(name)} for name in names},
        decisions={name: {entry: [] for entry in course.taxonomy(name)} for name in names},
    )
    at = course.declaration.at

    seen: set[tuple[str, str, str, str | None]] = set()  # lists keep the order; the set keeps this linear

    def add(name: str, entry: str | None, scenario_id: str, step_id: str | None = None) -> None:
        if entry is None or entry not in cov.scenarios[name]:
            return
        if (name, entry, scenario_id, None) not in seen:
            seen.add((name, entry, scenario_id, None))
            cov.scenarios[name][entry].append(scenario_id)
        if step_id is not None and (name, entry, scenario_id, step_id) not in seen:
            seen.add((name, entry, scenario_id, step_id))
            cov.decisions[name][entry].append((scenario_id, step_id))

    for scenario in course.scenarios.values():
        for name in at("scenario"):
            for entry in course.refs(name, scenario):
                add(name, entry, scenario.id)
        reachable = set(graph.reachable(scenario))
        for step_id, step in scenario.steps.items():
            if step_id not in reachable:
                continue
            for name in at("step"):
                for entry in course.refs(name, step):
                    add(name, entry, scenario.id, step_id)
            for choice in step.choices:
                for name in at("choice"):
                    for entry in course.refs(name, choice):
                        add(name, entry, scenario.id, step_id)
    return cov


def check_course(
    course: Course, report: Report, *, min_coverage: int | None = None, rejected: list[Document] | None = None
) -> Coverage:
    """Check every valid scenario in full, and the references of the scenario files the
    model stage `rejected`. Coverage is only judged on a course that is complete."""
    _check_taxonomy_ids(course, report)
    for scenario in course.scenarios.values():
        check_scenario(course, scenario, report)
    check_keyword_spread(course, report)
    for doc in rejected or []:
        if isinstance(doc.data, dict):
            check_references(course, doc, doc.data, report)
    coverage = compute_coverage(course)
    if not rejected and not any(doc.flagged for doc in course.taxonomy_documents.values()):
        _check_coverage(course, coverage, report, min_coverage)
    return coverage


def _check_taxonomy_ids(course: Course, report: Report) -> None:
    for name in course.declaration.taxonomies:
        doc = course.taxonomy_documents.get(name)
        if doc is None or not isinstance(doc.data, list):
            continue
        first_seen: dict[str, Position] = {}
        for index, item in enumerate(doc.data):
            entry_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(entry_id, str):
                continue
            position = doc.locate((index, "id"))
            if entry_id in first_seen:
                report.error(
                    doc.path,
                    position,
                    f"duplicate id '{entry_id}' (first used on line {first_seen[entry_id].line}); ids must be unique",
                )
            else:
                first_seen[entry_id] = position


def _unknown(
    doc: Document, report: Report, loc: tuple[str | int, ...], kind: str, value: str, known: list[str]
) -> None:
    hint = did_you_mean(value, known) or (f"; known: {known_list(known)}" if known else "")
    report.error(doc.path, doc.locate(loc), f"{breadcrumb(loc)}: unknown {kind} '{value}'{hint}")


def known_ids(course: Course, name: str) -> list[str] | None:
    """Ids of a taxonomy as the author wrote them, valid entries or not (an entry with
    a mistake of its own should not also make every reference to it unknown). None
    when the file itself is missing or unreadable: references cannot be judged."""
    doc = course.taxonomy_documents.get(name)
    if doc is None or not isinstance(doc.data, list):
        return None
    raw = [item.get("id") for item in doc.data if isinstance(item, dict)]
    return list(dict.fromkeys([*course.taxonomy(name), *(i for i in raw if isinstance(i, str))]))


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def check_references(course: Course, doc: Document, data: dict[str, Any], report: Report) -> None:
    """Every id a scenario refers to must exist. Works on the raw data; skips places
    an earlier stage already reported."""

    def ref(loc: tuple[str | int, ...], value: Any, kind: str, known: list[str] | None) -> None:
        if known is None or not isinstance(value, str) or value in known or doc.is_flagged(loc):
            return
        _unknown(doc, report, loc, kind, value, known)

    declaration = course.declaration
    known = {name: known_ids(course, name) for name in declaration.taxonomies}

    def refs(level: str, item: dict[str, Any], where: tuple[str | int, ...]) -> None:
        for name, taxonomy in declaration.at(level).items():  # type: ignore[arg-type]
            kind = f"{name} id"
            value = item.get(taxonomy.field)
            if level == "scenario":
                for index, entry in enumerate(_items(value)):
                    ref(where + (taxonomy.field, index), entry, kind, known[name])
            else:
                ref(where + (taxonomy.field,), value, kind, known[name])

    steps, endings = _mapping(data.get("steps")), _mapping(data.get("endings"))
    targets = list(steps) + list(endings)
    refs("scenario", data, ())
    ref(("start",), data.get("start"), "start step", list(steps))

    for ending_id in endings:
        if ending_id in steps:
            first = doc.locate(("steps", ending_id), key=True)
            report.error(
                doc.path,
                doc.locate(("endings", ending_id), key=True),
                f"'{ending_id}' is used as a step (line {first.line}) and as an ending; "
                "ids share one URL space, rename one",
            )

    for step_id, raw_step in steps.items():
        step = _mapping(raw_step)
        where: tuple[str | int, ...] = ("steps", step_id)
        refs("step", step, where)
        for index, raw_choice in enumerate(_items(step.get("choices"))):
            at = where + ("choices", index)
            choice = _mapping(raw_choice)
            ref(at + ("next",), choice.get("next"), "step or ending", targets)
            refs("choice", choice, at)


def check_scenario(course: Course, scenario: Scenario, report: Report) -> None:
    doc = course.documents[scenario.id]
    errors_before = len(report.errors)
    check_references(course, doc, doc.data, report)

    for step_id, step in scenario.steps.items():
        where = ("steps", step_id)
        if len(step.choices) < 2:
            report.warning(
                doc.path,
                doc.locate(where + ("choices",)),
                f"step '{step_id}' offers {len(step.choices)} choice; a decision needs at least 2 (3-4 is best)",
            )
        seen_choice: dict[str, int] = {}
        for index, choice in enumerate(step.choices):
            at = where + ("choices", index)
            assert choice.id is not None  # defaulted by the model
            if choice.id in seen_choice:
                report.error(
                    doc.path,
                    doc.locate(at + ("id",)),
                    f"step '{step_id}': choice id '{choice.id}' is already used by choice {seen_choice[choice.id] + 1}",
                )
            seen_choice.setdefault(choice.id, index)
            _check_verdict(doc, report, at, choice.consequence)
        _check_choice_lengths(doc, report, where, step.choices)
        if sum(choice.recommended for choice in step.choices) > 1:
            report.warning(
                doc.path, doc.locate(where, key=True), f"step '{step_id}' marks more than one choice as recommended"
            )

    choice_order.check_positions(scenario, doc, report)
    if len(report.errors) > errors_before:  # the graph checks below assume valid references
        return
    _check_graph(doc, report, scenario)


def _check_graph(doc: Document, report: Report, scenario: Scenario) -> None:
    reachable = set(graph.reachable(scenario))
    can_finish = graph.reaches_an_ending(scenario)
    for step_id in scenario.steps:
        position = doc.locate(("steps", step_id), key=True)
        if step_id not in reachable:
            report.warning(doc.path, position, f"step '{step_id}' cannot be reached from the start '{scenario.start}'")
        elif step_id not in can_finish:
            report.error(
                doc.path,
                position,
                f"step '{step_id}' cannot reach any ending: every path from it loops; point a choice at an ending",
            )
    for ending_id in scenario.endings:
        if ending_id not in reachable:
            report.warning(
                doc.path, doc.locate(("endings", ending_id), key=True), f"no path reaches ending '{ending_id}'"
            )
    problem = recommended_route_problem(scenario)
    if problem is not None:
        route, _ = graph.recommended_route(scenario)
        report.warning(doc.path, doc.locate(("steps", route[-1]), key=True), problem)


def recommended_route_problem(scenario: Scenario) -> str | None:
    """Why following the recommended choices does not reach a good ending, or None
    (also None when the scenario marks no recommended choices at all)."""
    if not any(choice.recommended for step in scenario.steps.values() for choice in step.choices):
        return None
    route, ending = graph.recommended_route(scenario)
    if ending is not None and scenario.endings[ending].rating == "good":
        return None
    last = scenario.steps.get(route[-1])
    picks = [choice for choice in last.choices if choice.recommended] if last else []
    if ending is not None:
        got = f"ends at '{ending}', rated {scenario.endings[ending].rating}"
    elif not picks:
        got = f"stops at step '{route[-1]}', which marks no choice as recommended"
    else:
        got = f"loops back from step '{route[-1]}' to step '{picks[0].next}'"
    return f"following the recommended choices from the start {got}; it should reach a good ending"


def _check_verdict(doc: Document, report: Report, at: tuple[str | int, ...], text: str) -> None:
    narration = DIALOGUE.sub(lambda m: "“…”", text)
    match = VERDICT_AT_START.search(narration) or VERDICT_EXCLAIMED.search(narration)
    if match:
        report.warning(
            doc.path,
            doc.locate(at + ("consequence",)),
            f"consequence contains a narrator's verdict ('{match.group().strip()}'); tell what the customer "
            "says and does, and put the lesson in 'feedback'",
        )


def _check_choice_lengths(doc: Document, report: Report, where: tuple[str | int, ...], choices: list[Choice]) -> None:
    if len(choices) < 2:
        return
    lengths = [len(choice.text) for choice in choices]
    for index, length in enumerate(lengths):
        others = lengths[:index] + lengths[index + 1 :]
        average = sum(others) / len(others)
        if length > LONG_CHOICE_FACTOR * average:
            report.warning(
                doc.path,
                doc.locate(where + ("choices", index, "text")),
                f"choice {index + 1} is {length} characters, more than twice its siblings (about {average:.0f}); "
                "a long answer gives itself away",
            )


def wanted_coverage(course: Course, name: str, override: int | None) -> int:
    """How many scenarios should practise each entry: the setting's override, or the
    taxonomy's own `min_coverage`."""
    return override if override is not None else course.declaration.taxonomies[name].min_coverage


def _check_coverage(course: Course, coverage: Coverage, report: Report, min_coverage: int | None) -> None:
    for name, entries in coverage.scenarios.items():
        doc = course.taxonomy_documents.get(name)
        wanted = wanted_coverage(course, name, min_coverage)
        if doc is None or wanted < 1:
            continue
        index_of = {item.get("id"): i for i, item in enumerate(doc.data) if isinstance(item, dict)}
        for entry_id, scenario_ids in entries.items():
            if len(scenario_ids) >= wanted:
                continue
            what = "no scenario practises" if not scenario_ids else f"only {len(scenario_ids)} scenario(s) practise"
            report.warning(
                doc.path,
                doc.locate((index_of.get(entry_id, 0), "id")),
                f"{what} {name} entry '{entry_id}' (wanted at least {wanted})",
            )
