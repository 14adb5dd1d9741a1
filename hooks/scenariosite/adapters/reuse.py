"""`mkdocs serve --dirty` (what `make serve` runs): a save rebuilds only the pages it can change.

A full rebuild of the shipped course costs about a second even with every cache warm,
and a third of that is the file system: MkDocs empties the site folder, then creates
400 folders and writes 400 pages again. A dirty build keeps the folder and skips every
page whose File says it is not modified; but MkDocs judges that by file times, which
our generated pages do not have, and a page it skips leaves the nav of every other
page, the search index and the site's file list wrong. So, while serving dirty, this
module decides instead, and keeps the rest exact:

- decide (on_nav): a page is rebuilt when its Markdown (for a hand-written page, with
  the course's placeholders filled in), its URL or its edit link changed, or the layout
  every page embeds: the site's files and URLs, mkdocs.yml, the theme, and the title of
  every page (the nav and the footer links). A page not rebuilt is left on disk as
  written; its warnings were shown when it was built.
- restore (on_env): a page not rebuilt gets back its front matter, Markdown, HTML,
  table of contents and anchors, so that the nav, the footers and the anchor checks
  of the pages that are rebuilt see it as a clean build would;
- search_cache puts its search entries back in their place in the index;
- prune (on_post_build): files a clean build would not have (a removed step's page)
  are deleted, as MkDocs' cleaning would.

A test compares every served site with a clean build, byte for byte. `mkdocs build`
and a plain `mkdocs serve` use none of this.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_markdown_title
from mkdocs.utils import meta as front_matter

from ..plan import SitePlan
from .page_keys import digest

log = logging.getLogger("mkdocs.plugins.scenariosite")
Expand = Callable[[str, str], tuple[str, list[str]]]  # (Markdown, src_uri) -> (filled in, unknown placeholders)
DIRTY_WARNING = "A 'dirty' build is being performed"


@dataclass
class Kept:
    """What the other pages and the plugins read of a page that is not built again."""

    markdown: str | None
    meta: dict[str, Any]
    content: str | None
    toc: Any
    title_from_render: str | None
    anchors: set[str] | None


@dataclass
class PageReuse:
    enabled: bool = False
    kept: dict[str, tuple[str, Kept]] = field(default_factory=dict)  # src_uri -> (key, state) of the page on disk
    # Per build:
    keys: dict[str, str] = field(default_factory=dict)  # src_uri -> key of the page as this build makes it
    captured: dict[str, Kept] = field(default_factory=dict)  # pages built in this build
    skipped: set[str] = field(default_factory=set)  # src_uris of the pages not built again
    before: dict[str, int] = field(default_factory=dict)  # the site folder before this build: path -> mtime
    files: Files | None = None

    def start(self, site_dir: str) -> None:
        self.keys, self.captured, self.skipped, self.files = {}, {}, set(), None
        if self.enabled:
            self.before = _snapshot(Path(site_dir))

    def decide(
        self, files: Files, plan: SitePlan | None, generated: set[str], site_key: str, expand: Expand | None = None
    ) -> None:
        """Mark each documentation page modified or not, before MkDocs reads any.
        `expand`: a hand-written page's Markdown with the course's placeholders filled in."""
        if not self.enabled:
            return
        self.files = files
        pages = files.documentation_pages()
        layout = digest(
            site_key,
            sorted((f.src_uri, f.url) for f in files),
            [(page.src_uri, page.title) for page in plan.pages] if plan is not None else [],
            [(f.src_uri, _title_source(f)) for f in pages if f.src_uri not in generated],
        )
        for file in pages:
            markdown = _markdown(file, None if file.src_uri in generated else expand)
            unchanged = False
            if markdown is not None:  # None: MkDocs reads the page and says what is wrong with it
                key = digest(markdown, file.url, file.edit_uri, layout)
                self.keys[file.src_uri] = key
                old = self.kept.get(file.src_uri)
                unchanged = old is not None and old[0] == key and os.path.isfile(file.abs_dest_path)
            if unchanged:
                self.skipped.add(file.src_uri)
            setattr(file, "is_modified", _no if unchanged else _yes)  # noqa: B010 - this build's File only

    def restore(self, files: Files) -> None:
        """Every Page object exists by on_env: give the skipped ones their state back."""
        for src_uri in self.skipped:
            file = files.get_file_from_path(src_uri)
            page = file.page if file is not None else None
            if page is None:
                continue
            kept = self.kept[src_uri][1]
            page.markdown, page.meta, page.content, page.toc = kept.markdown, dict(kept.meta), kept.content, kept.toc
            page._title_from_render = kept.title_from_render
            page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None

    def capture(self, page: Any) -> None:
        """A page built in this build, as the theme is about to see it (after every page event)."""
        src_uri = page.file.src_uri
        if self.enabled:
            anchors = page.present_anchor_ids
            self.captured[src_uri] = Kept(
                page.markdown, dict(page.meta), page.content, page.toc, page._title_from_render,
                set(anchors) if anchors is not None else None,
            )  # fmt: skip

    def finish(self, site_dir: str) -> None:
        """The build succeeded: remember what is on disk now, and prune what a clean build would not have."""
        if not self.enabled or self.files is None:
            return
        self.kept = {
            src_uri: (key, self.captured[src_uri]) if src_uri in self.captured else self.kept[src_uri]
            for src_uri, key in self.keys.items()
            if src_uri in self.captured or src_uri in self.skipped
        }
        removed = _prune(Path(site_dir), self.before, {f.dest_uri for f in self.files})
        log.info(f"scenariosite: {len(self.captured)} page(s) rebuilt, {len(self.skipped)} kept, {removed} removed")

    def discard(self) -> None:
        """A failed build: its pages may be half written; the next build judges from disk again."""
        self.kept = {}


class DirtyWarningFilter(logging.Filter):
    """MkDocs warns that a dirty build makes navigation inaccurate; with PageReuse it is exact."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def _yes() -> bool:
    return True


def _no() -> bool:
    return False


def _markdown(file: File, expand: Expand | None) -> str | None:
    """The page's Markdown as MkDocs will convert it; None when it cannot be read, or has
    a placeholder the engine does not know (its warning comes again on every build)."""
    try:
        markdown = file.content_string
    except (OSError, ValueError):
        return None
    if expand is None:
        return markdown
    expanded, unknown = expand(markdown, file.src_uri)
    return None if unknown else expanded


def _title_source(file: File) -> tuple[Any, str | None]:
    """What a hand-written page's title comes from when mkdocs.yml gives none."""
    try:
        body, meta = front_matter.get_data(file.content_string)
    except (OSError, ValueError):
        return None, None
    return meta.get("title"), get_markdown_title(body)


def _snapshot(site: Path) -> dict[str, int]:
    found: dict[str, int] = {}
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            try:
                found[os.path.relpath(path, site).replace(os.sep, "/")] = os.stat(path).st_mtime_ns
            except OSError:
                continue
    return found


def _prune(site: Path, before: dict[str, int], expected: set[str]) -> int:
    """Delete the files this build neither made nor wrote (their time is as before it),
    and folders left empty. Dot-entries at the top stay, as MkDocs' cleaning keeps them."""
    removed = 0
    for relative, mtime in before.items():
        if relative in expected or relative.startswith("."):
            continue
        path = site / relative
        try:
            if path.stat().st_mtime_ns == mtime:
                path.unlink()
                removed += 1
        except OSError:
            continue
    if removed:
        for folder, _, _ in sorted(os.walk(site), key=lambda entry: -len(entry[0])):
            if folder != str(site) and not os.listdir(folder):
                os.rmdir(folder)
    return removed
