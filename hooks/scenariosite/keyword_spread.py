"""Keywords that set no page apart. A keyword is a search word for one page; one that
most scenarios list (the word for "customer" in a customer course) tells search
nothing, makes every scenario match every query that holds it, and only lengthens
the page. Search weighs a word by how rare it is anyway: cut it where it is listed."""

from __future__ import annotations

from .diagnostics import Report
from .model import Course

MIN_SCENARIOS = 4  # in a smaller course every shared word would be "most"


def check_keyword_spread(course: Course, report: Report) -> None:
    """Warn at each place a keyword is listed when more than half the scenarios list it."""
    scenarios = list(course.scenarios.values())
    if len(scenarios) < MIN_SCENARIOS:
        return
    places: dict[str, list[tuple[str, int]]] = {}
    for scenario in scenarios:
        seen: set[str] = set()
        for index, keyword in enumerate(scenario.keywords):
            key = " ".join(keyword.casefold().split())
            if key not in seen:
                seen.add(key)
                places.setdefault(key, []).append((scenario.id, index))
    for key, listed in sorted(places.items()):
        if 2 * len(listed) <= len(scenarios):
            continue
        for scenario_id, index in listed:
            doc = course.documents[scenario_id]
            report.warning(
                doc.path,
                doc.locate(("keywords", index)),
                f"keyword '{key}' is listed by {len(listed)} of {len(scenarios)} scenarios, so it sets none apart "
                "in search; remove it here and keep the words that belong to this scenario alone",
            )
