"""Stage 5, render: turn every planned page into Markdown through Jinja templates.

Author content is data, never template source: it reaches the templates as
variables, so `{{ 7*7 }}` in a scenario renders literally. Three filters decide how
a value may appear:
- `md`: an author's Markdown field. Raw HTML and attribute lists (`{: ...}`) are
  escaped everywhere: guessing where Markdown would see code let HTML through (an
  escaped backtick, a code span across lines). Code spans become `<code>` elements
  made here. A code fence (MkDocs always enables fenced_code) is shown as text: an
  unclosed one would swallow the template's lines after the field. Author headings
  are demoted below the page's own h1/h2.
- `inline`: plain text inside Markdown (link text, list items): HTML-escaped and
  Markdown-escaped, so it shows exactly as typed.
- `attr`: plain text inside an HTML attribute.
Front matter is written by `front_matter()` with JSON strings (valid YAML), so no
title can break out of it.
"""

from __future__ import annotations

import functools
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import choice_order, graph
from .check import Coverage
from .declaration import Taxonomy
from .kinds import KINDS
from .links import LinkGroup, link_groups
from .model import Choice, Course, Scenario, TaxonomyEntry
from .plan import Page, SitePlan

# Characters Python-Markdown lets a backslash escape (its ESCAPED_CHARS).
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")
# A code span as Python-Markdown finds one (its BACKTICK_RE), within one line.
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<![`])\1(?!`)")
ATX_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
FENCE = re.compile(r"^(\s*)([`~])(?=\2\2)")  # a line that starts with ``` or ~~~
HEADING_SHIFT = 2  # author "# x" becomes h3: the page owns h1 and h2


# The escaping filters are pure and see the same texts again and again (a scenario's
# title on each of its pages, every consequence again on the trainer page): a cache
# takes a third off rendering a large course.
@functools.lru_cache(maxsize=8192)
def escape_inline(text: str) -> str:
    """Plain text that must show as typed inside Markdown."""
    escaped = html.escape(" ".join(str(text).split()), quote=False)
    return MARKDOWN_SPECIALS.sub(r"\\\1", escaped)


@functools.lru_cache(maxsize=8192)
def escape_attr(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


@functools.lru_cache(maxsize=8192)
def author_markdown(text: str) -> str:
    """An author's Markdown with raw HTML and attribute lists neutralised and headings
    demoted (see the module doc)."""
    out: list[str] = []
    for line in str(text).splitlines():
        line = ATX_HEADING.sub(lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + HEADING_SHIFT), line)
        line = _neutralise(line)
        out.append(FENCE.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", line))
    return "\n".join(out).strip("\n")


def _neutralise(line: str) -> str:
    """No `<` and no `{`/`}` reach Markdown from author text, so it can open no HTML
    tag and attach no attribute list. Code spans are written as `<code>` here, with
    their content escaped, so they still show exactly what the author typed."""
    parts: list[str] = []
    last = 0
    for span in CODE_SPAN.finditer(line):
        parts.append(_escape_text(line[last : span.start()]))
        parts.append(f"<code>{escape_inline(span.group(2).strip())}</code>")
        last = span.end()
    parts.append(_escape_text(line[last:]))
    return "".join(parts)


def _escape_text(text: str) -> str:
    return text.replace("<", "&lt;").replace("{", "\\{").replace("}", "\\}")


def front_matter(fields: dict[str, Any]) -> str:
    """YAML front matter; every string goes through JSON quoting (a YAML subset)."""
    lines = ["---"]
    for key, value in fields.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=True)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs in Jinja's own per-user temp folder:
    compiling them takes 0.15 s, as much as the rest of the hook for 50 scenarios."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no usable temp folder: compile every time
        return None


@functools.cache
def make_environment(custom_templates: str | None = None) -> jinja2.Environment:
    """One environment per process (and templates folder): compiling the templates
    costs more than rendering a small course. Jinja still reloads a template whose file
    changed (auto_reload). A course's `custom_templates` folder is searched first, so it
    can replace any page template or the macros (as mkdocstrings' custom_templates)."""
    package = jinja2.PackageLoader(__package__, "templates")
    loader: jinja2.BaseLoader = package
    if custom_templates is not None:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(custom_templates), package])
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; escaping is explicit per field (see module doc)
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(md=author_markdown, inline=escape_inline, attr=escape_attr)
    return env


