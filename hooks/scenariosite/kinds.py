"""The kinds of page the generator writes, registered once: the template that renders
each, what its context holds, and whether it is in the nav and in search. The plan
and render stages dispatch on this registry; a new kind of page is one registration
here and one template.

Context builders take the renderer, the page and the ids of its key (the key without
its kind: `("returns", "counter")` for a decision) and return what they add.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import graph
from .scenario_map import render_map

if TYPE_CHECKING:
    from .plan import Page
    from .render import Renderer

Context = Callable[["Renderer", "Page", tuple[str, ...]], dict[str, Any]]


@dataclass(frozen=True)
class PageKind:
    name: str
    template: str
    context: tuple[Context, ...] = ()
    in_nav: bool = False  # the plan may take a page out (scenarios past nav_scenarios_max)
    in_search: bool = True
    hide_toc: bool = False  # the page's own table of contents would add nothing


def _scenario_list(r: Renderer, page: Page, ids: tuple[str, ...]) -> dict[str, Any]:
    return {"scenarios": [r.course.scenarios[p.key[1]] for p in r.plan.pages if p.kind == "scenario"]}


def _links(r: Renderer, page: Page, ids: tuple[str, ...]) -> dict[str, Any]:
    from .links import CSV_NAME  # links.py builds on the plan, which builds on this registry

    return {"link_groups": r.link_groups, "csv_name": CSV_NAME}


def _scenario(r: Renderer, page: Page, ids: tuple[str, ...]) -> dict[str, Any]:
    scenario = r.course.scenarios[ids[0]]
    return {"scenario": scenario, "choices_shown": r.choice_order(scenario)}


def _step(r: Renderer, page: Page, ids: tuple[str, ...]) -> dict[str, Any]:
    scenario = r.course.scenarios[ids[0]]
    return {"step_id": ids[1], "step": scenario.steps[ids[1]], "step_number": list(scenario.steps).index(ids[1]) + 1}


def _choice(r: Renderer, page: Page, ids: tuple[str, ...]) -> dict[str, Any]:
    step = r.course.scenarios[ids[0]].steps[ids[1]]
    return {"choice": next(c for c in step.choices if c.id == ids[2])}


def _ending(r: Renderer, page: Page, ids: tuple[str, ...]) -> dict[str, Any]:
    scenario = r.course.scenarios[ids[0]]
    involved = r.involved(scenario, graph.leading_to(scenario, ids[1]))
    return {"ending_id": ids[1], "ending": scenario.endings[ids[1]], "involved": involved}


def _back_link(r: Renderer, page: Page, ids: tuple[str, ...]) -> dict[str, Any]:
    return {"back_link": r.back_link(page, r.course.scenarios[ids[0]], ids[1])}


def _map(r: Renderer, page: Page, ids: tuple[str, ...]) -> dict[str, Any]:
    scenario = r.course.scenarios[ids[0]]
    return {"map_svg": render_map(scenario, lambda node: r.node_href(page, scenario, node), r.ui)}


def _taxonomy(r: Renderer, page: Page, ids: tuple[str, ...]) -> dict[str, Any]:
    return {"taxonomy": ids[0]}


def _entry(r: Renderer, page: Page, ids: tuple[str, ...]) -> dict[str, Any]:
    return {"taxonomy": ids[0], "entry": r.course.taxonomy(ids[0])[ids[1]]}


KINDS: dict[str, PageKind] = {}


def register(kind: PageKind) -> PageKind:
    if kind.name in KINDS:
        raise ValueError(f"page kind '{kind.name}' is registered twice")
    KINDS[kind.name] = kind
    return kind


# Decisions are searchable (their situations are what people look for); consequences
# and endings are not, so search never spoils an outcome.
register(PageKind("overview", "overview.md.j2", (_scenario_list,), in_nav=True))
register(PageKind("scenario", "scenario.md.j2", (_scenario,), in_nav=True))
register(PageKind("decision", "decision.md.j2", (_scenario, _step, _back_link), hide_toc=True))
register(PageKind("consequence", "consequence.md.j2", (_scenario, _step, _choice), in_search=False, hide_toc=True))
register(PageKind("ending", "ending.md.j2", (_scenario, _ending, _back_link), in_search=False, hide_toc=True))
register(PageKind("trainer", "trainer.md.j2", (_scenario, _map), in_search=False))
register(PageKind("taxonomy-index", "taxonomy_index.md.j2", (_taxonomy,), in_nav=True))
register(PageKind("entry", "entry.md.j2", (_entry,), in_nav=True))
register(PageKind("links", "links.md.j2", (_scenario_list, _links), in_nav=True, in_search=False))
