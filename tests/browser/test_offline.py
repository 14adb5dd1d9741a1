"""The offline package (`make offline`): unzipped and opened from file:// in Chromium
with the network switched off, the course works, search included (issue 7)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, run
from playwright.sync_api import expect
from scenariosite.strings import ui_strings

pytestmark = [pytest.mark.browser, pytest.mark.build]

ALLOWED_SCHEMES = ("file://", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def offline_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("offline")
    package = work / "course.zip"
    result = run(ROOT / "scripts" / "offline-package", package)
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(package) as archive:
        archive.extractall(work / "unzipped")
    (root,) = (work / "unzipped").iterdir()  # one top folder, so unzipping makes no mess
    return root


@pytest.fixture
def offline_page(browser: object) -> Iterator[object]:
    """A context with networking switched off that records every request, failed
    loads (a file missing from the package) and script errors."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.requests, tab.failed, tab.errors = [], [], []
    tab.on("request", lambda request: tab.requests.append(request.url))
    # A load cut short by the next navigation (net::ERR_ABORTED) is no missing file.
    tab.on("requestfailed", lambda r: None if "ABORTED" in (r.failure or "") else tab.failed.append(r.url))
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    yield tab
    context.close()


def assert_stayed_inside(tab: object) -> None:
    outside = [url for url in tab.requests if not url.startswith(ALLOWED_SCHEMES)]
    assert tab.requests, "no requests recorded: the recorder is not working"
    assert not outside, f"requests left the package: {outside}"
    assert not tab.failed, f"files missing from the package: {tab.failed}"
    assert not tab.errors, f"script errors: {tab.errors}"


def test_package_has_no_cdn_reference(offline_root: Path) -> None:
    """The shim is vendored: no page names unpkg.com (Material's default) or any CDN."""
    shim = offline_root / "assets" / "javascripts" / "iframe-worker-shim.js"
    assert shim.read_bytes() == (ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js").read_bytes()
    assert (offline_root / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index =")
    index = (offline_root / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in index
    for html in offline_root.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "cdn.jsdelivr" not in text, html


def test_search_works_from_file(offline_page: object, offline_root: Path) -> None:
    tab = offline_page
    tab.goto((offline_root / "index.html").as_uri())
    tab.keyboard.press("/")
    # A whole thought: our search worker, its stemmer loaded through the iframe shim.
    tab.locator("input.md-search__input").press_sequentially("boze klant aan de balie", delay=30)
    results = tab.locator(".md-search-result__item a")
    scenario = re.compile(r"scenarios/boos-aan-de-balie/index\.html")
    expect(results.first).to_have_attribute("href", scenario, timeout=15_000)
    results.first.click()
    tab.wait_for_load_state()
    assert tab.url.startswith("file://") and ".html" in tab.url
    assert_stayed_inside(tab)


def test_navigation_works_from_file(offline_page: object, offline_root: Path) -> None:
    """Nav links and a scenario's choices lead to real files (no folder URLs)."""
    tab = offline_page
    tab.goto((offline_root / "index.html").as_uri())
    tab.locator(".md-nav--primary a.md-nav__link[href$='scenarios/index.html']").first.click()
    tab.wait_for_load_state()
    assert tab.url.endswith("/scenarios/index.html")
    tab.locator("article h2 a").first.click()  # a scenario from the overview
    tab.wait_for_load_state()
    start = tab.url
    tab.locator("a[data-ss-role='next']").first.click()  # begin
    tab.wait_for_load_state()
    for _ in range(12):  # follow the first choice until an ending
        if tab.locator(".ss-page[data-ss-kind='ending']").count():
            break
        choice = tab.locator("a.ss-choice")
        if choice.count():
            choice.first.click()
        else:
            tab.locator("a[data-ss-role='next']").first.click()
        tab.wait_for_load_state()
        assert tab.url.endswith(".html"), tab.url
    assert tab.locator(".ss-page[data-ss-kind='ending']").count(), f"no ending reached from {start}"
    assert_stayed_inside(tab)


def test_progress_and_presenter_mode_work_from_file(offline_page: object, offline_root: Path) -> None:
    """localStorage on file://: an ending reached shows on the overview, and presenter
    mode, switched on with its key, stays on from page to page."""
    tab = offline_page
    tab.goto((offline_root / "scenarios" / "index.html").as_uri())
    tab.locator("article h2 a").first.click()
    tab.wait_for_load_state()
    scenario = tab.locator(".ss-page").get_attribute("data-ss-scenario")
    endings = tab.locator(".ss-page").get_attribute("data-ss-endings")
    tab.keyboard.press("ArrowRight")  # begin
    for _ in range(20):
        tab.wait_for_load_state()
        tab.locator(".ss-page[data-ss-ready]").wait_for(state="attached")
        kind = tab.locator(".ss-page").get_attribute("data-ss-kind")
        if kind == "ending":
            break
        tab.keyboard.press("1" if kind == "decision" else "ArrowRight")
    assert tab.locator(".ss-page").get_attribute("data-ss-kind") == "ending"

    tab.keyboard.press("b")
    expect(tab.locator("html")).to_have_attribute("data-ss-presenter", "")
    expect(tab.locator(".md-sidebar--primary")).to_be_hidden()
    tab.goto((offline_root / "scenarios" / "index.html").as_uri())
    line = tab.locator(f'[data-ss-progress-line="{scenario}"]')
    expect(line).to_contain_text(ui_strings("nl")["endings_found"].format(found=1, total=endings))
    expect(tab.locator("html")).to_have_attribute("data-ss-presenter", "")  # remembered
    expect(tab.locator(".md-sidebar--primary")).to_be_hidden()
    assert_stayed_inside(tab)
