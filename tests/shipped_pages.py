"""One page of each kind from the shipped course's plan, for tests that visit the
built site (privacy, page weight, accessibility): URLs come from the engine, so the
tests keep working while authors edit the course."""

from __future__ import annotations

import functools

from conftest import ROOT
from scenariosite import pipeline
from scenariosite.plan import Page


@functools.cache
def page_of_each_kind() -> dict[str, Page]:
    """kind -> page; taxonomy entries as `entry-<taxonomy>`; every scenario page from
    the first scenario, so a walk through them is one walk."""
    result = pipeline.load_course(ROOT / "scenarios")
    assert result.ok, [d.headline() for d in result.report.sorted()]
    plan, _ = pipeline.plan_files(result, pipeline.Settings())
    first = next(p for p in plan.pages if p.kind == "scenario").key[1]
    pages: dict[str, Page] = {}
    for page in plan.pages:
        kind = f"entry-{page.key[1]}" if page.kind == "entry" else page.kind
        of_first = page.kind not in ("scenario", "decision", "consequence", "ending", "trainer") or page.key[1] == first
        if of_first:
            pages.setdefault(kind, page)
    return pages


def url_of(kind: str) -> str:
    """Site-relative URL of a page of this kind ("home" is the site root)."""
    return "" if kind == "home" else page_of_each_kind()[kind].url
