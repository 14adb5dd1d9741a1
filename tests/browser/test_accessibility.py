"""Accessibility in a real browser (issue 7): axe-core finds no violation, of any
impact, on every kind of page of the shipped course, in normal and in presenter
mode; a scenario can be walked with the keyboard alone, with a visible focus; and
focus lands somewhere sensible after each navigation."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ROOT, copy_course, mkdocs_build, serve
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from shipped_pages import url_of

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_KINDS = (
    "home",
    "overview",
    "entry-client-types",
    "entry-advice-steps",
    "entry-reactions",
    "taxonomy-index",
    "scenario",
    "decision",
    "consequence",
    "ending",
    "trainer",
    "links",
)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [json.dumps(node["target"]) for node in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(targets)}")
    return "\n".join(lines)


def ready(page: Page) -> None:
    """Our JS has set the page up (hand-written pages have no marker: wait for load)."""
    if page.locator(".ss-page").count():
        page.locator(".ss-page[data-ss-ready]").wait_for(state="attached")
    page.wait_for_load_state("networkidle")


@pytest.fixture(scope="module")
def presenter_page(browser: Any, shipped_url: str) -> Iterator[Page]:
    """One context in presenter mode, switched on with its key as a trainer would."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.goto(shipped_url)
    ready(tab)
    tab.keyboard.press("b")
    expect(tab.locator("html")).to_have_attribute("data-ss-presenter", "")
    yield tab
    context.close()


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_axe_violations(page: Page, shipped_url: str, kind: str) -> None:
    page.goto(shipped_url + url_of(kind))
    ready(page)
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_axe_violations_in_presenter_mode(presenter_page: Page, shipped_url: str, kind: str) -> None:
    presenter_page.goto(shipped_url + url_of(kind))
    ready(presenter_page)
    assert presenter_page.locator("html[data-ss-presenter]").count(), "presenter mode was not kept"
    violations = axe_violations(presenter_page)
    assert not violations, describe(violations)


def test_no_axe_violations_with_search_results_and_keys_overlay_open(page: Page, shipped_url: str) -> None:
    page.goto(shipped_url + url_of("decision"))
    ready(page)
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("klant", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("?")
    expect(page.locator("#ss-help")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_axe_reports_a_violation_when_there_is_one(page: Page, shipped_url: str) -> None:
    """The checks above can fail: an image without text is found."""
    page.goto(shipped_url)
    ready(page)
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert "image-alt" in [v["id"] for v in axe_violations(page)]


# ---------------------------------------------------------------- keyboard


def focused(page: Page) -> dict[str, Any]:
    """What has focus, and whether that shows: the element's area on screen (with room
    for an outline) must look different with focus than without. Pixels, not styles:
    Material shows focus in many ways (the search box opens, a label changes colour)."""
    handle = page.evaluate_handle("document.activeElement")
    info: dict[str, Any] = page.evaluate(
        """el => ({tag: el.tagName, cls: String(el.className || ''), text: (el.textContent || '').trim().slice(0, 60),
                  role: el.dataset ? el.dataset.ssRole : undefined, choice: el.classList.contains('ss-choice')})""",
        handle,
    )
    if "md-search__input" in info["cls"].split():
        # Material opens its search over the page when the box gets focus (and blur
        # does not close it): that is its focus indicator. It does so from an event
        # subscription, a moment later on a loaded machine: wait for it, briefly.
        try:
            page.wait_for_function("document.getElementById('__search').checked", timeout=2_000)
        except PlaywrightTimeoutError:
            return {**info, "visible": False}
        return {**info, "visible": True}
    box = handle.bounding_box() if info["tag"] != "BODY" else None  # type: ignore[union-attr]
    if box is None:
        return {**info, "visible": False}
    viewport = page.viewport_size or {"width": 1280, "height": 720}
    x, y = max(box["x"] - 6, 0), max(box["y"] - 6, 0)
    clip = {"x": x, "y": y, "width": min(box["width"] + 12, viewport["width"] - x),
            "height": min(box["height"] + 12, viewport["height"] - y)}  # fmt: skip
    with_focus = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("el => el.blur()", handle)
    without = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("el => el.focus()", handle)
    return {**info, "visible": with_focus != without}


def tab_to(page: Page, wanted: Any, limit: int = 80) -> dict[str, Any]:
    """Press Tab until `wanted(focused)` holds; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["visible"], f"focus is invisible on {now}"
        if wanted(now):
            return now
    raise AssertionError(f"Tab never reached the element (last: {focused(page)})")


def skip_to_content(page: Page) -> None:
    """What a keyboard user does on each new page: the first Tab is Material's 'skip
    to content' link; Enter on it moves on into the article."""
    page.keyboard.press("Tab")
    skip = focused(page)
    assert "md-skip" in skip["cls"].split() and skip["visible"], skip
    page.keyboard.press("Enter")
    # Material scrolls to the target a moment later and moves focus while it does;
    # a person takes longer than that before the next key.
    page.wait_for_function("location.hash.length > 1")
    page.wait_for_timeout(300)


@pytest.mark.parametrize("kind", ["home", "decision", "consequence"])
def test_every_focus_stop_shows_its_focus(page: Page, shipped_url: str, kind: str) -> None:
    """Tab through a whole page, header, nav, content and footer: every stop is visible."""
    page.goto(shipped_url + url_of(kind))
    ready(page)
    stops = []
    for _ in range(150):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] == "BODY" or (stops and now == stops[0]):
            break  # wrapped round
        assert now["visible"], f"focus is invisible on {now}"
        stops.append(now)
    assert len(stops) > 10, stops


def test_keyboard_only_walk_through_a_scenario(page: Page, shipped_url: str) -> None:
    """Skip link, Tab and Enter from the start page to an ending; focus visible at every stop."""
    page.goto(shipped_url + url_of("scenario"))
    ready(page)
    skip_to_content(page)
    tab_to(page, lambda f: f["role"] == "next")  # "Begin"
    page.keyboard.press("Enter")
    for _ in range(20):
        ready(page)
        kind = page.locator(".ss-page").get_attribute("data-ss-kind")
        if kind == "ending":
            break
        skip_to_content(page)
        tab_to(page, (lambda f: f["choice"]) if kind == "decision" else (lambda f: f["role"] == "next"))
        page.keyboard.press("Enter")
    assert page.locator(".ss-page").get_attribute("data-ss-kind") == "ending"
    skip_to_content(page)
    tab_to(page, lambda f: f["role"] == "restart")


def test_skip_link_puts_the_next_tab_inside_the_content(page: Page, shipped_url: str) -> None:
    page.goto(shipped_url + url_of("decision"))
    ready(page)
    skip_to_content(page)
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')"), focused(page)


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped course with instant navigation live: site_url names the test server
    (Material only navigates instantly to URLs of its own sitemap)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    course = copy_course(ROOT, tmp_path_factory.mktemp("instant") / "course")
    config = course / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("site_url: https://klantsituaties.example.org/", f"site_url: http://127.0.0.1:{port}/")
    )
    site = course / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr
    with serve(site, port) as url:
        yield url


