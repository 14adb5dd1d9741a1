"""Serve: a page that MkDocs builds again costs little when it did not change.

Under plain `mkdocs serve` every save rebuilds every page; under `--dirty`, reuse.py
skips the pages a save cannot change, but a change to the nav (a title) still rebuilds
them all. A profile of such a rebuild of the shipped course (403 pages) shows about
55 % rendering the theme around each page (mostly the nav, which every page embeds) and
35 % converting each page's Markdown. So, while serving (the plugin object lives across
rebuilds because it defines on_startup), two caches keyed by everything the result
depends on:

- a page's Markdown conversion, keyed by its Markdown, its URL, the URLs of every file
  of the site (relative links and their warnings) and the Markdown settings: the
  page's `render` is replaced for the build by one that restores the result;
- a page's theme output, keyed by its content, title, meta, table of contents, its
  neighbours, the whole nav with every title, and the settings and theme files: the
  page is then rendered with a one-line template that returns the cached HTML. The
  plugins still see every event (search_cache.py keeps the search entries), so the
  output equals a clean build's, which a test checks.

A change to the URL set, to mkdocs.yml or the theme changes every key: a full build, as
before. `mkdocs build` uses none of this.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .page_keys import Anchors, digest, restore_anchors, save_anchors, toc_key
from .theme_env import installed

CACHED_TEMPLATE = "ss-cached-page.html"
OBJECT_AT = re.compile(r" object at 0x[0-9a-f]+")
CACHED_OUTPUT = "ss_cached_output"


@dataclass
class Rendered:
    key: str
    content: str
    toc: Any
    title: str | None
    anchors: Anchors


@dataclass
class Incremental:
    enabled: bool = False
    markdown: dict[str, Rendered] = field(default_factory=dict)  # src_uri -> conversion
    output: dict[str, tuple[str, str]] = field(default_factory=dict)  # src_uri -> (key, theme output)
    # Per build:
    files_key: str = ""
    site_key: str = ""
    nav: Navigation | None = None
    nav_digest: str = ""
    pending: dict[str, str] = field(default_factory=dict)  # src_uri -> output key, until on_post_page
    hits: dict[str, str] = field(default_factory=dict)  # src_uri -> cached output, this build
    rendered: int = 0  # Markdown conversions done in this build (the rest came from the cache)
    themed: int = 0  # theme renders done in this build

    def start(self) -> None:
        self.rendered = self.themed = 0
        self.pending = {}
        self.hits = {}
        self.nav = None
        self.nav_digest = ""
        self.site_key = ""

    def settle(self, config: MkDocsConfig) -> None:
        """on_pre_build, once every plugin has set up the config (ours adds the UI texts to `extra`)."""
        if self.enabled:
            self.site_key = digest(_settings(config), _theme_files(config))

    def navigation(self, nav: Navigation, files: Files) -> None:
        if self.enabled:
            self.nav = nav
            self.files_key = digest(sorted((f.src_uri, f.url) for f in files))

    def markdown_ready(self, page: Page, markdown: str, config: MkDocsConfig) -> None:
        """Called once the page's Markdown is final: restore its conversion when cached."""
        if not self.enabled:
            return
        extensions = [e if isinstance(e, str) else type(e).__qualname__ for e in config.markdown_extensions]
        key = digest(page.url, markdown, self.files_key, extensions, config.mdx_configs, self.site_key)
        cache = self.markdown
        src_uri = page.file.src_uri

        def render(config: MkDocsConfig, files: Files) -> None:
            hit = cache.get(src_uri)
            if hit is not None and hit.key == key:
                page.content, page.toc, page._title_from_render = hit.content, hit.toc, hit.title
                restore_anchors(page, hit.anchors, files)
                return
            Page.render(page, config, files)
            self.rendered += 1
            cache[src_uri] = Rendered(key, page.content or "", page.toc, page._title_from_render, save_anchors(page))

        setattr(page, "render", render)  # noqa: B010 - this page object only, for this build

    def environment(self, env: jinja2.Environment, files: Files, skip: set[str]) -> None:
        """After every page is read and converted, before any is themed: MkDocs picks a
        page's template before on_page_context, so the cached ones are chosen here."""
        if not self.enabled:
            return
        assert env.loader is not None
        cached = jinja2.DictLoader({CACHED_TEMPLATE: "{{ " + CACHED_OUTPUT + " }}"})
        env.loader = jinja2.ChoiceLoader([cached, env.loader])
        self.hits = {}
        for file in files.documentation_pages():
            page = file.page
            if page is None or file.src_uri in skip:  # not built again (reuse.py)
                continue
            key = self.output_key(page)
            hit = self.output.get(file.src_uri)
            if hit is not None and hit[0] == key:
                page.meta["template"] = CACHED_TEMPLATE
                self.hits[file.src_uri] = hit[1]
            else:
                self.pending[file.src_uri] = key

    def output_key(self, page: Page) -> str:
        return digest(
            page.url,
            page.content,
            page.title,
            page.meta,
            toc_key(page.toc),
            page.canonical_url,
            page.edit_url,
            [(p.url, p.title) if p else None for p in (page.previous_page, page.next_page)],
            self.nav_key(),
            self.files_key,
            self.site_key,
        )

    def context(self, context: Any, page: Page) -> Any:
        """Hand the cached output to the one-line template chosen in environment()."""
        output = self.hits.get(page.file.src_uri)
        if output is not None:
            context[CACHED_OUTPUT] = Markup(output)
        elif page.file.src_uri in self.pending:
            self.themed += 1
        return context

    def post_page(self, output: str, page: Page) -> None:
        """First of the post_page handlers: keep the theme's output as it came."""
        key = self.pending.pop(page.file.src_uri, None)
        if key is not None:
            self.output[page.file.src_uri] = (key, output)

    def nav_key(self) -> str:
        """Every nav entry with its title and URL: each page embeds the whole nav."""
        nav = self.nav
        if nav is None:
            return ""
        if not self.nav_digest:  # once per build, after every page has its title
            self.nav_digest = digest(_nav_items(nav.items))
        return self.nav_digest


def _nav_items(items: list[Any]) -> list[Any]:
    """Each nav entry: its kind, title, URL and front matter (Material's nav shows a
    page's icon, subtitle and status), and its children."""
    return [
        (
            type(item).__name__,
            item.title,
            getattr(item, "url", None),
            {key: value for key, value in (getattr(item, "meta", None) or {}).items() if key != "template"},
            _nav_items(item.children or []),
        )
        for item in items
    ]


def _settings(config: MkDocsConfig) -> str:
    """Every setting as loaded (INHERIT and !ENV included) and as the plugins left it;
    objects without a value of their own (a Markdown extension) by their type."""
    settings = {key: value for key, value in config.items() if key != "plugins"}
    return json.dumps(settings, sort_keys=True, default=lambda value: OBJECT_AT.sub("", str(value)))


def _theme_files(config: MkDocsConfig) -> list[tuple[str, int, int]]:
    """The theme folders a course may edit (not the installed theme's own)."""
    found = []
    for folder in config.theme.dirs:
        if installed(folder):
            continue
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                stat = path.stat()
                found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return found
