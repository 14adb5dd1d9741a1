"""Keys of the serve caches: a digest of everything a cached result depends on."""

from __future__ import annotations

from typing import Any

from ..fingerprint import digest

__all__ = ["digest", "toc_key"]


def toc_key(toc: Any) -> list[Any]:
    """A table of contents as plain data: each entry's title, id, level and children."""
    return [(item.title, item.id, item.level, toc_key(item.children)) for item in toc]
