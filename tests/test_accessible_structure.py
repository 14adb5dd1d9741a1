"""The structure a screen reader relies on, checked on every page of the built
course (issue 7): one h1 per page, and on every decision page the choices as one
ordered list of links, one link per item, in the order the scenario gives them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from htmldom import parse
from scenariosite import choice_order, pipeline

pytestmark = pytest.mark.build


def test_every_page_has_exactly_one_h1(shipped_site: Path) -> None:
    wrong = {}
    for path in sorted(shipped_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue  # a redirect page for a retired URL: it only forwards
        count = len(parse(text).find_all("h1"))
        if count != 1:
            wrong[path.relative_to(shipped_site).as_posix()] = count
    assert not wrong, f"pages without exactly one h1: {wrong}"


def test_choices_are_one_list_of_links(shipped_site: Path) -> None:
    result = pipeline.load_course(ROOT / "scenarios")
    assert result.course is not None
    plan, _ = pipeline.plan_files(result, pipeline.Settings())
    decisions = [p for p in plan.pages if p.kind == "decision"]
    assert decisions
    for planned in decisions:
        shown = choice_order.scenario_order(result.course.scenarios[planned.key[1]])[planned.key[2]]
        article = parse((shipped_site / planned.url / "index.html").read_text(encoding="utf-8")).find("article")
        (box,) = article.find_all("div", class_="ss-choices")
        (listing,) = [e for e in box.children if not isinstance(e, str) and e.tag == "ol"]
        items = listing.find_all("li")
        assert len(items) == len(shown), planned.url
        for item, choice in zip(items, shown, strict=True):  # in the order the build shows them
            links = item.find_all("a")
            assert len(links) == 1 and "ss-choice" in links[0].classes, (planned.url, item)
            assert " ".join(choice.text.split()) == links[0].text, planned.url
