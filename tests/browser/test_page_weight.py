"""Page weight (issue 7): a decision page, loaded fresh in Chromium, transfers at most
90 KB gzip in total, and our own JS and CSS at most 10 KB gzip.

The test server sends files as they are, so every response body is gzipped here at
level 6 (what nginx and Apache use by default) to get what a real server transfers.
The table of every response is printed (run pytest with -s to see it).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, THEME
from shipped_pages import url_of

pytestmark = pytest.mark.browser

PAGE_BUDGET_KB = 90
OWN_BUDGET_KB = 10
MATERIAL_ASSETS = Path(__import__("material").__file__).parent / "templates"
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


@dataclass
class Transfer:
    path: str
    raw: int
    gzip: int
    own: bool


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def own_file(path: str) -> bool:
    """Shipped by this project (overrides/ or docs/), not by Material."""
    relative = path.lstrip("/")
    return not (MATERIAL_ASSETS / relative).exists() and (
        (ROOT / "hooks" / "scenariosite" / "theme" / relative).exists() or (ROOT / "docs" / relative).exists()
    )


def own_inline_scripts(html: str) -> list[str]:
    """Inline scripts from our partials: verbatim in overrides/partials, or our JSON data."""
    partials = "".join(p.read_text(encoding="utf-8") for p in (THEME / "partials").glob("*.html"))
    found = []
    for match in INLINE_SCRIPT.finditer(html):
        body = match.group("body").strip()
        if "src=" not in match.group("attrs") and body and (body in partials or 'id="ss-' in match.group("attrs")):
            found.append(body)
    return found


def load(browser: Any, url: str) -> list[Transfer]:
    """Everything a first visit transfers: a fresh context (empty cache), until the
    network is idle."""
    context = browser.new_context(viewport={"width": 412, "height": 823})  # a phone
    try:
        tab = context.new_page()
        responses: list[Any] = []
        tab.on("response", lambda response: responses.append(response))
        tab.goto(url)
        tab.wait_for_load_state("networkidle")
        transfers = []
        for response in responses:
            body = response.body() if response.status != 304 else b""
            path = urlsplit(response.url).path
            transfers.append(Transfer(path, len(body), gz(body), own_file(path) and path.endswith((".js", ".css"))))
        html = responses[0].body().decode("utf-8")
        for body in own_inline_scripts(html):
            transfers.append(Transfer("(inline, in the HTML above)", len(body), gz(body.encode()), True))
        return transfers
    finally:
        context.close()


def report(name: str, transfers: list[Transfer]) -> str:
    lines = [f"{name}:"]
    for t in transfers:
        lines.append(f"  {t.gzip / 1024:6.1f} KB gz {t.raw / 1024:7.1f} KB  {'own ' if t.own else '    '}{t.path}")
    total = sum(t.gzip for t in transfers if not t.path.startswith("(inline"))  # inline is inside the HTML
    own = sum(t.gzip for t in transfers if t.own)
    lines.append(f"  total {total / 1024:.1f} KB gzip (≤ {PAGE_BUDGET_KB}), own JS+CSS {own / 1024:.1f} KB gzip")
    return "\n".join(lines)


def totals(transfers: list[Transfer]) -> tuple[float, float]:
    total = sum(t.gzip for t in transfers if not t.path.startswith("(inline")) / 1024
    own = sum(t.gzip for t in transfers if t.own) / 1024
    return total, own


def test_decision_page_weight(browser: Any, shipped_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    measured = {kind: load(browser, shipped_url + url_of(kind)) for kind in ("decision", "home", "trainer", "overview")}
    with capsys.disabled():
        for kind, transfers in measured.items():
            print("\n" + report(f"{kind} /{url_of(kind)}", transfers))
    total, own = totals(measured["decision"])
    assert own <= OWN_BUDGET_KB, f"our own JS+CSS is {own:.1f} KB gzip"
    assert total <= PAGE_BUDGET_KB, f"a decision page transfers {total:.1f} KB gzip"
    assert not any("search_index" in t.path for t in measured["decision"]), "search index loaded before any search"


def test_the_measure_counts_what_a_page_loads(browser: Any, shipped_url: str) -> None:
    """The budgets can fail: the measure sees Material's bundle and our own script."""
    transfers = load(browser, shipped_url + url_of("decision"))
    paths = [t.path for t in transfers]
    assert any(p.startswith("/assets/javascripts/bundle.") for p in paths), paths
    assert any(t.own and t.path.endswith(".js") for t in transfers), paths
    assert totals(transfers)[0] > 50, "Material alone weighs more than this: the measure is broken"
