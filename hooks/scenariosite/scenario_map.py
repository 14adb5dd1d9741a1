"""The trainer page's map of a scenario: an inline SVG drawn at build time, so it
needs no script and no CDN, prints, and works offline.

Layout (an arc diagram, chosen because it never draws an edge through a node):
- steps stand in one column, in the order a walk meets them (depth-first from the
  start, so a step comes after the steps that lead to it);
- endings stand in a second column to the right, best rating first;
- a choice that leads one step down is a short arrow inside the step column; a
  choice that skips steps or goes back is an arc on the left; a choice that ends
  the scenario is a curve across the gutter to its ending.
Edges are labelled with the numbers of the choices they stand for ("1 · 3"). Each
node is a link to its page. Link targets end in `index.html`, which resolves with
directory URLs and with `use_directory_urls: false` alike (raw HTML is not
rewritten by MkDocs). They are `xlink:href`: Material's instant navigation assigns
`el.href = el.href` to every `[href]`, which throws on an SVG link. The explicit
role="link" says what they are to checkers that only know `href` (Lighthouse's
crawlable-anchors audit).
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from . import choice_order
from .model import Scenario

BOX_W, BOX_H = 250, 54
ROW = BOX_H + 30  # vertical distance between step rows
ARC_ROOM = 80  # left margin for skip/back arcs
GUTTER = 190  # between the step column and the ending column
TOP = 30  # room for the "start" label
CHARS_PER_LINE = 30
RATING_ORDER = {"good": 0, "mixed": 1, "bad": 2}
RATING_ICON = {"good": "✔", "mixed": "◐", "bad": "✖"}


@dataclass(frozen=True)
class Box:
    x: float
    y: float

    @property
    def mid_y(self) -> float:
        return self.y + BOX_H / 2


def step_order(scenario: Scenario) -> list[str]:
    """Steps in reverse postorder of a depth-first walk from the start: every forward
    edge then points down. Steps the walk never meets come last, in file order."""
    seen: set[str] = set()
    post: list[str] = []

    def visit(node: str) -> None:
        seen.add(node)
        for choice in scenario.steps[node].choices:
            if choice.next in scenario.steps and choice.next not in seen:
                visit(choice.next)
        post.append(node)

    visit(scenario.start_step)
    order = post[::-1]
    return order + [s for s in scenario.steps if s not in seen]


def edges(scenario: Scenario) -> dict[tuple[str, str], list[int]]:
    """(from, to) -> the 1-based numbers of the choices that take that edge."""
    found: dict[tuple[str, str], list[int]] = {}
    for step_id, order in choice_order.scenario_order(scenario).items():  # the numbers the pages show
        for number, choice in enumerate(order, start=1):
            found.setdefault((step_id, choice.next), []).append(number)
    return found


def wrap(text: str, width: int = CHARS_PER_LINE, lines: int = 2) -> list[str]:
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _node(box: Box, href: str, lines: list[str], title: str, css: str) -> str:
    first_y = box.mid_y - (len(lines) - 1) * 9 + 5
    spans = "".join(
        f'<tspan x="{box.x + BOX_W / 2:g}" y="{first_y + i * 18:g}">{_e(line)}</tspan>' for i, line in enumerate(lines)
    )
    return (
        f'<a xlink:href="{_e(href)}" role="link" class="ss-map__node {css}"><title>{_e(title)}</title>'
        f'<rect x="{box.x:g}" y="{box.y:g}" width="{BOX_W}" height="{BOX_H}" rx="8"/>'
        f'<text text-anchor="middle">{spans}</text></a>'
    )


def _label(x: float, y: float, numbers: list[int], anchor: str = "middle") -> str:
    text = " · ".join(str(n) for n in numbers)
    return f'<text class="ss-map__label" x="{x:g}" y="{y:g}" text-anchor="{anchor}">{text}</text>'


def render_map(scenario: Scenario, href: Callable[[str], str], ui: dict[str, str]) -> str:
    """The map as one `<figure>` of raw HTML (no blank lines, so Markdown keeps it whole).
    `href(node_id)` gives the link to a step's decision page or an ending's page."""
    steps = step_order(scenario)
    endings = sorted(scenario.endings, key=lambda e: RATING_ORDER[scenario.endings[e].rating])
    step_x = ARC_ROOM
    end_x = step_x + BOX_W + GUTTER
    step_box = {s: Box(step_x, TOP + i * ROW) for i, s in enumerate(steps)}
    column_h = max(len(steps), 1) * ROW - (ROW - BOX_H)
    spacing = max((column_h - BOX_H) / (len(endings) - 1), BOX_H + 10) if len(endings) > 1 else 0
    end_box = {e: Box(end_x, TOP + i * spacing) for i, e in enumerate(endings)}
    width = end_x + BOX_W + 10
    height = TOP + max(column_h, (len(endings) - 1) * spacing + BOX_H) + 10

    paths: list[str] = []
    labels: list[str] = []
    all_edges = edges(scenario)
    row_of = {s: i for i, s in enumerate(steps)}
    crossings: list[tuple[float, str]] = []  # edges to endings: (start y, ending)
    loops: list[tuple[float, str, int]] = []  # skips and returns: (start y, step, rows apart)
    for source in steps:
        box = step_box[source]
        out = [(t, n) for (s, t), n in all_edges.items() if s == source]
        to_end = [(t, n) for t, n in out if t in end_box]
        to_end.sort(key=lambda item: end_box[item[0]].y)
        arcs = [(t, n) for t, n in out if t in step_box and row_of[t] != row_of[source] + 1]
        for t, n in out:
            if t in step_box and row_of[t] == row_of[source] + 1:  # the next row: a short arrow down
                x = box.x + BOX_W / 2
                paths.append(f'<path d="M{x:g} {box.y + BOX_H:g}V{step_box[t].y - 2:g}"/>')
                labels.append(_label(x + 8, box.y + BOX_H + 19, n, "start"))
        for i, (t, n) in enumerate(to_end):
            y1 = box.y + BOX_H * (i + 1) / (len(to_end) + 1)
            crossings.append((y1, t))
            labels.append(_label(box.x + BOX_W + 6, y1 - 3, n, "start"))
        for i, (t, n) in enumerate(arcs):
            y1 = box.y + BOX_H * (i + 1) / (len(arcs) + 1)
            loops.append((y1, t, abs(row_of[t] - row_of[source])))
            labels.append(_label(box.x - 6, y1 - 3, n, "end"))

    # Each target spreads its arriving curves along its left side.
    x1 = step_x + BOX_W
    for ending_id in endings:
        arriving = sorted(c for c in crossings if c[1] == ending_id)
        target = end_box[ending_id]
        for j, (y1, _) in enumerate(arriving):
            x2, y2 = target.x - 2, target.y + BOX_H * (j + 1) / (len(arriving) + 1)
            mid = (x1 + x2) / 2
            paths.append(f'<path d="M{x1:g} {y1:g}C{mid:g} {y1:g} {mid:g} {y2:g} {x2:g} {y2:g}"/>')
    for step_id in steps:
        arriving_loops = sorted(c for c in loops if c[1] == step_id)
        target = step_box[step_id]
        for j, (y1, _, apart) in enumerate(arriving_loops):
            y2 = target.y + BOX_H * (j + 1) / (len(arriving_loops) + 1)
            bulge = step_x - 18 - 14 * min(apart, 4)
            paths.append(f'<path d="M{step_x:g} {y1:g}C{bulge:g} {y1:g} {bulge:g} {y2:g} {step_x - 2:g} {y2:g}"/>')

    nodes: list[str] = []
    step_word = ui["step_of"]
    file_order = list(scenario.steps)
    for step_id in steps:
        step = scenario.steps[step_id]
        title = f"{step_word} {file_order.index(step_id) + 1}: {step.title}"
        nodes.append(_node(step_box[step_id], href(step_id), wrap(step.title), title, "ss-map__node--step"))
    for ending_id in endings:
        ending = scenario.endings[ending_id]
        label = wrap(f"{RATING_ICON[ending.rating]} {ending.title}")
        title = f"{ui['ending']} ({ui['rating_' + ending.rating]}): {ending.title}"
        css = f"ss-map__node--end ss-map__node--{ending.rating}"
        nodes.append(_node(end_box[ending_id], href(ending_id), label, title, css))
    start = step_box[scenario.start_step]
    label_id = f"ss-map-{scenario.id}"
    return (
        f'<figure class="ss-map" aria-labelledby="{label_id}">'
        f'<svg viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}" '
        f'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" aria-labelledby="{label_id}">'
        f'<defs><marker id="{label_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>'
        f'<g class="ss-map__edges" aria-hidden="true" marker-end="url(#{label_id}-arrow)">{"".join(paths)}</g>'
        f'<g class="ss-map__labels" aria-hidden="true">{"".join(labels)}'
        f'<text class="ss-map__start" x="{start.x + 4:g}" y="{start.y - 8:g}">{_e(ui["start_here"])} ▾</text></g>'
        f"{''.join(nodes)}</svg>"
        f'<figcaption id="{label_id}">{_e(ui["map_caption"])}</figcaption></figure>'
    )
