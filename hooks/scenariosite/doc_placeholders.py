"""Lists on hand-written pages that come from the course data, so they cannot drift
from it (a hand-written table of scenarios soon shows old titles and misses new
scenarios). A page holds a placeholder line, e.g.

    <!-- scenariosite: scenarios -->

and the build puts the generated Markdown in its place, with links relative to that
page. Without the plugin the line is an HTML comment: nothing shows."""

from __future__ import annotations

import re
from typing import Any

from .model import Course
from .plan import SitePlan, relative_link
from .render import make_environment

PLACEHOLDER = re.compile(r"^<!--\s*scenariosite:\s*(\S+)\s*-->[ \t]*$", re.MULTILINE)
TEMPLATES = {"scenarios": "scenario_table.md.j2"}


def expand(markdown: str, src_uri: str, course: Course, plan: SitePlan, ui: dict[str, str]) -> tuple[str, list[str]]:
    """The page's Markdown with every known placeholder filled in, and the names of
    placeholders this engine does not know (the caller warns about them)."""
    unknown: list[str] = []

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in TEMPLATES:
            unknown.append(name)
            return match.group(0)
        return _render(name, src_uri, course, plan, ui)

    return PLACEHOLDER.sub(fill, markdown), unknown


def _render(name: str, src_uri: str, course: Course, plan: SitePlan, ui: dict[str, str]) -> str:
    def link(*key: str) -> str:
        return relative_link(src_uri, plan.page(*key).src_uri)

    context: dict[str, Any] = {
        "course": course,
        "ui": ui,
        "link": link,
        "scenarios": [course.scenarios[page.key[1]] for page in plan.pages if page.kind == "scenario"],
        "taxa": lambda level: list(course.declaration.at(level).items()),
    }
    return make_environment().get_template(TEMPLATES[name]).render(context).strip("\n")