def test_focus_moves_to_the_new_title_after_instant_navigation(page: Page, instant_url: str) -> None:
    page.goto(instant_url + url_of("decision"))
    ready(page)
    page.evaluate("window.ssSamePage = true")  # survives only an instant navigation
    skip_to_content(page)
    tab_to(page, lambda f: f["choice"])
    page.keyboard.press("Enter")
    page.locator(".ss-page[data-ss-kind='consequence'][data-ss-ready]").wait_for(state="attached")
    assert page.evaluate("window.ssSamePage === true"), "not an instant navigation"
    assert page.evaluate("document.activeElement === document.querySelector('.md-content h1')"), focused(page)


def test_no_axe_violations_on_an_ending_with_the_route_comparison(page: Page, shipped_url: str) -> None:
    """The path next to the recommended route is written by JS: check it as shown, after
    a walk of first-shown choices (some recommended, some not)."""
    from scenariosite import pipeline

    result = pipeline.load_course(ROOT / "scenarios")
    assert result.course is not None
    scenario = (
        result.course.scenarios["zweetplekken"]
        if "zweetplekken" in result.course.scenarios
        else next(iter(result.course.scenarios.values()))
    )
    page.goto(shipped_url + f"scenarios/{scenario.id}/{scenario.start_step}/")
    for _ in range(len(scenario.steps) + 1):
        ready(page)
        if page.locator(".ss-page").get_attribute("data-ss-kind") == "ending":
            break
        if page.locator(".ss-page").get_attribute("data-ss-kind") == "decision":
            page.keyboard.press("1")
            page.locator(".ss-page[data-ss-kind=consequence][data-ss-ready]").wait_for(state="attached")
        page.keyboard.press("ArrowRight")
        page.wait_for_url(lambda url: "/" not in url.split(f"/{scenario.id}/", 1)[1].rstrip("/"))
    expect(page.locator("[data-ss-path]")).to_be_visible()
    expect(page.locator(".ss-path__list > li").first).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_no_axe_violations_on_a_revealed_consequence_that_scrolls(presenter_page: Page, shipped_url: str) -> None:
    presenter_page.set_viewport_size({"width": 1280, "height": 400})  # low enough that what happens scrolls
    try:
        presenter_page.goto(shipped_url + url_of("consequence"))
        ready(presenter_page)
        presenter_page.keyboard.press("ArrowRight")
        expect(presenter_page.locator(".ss-reveal.ss-scrolls")).to_be_visible()
        violations = axe_violations(presenter_page)
        assert not violations, describe(violations)
    finally:
        presenter_page.set_viewport_size({"width": 1280, "height": 720})
