"""Links that never break, in Chromium: an old URL forwards to the new page with and
without JavaScript, and the "Kopieer link" buttons copy the canonical URL (and stay
hidden where JavaScript is off)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import serve
from url_courses import NEW_ID, OLD_ID, locked_urls, moved_site

pytestmark = pytest.mark.browser

SITE_URL = "https://fixture.example.org/"


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    course, site = moved_site(tmp_path_factory.mktemp("moved-browser"))
    with serve(site) as url:
        yield course, url


def new_tab(browser: Any, **options: Any) -> tuple[Any, Any, list[str]]:
    """A tab in a fresh context, and the list of requests that left 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, **options)
    tab = context.new_page()
    outside: list[str] = []
    tab.on(
        "request",
        lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "about:")) else outside.append(r.url),
    )
    return context, tab, outside


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_old_url_forwards_to_its_new_page(browser: Any, moved: tuple[Path, str], javascript: bool) -> None:
    course, base = moved
    old_urls = [url for url in locked_urls(course) if url.startswith(f"scenarios/{OLD_ID}/")]
    context, tab, outside = new_tab(browser, java_script_enabled=javascript)
    try:
        for old in old_urls:
            new = old.replace(OLD_ID, NEW_ID)
            tab.goto(base + old)
            tab.wait_for_url(base + new, timeout=10_000)
            assert tab.locator("article h1").count() == 1, new
        tab.goto(base + f"scenarios/{OLD_ID}/")
        tab.wait_for_url(base + f"scenarios/{NEW_ID}/", timeout=10_000)
        assert tab.locator("article h1").inner_text() == "The returned jacket"
    finally:
        context.close()
    assert not outside, outside


@pytest.mark.parametrize("path", [f"scenarios/{NEW_ID}/", "client-types/demanding/", "advice-steps/listen/"])
def test_kopieer_link_copies_the_canonical_url(browser: Any, moved: tuple[Path, str], path: str) -> None:
    _, base = moved
    context, tab, outside = new_tab(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        tab.goto(base + path)
        button = tab.locator("article button.ss-copy")
        assert button.count() == 1
        button.wait_for(state="visible", timeout=5_000)
        assert button.inner_text() == "Copy link"
        button.click()
        tab.wait_for_function("document.querySelector('article button.ss-copy').textContent === 'Copied'")
        assert tab.evaluate("navigator.clipboard.readText()") == SITE_URL + path
        assert tab.locator("#ss-copy-status").inner_text() == "Copied"  # read out by screen readers
        tab.wait_for_function(
            "document.querySelector('article button.ss-copy').textContent === 'Copy link'", timeout=5_000
        )
    finally:
        context.close()
    assert not outside, outside


def test_every_entry_on_the_links_page_copies_its_own_url(browser: Any, moved: tuple[Path, str]) -> None:
    _, base = moved
    context, tab, outside = new_tab(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        tab.goto(base + "links/")
        items = tab.locator("article li")
        assert items.count() > 5
        for i in range(items.count()):
            item = items.nth(i)
            url = item.locator("code.ss-url").inner_text()
            item.locator("button.ss-copy").click()
            assert tab.evaluate("navigator.clipboard.readText()") == url
    finally:
        context.close()
    assert not outside, outside


@pytest.mark.parametrize("path", [f"scenarios/{NEW_ID}/", "links/"])
def test_without_javascript_copy_buttons_stay_hidden_and_urls_stay_readable(
    browser: Any, moved: tuple[Path, str], path: str
) -> None:
    _, base = moved
    context, tab, _ = new_tab(browser, java_script_enabled=False)
    try:
        tab.goto(base + path)
        buttons = tab.locator("button.ss-copy")
        assert buttons.count() >= 1
        for i in range(buttons.count()):
            assert not buttons.nth(i).is_visible()
        if path == "links/":
            assert tab.locator("code.ss-url").first.is_visible()
            assert tab.locator("code.ss-url").first.inner_text().startswith(SITE_URL)
    finally:
        context.close()


def test_copy_buttons_appear_after_instant_navigation(page: Any, shipped_url: str) -> None:
    """The shipped site uses Material's instant navigation: pages arrive without a
    reload, and the script must still show the buttons on each one."""
    page.goto(shipped_url + "links/")
    page.locator("article button.ss-copy").first.wait_for(state="visible", timeout=5_000)
    hidden = page.locator("article button.ss-copy[hidden]").count()
    assert hidden == 0
    page.locator("article li a").first.click()  # a scenario page, loaded by instant navigation
    page.wait_for_url("**/scenarios/**")
    page.locator("article button.ss-copy").wait_for(state="visible", timeout=5_000)
