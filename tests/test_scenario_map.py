"""The trainer map: an SVG drawn at build time whose nodes link to the pages."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import FIXTURES
from scenariosite import pipeline
from scenariosite.model import Scenario
from scenariosite.scenario_map import render_map, step_order
from scenariosite.strings import ui_strings

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def returns() -> Scenario:
    result = pipeline.load_course(FIXTURES / "course-en" / "scenarios")
    assert result.course is not None
    return result.course.scenarios["returns"]


def draw(scenario: Scenario) -> ET.Element:
    markup = render_map(scenario, lambda node: f"../{node}/index.html", ui_strings("en"))
    assert "\n\n" not in markup  # one raw HTML block for Markdown
    return ET.fromstring(markup)


def test_every_step_and_ending_is_a_link_to_its_page() -> None:
    scenario = returns()
    links = draw(scenario).iter(f"{SVG}a")
    targets = {link.get(XLINK) for link in links}
    assert targets == {f"../{node}/index.html" for node in [*scenario.steps, *scenario.endings]}


def test_links_have_names_and_the_edges_are_hidden_from_screen_readers() -> None:
    figure = draw(returns())
    for link in figure.iter(f"{SVG}a"):
        title = link.find(f"{SVG}title")
        assert title is not None and title.text
    for group in figure.iter(f"{SVG}g"):
        assert group.get("aria-hidden") == "true"


def test_author_text_is_escaped() -> None:
    scenario = returns().model_copy(deep=True)
    scenario.steps["counter"].title = '<script>alert(1)</script> & "quotes"'
    figure = draw(scenario)  # parses: nothing broke out of the markup
    assert not list(figure.iter("script")) and not list(figure.iter(f"{SVG}script"))
    titles = [t.text for t in figure.iter(f"{SVG}title")]
    assert any(t and "<script>" in t for t in titles)


def test_steps_come_after_the_steps_that_lead_to_them() -> None:
    scenario = returns()
    order = step_order(scenario)
    assert order[0] == scenario.start_step
    assert order.index("counter") < order.index("offer")