@dataclass
class Renderer:
    course: Course
    coverage: Coverage
    plan: SitePlan
    ui: dict[str, str]
    site_url: str = ""
    custom_templates: Path | None = None  # a course's own templates, searched first

    def __post_init__(self) -> None:
        self.env = make_environment(str(self.custom_templates) if self.custom_templates else None)
        self._templates = {name: self.env.get_template(kind.template) for name, kind in KINDS.items()}
        self._choice_orders: dict[str, dict[str, list[Choice]]] = {}  # scenario id -> step id -> shown order

    @functools.cached_property
    def link_groups(self) -> list[LinkGroup]:
        """The onboarding links: shown on the links page and written as its CSV."""
        return link_groups(self.plan, self.course, self.site_url, self.ui)

    def render(self, page: Page) -> str:
        context = self.context(page)
        body = self._templates[page.kind].render(context)
        meta: dict[str, Any] = {
            # Material and MkDocs put these into HTML unescaped: escape them here.
            "title": escape_attr(page.title),
            "description": escape_attr(page.summary or page.title),
        }
        if page.keywords:
            # Material's search indexes `tags` from front matter with a very high boost,
            # even without the tags plugin: the everyday words people search with.
            meta["tags"] = [html.escape(word, quote=False) for word in page.keywords]
        if not page.in_search:
            meta["search"] = {"exclude": True}
        if page.hide_toc:
            meta["hide"] = ["toc"]
        return front_matter(meta) + body

    def context(self, page: Page) -> dict[str, Any]:
        plan = self.plan

        def link(*key: str) -> str:
            return plan.link(page, *key)

        def url(*key: str) -> str:
            return self.site_url.rstrip("/") + "/" + plan.page(*key).url

        context: dict[str, Any] = {
            "page": page,
            "course": self.course,
            "coverage": self.coverage,
            "plan": plan,
            "ui": self.ui,
            "link": link,
            "url": url,
            "graph": graph,
            "taxa": self._taxa,
            "profile": self.course.declaration.profile,
            "profile_id": self.course.profile_ref,
        }
        for build in KINDS[page.kind].context:
            context.update(build(self, page, page.key[1:]))
        return context

    def _taxa(self, level: str) -> list[tuple[str, Taxonomy]]:
        """The course's taxonomies referred to at one level (scenario, step, choice)."""
        return list(self.course.declaration.at(level).items())  # type: ignore[arg-type]

    def choice_order(self, scenario: Scenario) -> dict[str, list[Choice]]:
        """Step id -> its choices in the order shown (computed once per scenario)."""
        if scenario.id not in self._choice_orders:
            self._choice_orders[scenario.id] = choice_order.scenario_order(scenario)
        return self._choice_orders[scenario.id]

    def involved(self, scenario: Scenario, steps: list[str]) -> list[tuple[str, list[TaxonomyEntry]]]:
        """What an ending sums up: the entries of the decisions on the way to it (not the
        profile's, which has its own section), then the scenario's own."""
        course, declaration = self.course, self.course.declaration
        choices = [choice for step in steps for choice in scenario.steps[step].choices]
        items: dict[str, list[Any]] = {"step": [scenario.steps[s] for s in steps], "choice": choices}
        involved: list[tuple[str, list[TaxonomyEntry]]] = []
        for level in ("step", "choice"):
            for name in declaration.at(level):
                if name != declaration.profile:
                    ids = dict.fromkeys(i for item in items[level] for i in course.refs(name, item))
                    involved.append((name, [course.taxonomy(name)[i] for i in ids]))
        for name in declaration.at("scenario"):
            involved.append((name, course.entries(name, scenario)))
        return [(name, entries) for name, entries in involved if entries]

    def node_href(self, page: Page, scenario: Scenario, node: str) -> str:
        """A raw-HTML link (the map's) to a step or ending: MkDocs does not rewrite raw
        HTML, and `.../index.html` works with and without directory URLs."""
        kind = "decision" if node in scenario.steps else "ending"
        return self.plan.link(page, kind, scenario.id, node).removesuffix("index.md") + "index.html"

    def back_link(self, page: Page, scenario: Scenario, node: str) -> str:
        """Where "previous decision" points without JS: the one step that leads here,
        else the start page; none on the first decision. JS replaces it with the step
        the learner came from."""
        if node == scenario.start_step:
            return ""  # the first decision: "restart" is the only way back
        before = graph.predecessors(scenario, node)
        if len(before) == 1:
            return self.plan.link(page, "decision", scenario.id, before[0])
        return self.plan.link(page, "scenario", scenario.id)
