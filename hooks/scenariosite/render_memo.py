"""While serving: the pages of a scenario the author did not touch are not rendered again.

Rendering every page of the shipped course takes about a tenth of a second, most of it
for the pages of scenarios that did not change. A scenario's own pages (start,
decisions, consequences, endings, trainer page) read that scenario, the course's
declaration and taxonomies, the interface texts, the settings and the plan (URLs,
titles and search words of every page); the pages that list across scenarios (overview,
taxonomy entries, links) are always rendered. So a scenario page is kept, keyed by:

- its scenario file's name and text;
- the declaration, the taxonomy files' text, the interface texts and the settings;
- every page of the plan as planned (its title, URL, search words...), which covers
  the links and anything computed across the course;
- the engine's own templates (their names, times and sizes).

A course with its own `custom_templates` is always rendered in full: its templates may
read anything. `mkdocs build` and `scenariosite check` use none of this.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .fingerprint import digest
from .model import Course
from .plan import Page, SitePlan

SCENARIO_KINDS = frozenset({"scenario", "decision", "consequence", "ending", "trainer"})
TEMPLATES = Path(str(resources.files("scenariosite").joinpath("templates")))


@dataclass
class RenderMemo:
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # src_uri -> (key, Markdown)
    rendered: int = 0  # pages rendered in the last build (the rest came from here)

    def render_all(
        self, course: Course, plan: SitePlan, context: tuple[Any, ...], render: Callable[[Page], str]
    ) -> dict[str, str]:
        """Every page of the plan: src_uri -> Markdown. `context`: the interface texts
        and settings the pages are rendered with."""
        shared = digest(
            repr(course.declaration),
            sorted((name, doc.text) for name, doc in course.taxonomy_documents.items()),
            context,
            [repr(page) for page in plan.pages],
            _template_files(),
        )
        self.rendered = 0
        files: dict[str, str] = {}
        kept: dict[str, tuple[str, str]] = {}
        for page in plan.pages:
            if page.kind not in SCENARIO_KINDS:
                files[page.src_uri] = render(page)
                self.rendered += 1
                continue
            document = course.documents[page.key[1]]
            key = digest(shared, document.path.name, document.text, repr(page))
            hit = self.pages.get(page.src_uri)
            if hit is not None and hit[0] == key:
                files[page.src_uri] = hit[1]
            else:
                files[page.src_uri] = render(page)
                self.rendered += 1
            kept[page.src_uri] = (key, files[page.src_uri])
        self.pages = kept
        return files


def _template_files() -> list[tuple[str, int, int]]:
    found = []
    for path in sorted(TEMPLATES.glob("*")):
        stat = path.stat()
        found.append((path.name, stat.st_mtime_ns, stat.st_size))
    return found
