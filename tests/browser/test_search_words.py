"""A new hire searches with their own everyday words; Material's Dutch search does no
stemming, so titles, summaries and keywords must carry these words (issue 3)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# query -> pages (URL endings) about exactly that; one of them must be among the
# first five distinct pages of the results
EVERYDAY_QUERIES = {
    "jurk terugbrengen": ("scenarios/zweetplekken/",),
    "korting verlopen": ("scenarios/verlopen-actie/",),
    "boze klant": ("scenarios/boos-aan-de-balie/", "klanttypes/boos-aan-de-balie/"),
    "klant neemt niet op": (
        "scenarios/nooit-bereikbaar/",
        "scenarios/alles-is-spoed/",  # its client also cannot be reached
        "klanttypes/onbereikbaar/",
    ),
    "schade deels vergoed": ("scenarios/schade-deels-vergoed/",),
    "excuses": ("scenarios/excuus-val/", "klanttypes/excuses-trekker/"),
    "collega": ("scenarios/neem-jij-hem-maar/",),
}


@pytest.mark.parametrize("query,expected", EVERYDAY_QUERIES.items())
def test_everyday_words_find_the_scenario(page, shipped_url: str, query: str, expected: tuple[str, ...]) -> None:
    page.goto(shipped_url)
    page.keyboard.press("/")
    field = page.locator("input.md-search__input")
    field.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    pages: list[str] = []  # distinct pages in result order (Material also lists sections of a page)
    for i in range(results.count()):
        href = (results.nth(i).get_attribute("href") or "").split("?")[0].split("#")[0]
        if href not in pages:
            pages.append(href)
    assert any(href.endswith(expected) for href in pages[:5]), f"{query!r} → {pages[:10]}"
