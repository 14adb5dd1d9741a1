"""Serve: the search index keeps the entries of every page that did not change.

Material's search plugin parses the HTML of every page on every build to cut it into
sections: a sixth of a rebuild that changes one page. While serving, its index is
wrapped:

- `add_entry_from_context`: a page whose entries depend on nothing that changed (URL,
  content, table of contents, title, and the front matter the plugin reads) gets its
  previous entries back; any other page is indexed as before;
- pages that a dirty build does not build again (reuse.py) never reach the plugin:
  their entries are put back at their place in the site's page order, as a page is
  indexed and when the index is written (`generate_search_index`). The plugin's own
  merge for dirty builds is left out: it assumes one changed page.

So search_index.json is the same as a clean build's, which a test checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel

from .page_keys import digest, toc_key

Entries = list[dict[str, Any]]


class SearchEntries:
    def __init__(self) -> None:
        self.cache: dict[str, tuple[str, Entries]] = {}  # page URL -> (key, its entries)
        self.waiting: list[tuple[int, str]] = []  # (position, URL) of pages not built again, in page order
        self.position: dict[str, int] = {}  # URL -> position in the site's page order

    def install(self, config: MkDocsConfig) -> None:
        """After every plugin's on_config: the search plugin makes a new index in its own."""
        self.waiting, self.position = [], {}
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            add = getattr(index, "add_entry_from_context", None)
            generate = getattr(index, "generate_search_index", None)
            if add is None or generate is None or not isinstance(getattr(index, "entries", None), list):
                continue
            setattr(index, "add_entry_from_context", self._cached(index, add))  # noqa: B010 - this build's index only
            setattr(index, "generate_search_index", self._completed(index, generate))  # noqa: B010

    def keep(self, files: Files, skipped: set[str]) -> None:
        """on_env: the pages of this build in MkDocs' order, and those it will not build."""
        serve = InclusionLevel.is_in_serve  # the pages a serve build builds, drafts too
        pages = [f.page for f in files.documentation_pages(inclusion=serve) if f.page is not None]
        self.position = {page.url: number for number, page in enumerate(pages)}
        self.waiting = [(number, page.url) for number, page in enumerate(pages) if page.file.src_uri in skipped]

    def _put_back(self, index: Any, before: int | None) -> None:
        """The entries of the waiting pages that come before position `before` (None: all)."""
        while self.waiting and (before is None or self.waiting[0][0] < before):
            _, url = self.waiting.pop(0)
            hit = self.cache.get(url)
            if hit is not None:
                index.entries.extend(dict(entry) for entry in hit[1])

    def _cached(self, index: Any, add: Callable[[Any], None]) -> Callable[[Any], None]:
        def add_entry_from_context(page: Any) -> None:
            self._put_back(index, self.position.get(page.url, 0))
            meta = page.meta
            key = digest(page.content, toc_key(page.toc), page.title,
                         [meta.get(name) for name in ("title", "tags", "search")])  # fmt: skip
            hit = self.cache.get(page.url)
            if hit is not None and hit[0] == key:
                index.entries.extend(dict(entry) for entry in hit[1])
                return
            first = len(index.entries)
            add(page)
            self.cache[page.url] = (key, [dict(entry) for entry in index.entries[first:]])

        return add_entry_from_context

    def _completed(self, index: Any, generate: Callable[[Any], str]) -> Callable[[Any], str]:
        def generate_search_index(prev: Any) -> str:
            self._put_back(index, None)
            return generate(None)

        return generate_search_index
