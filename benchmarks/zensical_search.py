"""Search quality of a Zensical build of the export: every query of
tests/search/queries.yaml typed into Zensical's own search box in Chromium, and where
the page it must find comes in the results (pages in the order they first appear).
Prints top-1, top-3 and mean reciprocal rank, as scripts/search-quality does for
Material's search (our worker). A figure for EXPORT.md, not a gate.

    scenariosite export --out build/export && (cd build/export && zensical build)
    .venv/bin/python benchmarks/zensical_search.py build/export/site
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

SHOWN = 10  # as scripts/search-quality: further down counts as not found


def pages_of(hrefs: list[str], base: str) -> list[str]:
    pages: list[str] = []
    for href in hrefs:
        path = urlsplit(href).path.removeprefix(urlsplit(base).path)
        if path not in pages:
            pages.append(path)
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--wait", type=int, default=1000, help="ms to wait for the results of each query")
    args = parser.parse_args()
    cases = yaml.safe_load((ROOT / "tests" / "search" / "queries.yaml").read_text(encoding="utf-8"))
    from playwright.sync_api import sync_playwright

    ranks: list[int | None] = []
    with serve(args.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.goto(base)
        tab.locator(".md-search__button").click()
        box = tab.get_by_role("combobox")
        for case in cases:
            find = case["find"] if isinstance(case["find"], list) else [case["find"]]
            box.fill(case["query"])
            tab.wait_for_timeout(args.wait)  # Zensical searches as you type, after a short pause
            hrefs = tab.get_by_role("option").evaluate_all("links => links.map(a => a.href)")
            pages = pages_of(hrefs, base)[:SHOWN]
            rank = next((i for i, page in enumerate(pages, start=1) if page in find), None)
            ranks.append(rank)
            if args.verbose or rank != 1:
                print(f"rank {rank or '-':>2}  {case['query']!r}  → {', '.join(pages[:3])}")
        browser.close()
    n = len(ranks)
    top1 = sum(r == 1 for r in ranks) / n
    top3 = sum(r is not None and r <= 3 for r in ranks) / n
    mrr = sum(1 / r for r in ranks if r) / n
    print(f"zensical search: {n} queries, top-1 {top1:.0%}, top-3 {top3:.0%}, MRR {mrr:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
