"""No request leaves the site (issue 7): no fonts, CDNs or analytics. A browser walks
the shipped course, recording every request, and fails on any that is not for
127.0.0.1; a static scan of the built files backs it up for pages the walk skips."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from htmldom import parse
from playwright.sync_api import Page
from shipped_pages import url_of

pytestmark = pytest.mark.browser

INSIDE = ("http://127.0.0.1", "data:", "blob:", "about:")
# Attributes whose URL the browser fetches by itself (an <a href> is only fetched when clicked).
FETCHED = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
# <link rel=...> values that fetch; canonical and alternate only name a URL.
FETCHING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "icon", "manifest"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*(https?:)?//""", re.I)
SCRIPT_URL = re.compile(r"https?://[^\s\"'`)]+")
# URLs inside Material's JavaScript that no page of this course ever fetches, and why.
# Anything else found in a script or stylesheet of the built site fails the test.
NEVER_FETCHED = (
    # Loaded only for ```mermaid diagrams; test_no_mermaid_diagrams keeps them out.
    "https://unpkg.com/mermaid@",
    # Loaded only by browsers without ResizeObserver (before 2020), which Material
    # itself does not support.
    "https://unpkg.com/resize-observer-polyfill",
    # Repository facts, only with a GitHub or GitLab repo_url; mkdocs.yml sets none (test below).
    "https://api.github.com/",
    "https://${e}/api/v4/projects/",
    # Licence comments and error texts, never requested.
    "https://clipboardjs.com/",
    "http://lunrjs.com",
    "http://tartarus.org/",
    "https://bit.ly/2s3ChXG",
    # XML namespaces of SVG and XHTML, never requested.
    "http://www.w3.org/",
)


class RequestLog:
    """Every request a tab makes, and those that left 127.0.0.1."""

    def __init__(self, tab: Page) -> None:
        self.urls: list[str] = []
        tab.on("request", lambda request: self.urls.append(request.url))

    @property
    def outside(self) -> list[str]:
        return [url for url in self.urls if not url.startswith(INSIDE)]


def test_the_recorder_catches_a_request_to_a_cdn(browser: Any, shipped_url: str) -> None:
    """The walk below can fail: a font from Google, blocked by the resolver rule, is
    still recorded as a request that left. (Its own context: the `page` fixture would
    rightly fail this test.)"""
    context = browser.new_context()
    try:
        tab = context.new_page()
        log = RequestLog(tab)
        tab.goto(shipped_url)
        tab.evaluate("""() => { const link = document.createElement('link'); link.rel = 'stylesheet';
          link.href = 'https://fonts.googleapis.com/css?family=Roboto'; document.head.append(link); }""")
        tab.wait_for_timeout(500)
        assert log.outside == ["https://fonts.googleapis.com/css?family=Roboto"]
    finally:
        context.close()


def test_walking_the_course_requests_nothing_outside(page: Page, shipped_url: str) -> None:
    log = RequestLog(page)
    page.goto(shipped_url)  # home
    page.keyboard.press("/")  # search loads its worker and index
    page.locator("input.md-search__input").press_sequentially("klant", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.keyboard.press("Escape")

    page.goto(shipped_url + url_of("overview"))
    page.locator("article h2 a").first.click()  # a scenario, then its first choices to an ending
    page.wait_for_load_state()
    page.locator("a[data-ss-role='next']").first.click()
    for _ in range(20):
        page.wait_for_load_state()
        if page.locator(".ss-page[data-ss-kind='ending']").count():
            break
        choices = page.locator("a.ss-choice")
        (choices.first if choices.count() else page.locator("a[data-ss-role='next']").first).click()
    assert page.locator(".ss-page[data-ss-kind='ending']").count(), f"no ending reached: {page.url}"

    for kind in ("trainer", "taxonomy-index", "entry-client-types", "entry-advice-steps", "entry-reactions", "links"):
        page.goto(shipped_url + url_of(kind))
        page.wait_for_load_state("networkidle")
    for name in ("begin-hier/", "voor-trainers/", "over-deze-training/"):
        if (ROOT / "docs" / f"{name[:-1]}.md").exists():
            page.goto(shipped_url + name)
    page.wait_for_load_state("networkidle")

    assert len(log.urls) > 30, f"too few requests recorded to mean anything: {log.urls}"
    assert any("/assets/javascripts/" in url for url in log.urls), "Material's JS was not seen"
    assert not log.outside, f"requests left the site: {log.outside}"


def external_references(site: Path) -> list[str]:
    found: list[str] = []
    for path in sorted(site.rglob("*.html")):
        for element in parse(path.read_text(encoding="utf-8")).iter():
            attrs: tuple[str, ...] = FETCHED.get(element.tag, ())
            if element.tag == "link" and FETCHING_RELS & set(element.attrs.get("rel", "").split()):
                attrs = ("href",)
            for name in attrs:
                value = element.attrs.get(name, "").strip()
                if value.startswith(("http:", "https:", "//")):
                    found.append(f"{path.relative_to(site)}: <{element.tag} {name}={value}>")
            if CSS_URL.search(element.attrs.get("style", "")):
                found.append(f"{path.relative_to(site)}: style with an outside url()")
    for path in sorted([*site.rglob("*.css"), *site.rglob("*.js")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".css" and CSS_URL.search(text):
            found.append(f"{path.relative_to(site)}: url() outside the site")
        elif path.suffix == ".js" and scanned_script(path.relative_to(site).as_posix()):
            for url in sorted(set(SCRIPT_URL.findall(text))):
                if not url.startswith(NEVER_FETCHED):
                    found.append(f"{path.relative_to(site)}: names {url}")
    return found


def scanned_script(relative: str) -> bool:
    """Our own scripts and Material's main bundle. Material's search worker and its
    lunr language files are full of URLs in licence comments; they run in the worker
    with local files only, which the browser walk (a search included) checks."""
    return not relative.startswith("assets/javascripts/") or relative.startswith("assets/javascripts/bundle.")


def test_no_built_file_points_outside(shipped_site: Path) -> None:
    assert not external_references(shipped_site)


def test_no_mermaid_diagrams_and_no_repository_widget(shipped_site: Path) -> None:
    """Two conditions of NEVER_FETCHED: no page asks Material for mermaid or for GitHub."""
    for path in shipped_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in text and "md-source" not in text, path


def test_the_scan_finds_an_outside_font(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<link rel="canonical" href="https://example.org/"></head><body><a href="https://example.org/">x</a>'
        '<img src="//cdn.example.org/a.png"></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "a.css").write_text("body { background: url('https://cdn.example.org/b.png') }", encoding="utf-8")
    (tmp_path / "a.js").write_text('fetch("https://www.googletagmanager.com/gtag/js")', encoding="utf-8")
    found: Any = external_references(tmp_path)
    # the stylesheet, the image, the CSS url() and the script's URL; not the canonical or the link
    assert len(found) == 4, found
