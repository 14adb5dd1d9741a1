"""Keys of the serve caches (a digest of everything a cached result depends on), and the
anchor state of a page they keep."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import Files

from ..fingerprint import digest

__all__ = ["Anchors", "digest", "restore_anchors", "save_anchors", "toc_key"]


def toc_key(toc: Any) -> list[Any]:
    """A table of contents as plain data: each entry's title, id, level and children."""
    return [(item.title, item.id, item.level, toc_key(item.children)) for item in toc]


Anchors = tuple[set[str] | None, dict[str, dict[str, str]] | None]  # present ids; target src_uri -> anchor -> link


def save_anchors(page: Any) -> Anchors:
    """What MkDocs' anchor check reads of a page, kept apart from this build's objects."""
    present, links = page.present_anchor_ids, page.links_to_anchors
    return (
        set(present) if present is not None else None,
        {target.src_uri: dict(found) for target, found in links.items()} if links is not None else None,
    )


def restore_anchors(page: Any, anchors: Anchors, files: Files) -> None:
    """Give a page not converted in this build its anchors and links to anchors back."""
    present, links = anchors
    page.present_anchor_ids = set(present) if present is not None else None
    if links is not None:
        page.links_to_anchors = {
            target: dict(found) for uri, found in links.items() if (target := files.get_file_from_path(uri)) is not None
        }
