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
  every page embeds: the site's files and URLs, the settings, the theme, the title and
  front matter of every generated page (Material's nav shows a page's icon, subtitle
  and status) and the whole of every hand-written page (its title may come from
  anywhere in it; an edit there rebuilds everything). Drafts count, as serve builds
  them. A page not rebuilt is left on disk as written; its warnings were shown when it
  was built.
- restore (on_env): a page not rebuilt gets back its front matter, Markdown, HTML,
  table of contents, anchors and links to anchors, so that the nav, the footers and
  MkDocs' anchor checks see it as a clean build would;
- search_cache puts its search entries back in their place in the index;
- finish (on_post_build): the files of the previous build that this one does not have
  (a removed step's page) are deleted, as MkDocs' cleaning would.

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

from mkdocs.structure.files import File, Files, InclusionLevel

from ..plan import SitePlan
from .page_keys import Anchors, digest, restore_anchors, save_anchors

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
    anchors: Anchors  # for MkDocs' anchor check


@dataclass
class PageReuse:
    enabled: bool = False
    kept: dict[str, tuple[str, Kept]] = field(default_factory=dict)  # src_uri -> (key, state) of the page on disk
    published: set[str] = field(default_factory=set)  # dest_uris of the files of the last build
    # Per build:
    keys: dict[str, str] = field(default_factory=dict)  # src_uri -> key of the page as this build makes it
    captured: dict[str, Kept] = field(default_factory=dict)  # pages built in this build
    skipped: set[str] = field(default_factory=set)  # src_uris of the pages not built again
    files: Files | None = None

    def start(self) -> None:
        self.keys, self.captured, self.skipped, self.files = {}, {}, set(), None

    def decide(
        self, files: Files, plan: SitePlan | None, generated: set[str], site_key: str, expand: Expand | None = None
    ) -> None:
        """Mark each page modified or not, before MkDocs reads any. `expand`: a
        hand-written page's Markdown with the course's placeholders filled in."""
        if not self.enabled:
            return
        self.files = files
        pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)  # drafts too, as serve builds them
        markdown = {f.src_uri: _markdown(f, None if f.src_uri in generated else expand) for f in pages}
        layout = digest(
            site_key,
            sorted((f.src_uri, f.url, f.inclusion.name) for f in files),
            [(page.src_uri, page.title) for page in plan.pages] if plan is not None else [],
            # Material's nav shows other pages' front matter too (icon, subtitle, status);
            # a hand-written page's title may come from anywhere in it: the whole page.
            sorted((uri, _front_matter(text) if uri in generated else text) for uri, text in markdown.items()),
        )
        for file in pages:
            text = markdown[file.src_uri]
            unchanged = False
            if text is not None:  # None: MkDocs reads the page and says what is wrong with it
                key = digest(text, file.url, file.edit_uri, layout)
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
            restore_anchors(page, kept.anchors, files)

    def capture(self, page: Any) -> None:
        """A page built in this build, as the theme is about to see it (after every page event)."""
        if not self.enabled:
            return
        self.captured[page.file.src_uri] = Kept(
            page.markdown, dict(page.meta), page.content, page.toc, page._title_from_render, save_anchors(page)
        )

    def finish(self, site_dir: str, static_templates: set[str]) -> None:
        """The build succeeded: remember what is on disk now, and delete the files of the
        last build that this one does not have, as MkDocs' cleaning would. The theme's
        static templates (404.html, sitemap.xml) are written afresh by every build."""
        if not self.enabled or self.files is None:
            return
        self.kept = {
            src_uri: (key, self.captured[src_uri]) if src_uri in self.captured else self.kept[src_uri]
            for src_uri, key in self.keys.items()
            if src_uri in self.captured or src_uri in self.skipped
        }
        current = _served(self.files)
        removed = _remove(Path(site_dir), self.published - current - static_templates)
        self.published = current
        log.info(f"scenariosite: {len(self.captured)} page(s) rebuilt, {len(self.skipped)} kept, {removed} removed")

    def discard(self) -> None:
        """A failed build: its pages may be half written; the next build judges every page
        again and may remove what either build had."""
        self.kept = {}
        if self.files is not None:
            self.published |= _served(self.files)


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


def _front_matter(markdown: str | None) -> str | None:
    """The YAML block a generated page starts with, as text (no need to parse it for a key)."""
    if markdown is None or not markdown.startswith("---\n"):
        return None
    end = markdown.find("\n---\n", 3)
    return markdown[: end + 5] if end >= 0 else None


def _served(files: Files) -> set[str]:
    """Where the files a serve build writes go (MkDocs skips excluded ones)."""
    return {f.dest_uri for f in files if f.inclusion.is_in_serve()}  # type: ignore[no-untyped-call]


def _remove(site: Path, stale: set[str]) -> int:
    """Delete these files of the site, and the folders they leave empty."""
    removed = 0
    for relative in sorted(stale):
        path = site / relative
        try:
            path.unlink()
        except OSError:
            continue
        removed += 1
        folder = path.parent
        while folder != site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed
