"""The shipped course exported and built by Zensical 0.0.73 (tests/builders.py), in
Chromium: a decision page, presenter mode, the keys, Zensical's own search (in a
shadow DOM) finding a scenario, letters typed there staying text, and no request
outside the site (the `page` fixture fails on any, and on any script error)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import serve
from playwright.sync_api import Page, expect
from scenariosite.plan import Page as PlannedPage
from shipped_pages import page_of_each_kind
from test_privacy import RequestLog

pytestmark = [pytest.mark.browser, pytest.mark.builders]

# Zensical's search: a button in the header opens a dialog in a shadow root at the
# end of the page, whose text field is a combobox (Playwright's locators pierce open
# shadow roots).
SEARCH_BUTTON = ".md-search__button"


@pytest.fixture(scope="module")
def zensical_url(zensical_site: Path) -> Iterator[str]:
    with serve(zensical_site) as url:
        yield url


def presenting(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.hasAttribute('data-ss-presenter')"))


def test_a_decision_page_renders_with_its_choices_and_toolbar(page: Page, zensical_url: str) -> None:
    decision = page_of_each_kind()["decision"]
    page.goto(zensical_url + decision.url)
    expect(page.locator("h1").first).to_be_visible()
    assert page.locator("a.ss-choice").count() >= 2
    expect(page.locator(".ss-toolbar")).to_be_visible()  # our JS ran: it unhides the toolbar
    assert page.evaluate("document.documentElement.dataset.ssKind") == "decision"


def test_presenter_mode_and_the_number_keys(page: Page, zensical_url: str) -> None:
    decision = page_of_each_kind()["decision"]
    page.goto(zensical_url + decision.url)
    assert not presenting(page)
    page.keyboard.press("b")
    assert presenting(page)
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    page.keyboard.press("b")
    assert not presenting(page)
    href = page.locator("a.ss-choice").nth(1).get_attribute("href")
    assert href
    target = urljoin(page.url, href)
    page.keyboard.press("2")
    page.wait_for_url(target)
    page.wait_for_function("document.documentElement.dataset.ssKind === 'consequence'")


def first_scenario() -> PlannedPage:
    return next(p for p in page_of_each_kind().values() if p.kind == "scenario")


def test_zensical_search_finds_a_scenario_and_keeps_its_letters(page: Page, zensical_url: str) -> None:
    """Typing "b" into the search box (inside a shadow DOM) is text: presenter mode
    stays off and the letter stays in the box. Then the scenario's title finds it."""
    scenario = first_scenario()
    page.goto(zensical_url)
    page.locator(SEARCH_BUTTON).click()
    box = page.get_by_role("combobox")
    expect(box).to_be_focused()
    box.press_sequentially("b", delay=15)
    assert not presenting(page)
    expect(box).to_have_value("b")
    box.fill("")
    box.press_sequentially(html.unescape(scenario.title), delay=10)
    result = page.get_by_role("option").filter(has_text=html.unescape(scenario.title)).first
    expect(result).to_be_visible()
    expect(result).to_have_attribute("href", re.compile(re.escape(scenario.url)))


def test_no_request_leaves_the_site(page: Page, zensical_url: str) -> None:
    """A page of each kind, and a search: every request goes to 127.0.0.1."""
    log = RequestLog(page)
    for planned in page_of_each_kind().values():
        page.goto(zensical_url + planned.url)
        page.wait_for_load_state("networkidle")
    page.locator(SEARCH_BUTTON).click()
    page.get_by_role("combobox").press_sequentially("klant", delay=15)
    expect(page.get_by_role("option").first).to_be_visible()
    assert len(log.urls) > 20 and not log.outside, log.outside
