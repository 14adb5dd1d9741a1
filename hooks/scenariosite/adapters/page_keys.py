"""Keys of the serve caches: a digest of everything a cached result depends on."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def digest(*parts: object) -> str:
    text = json.dumps(parts, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def toc_key(toc: Any) -> list[Any]:
    """A table of contents as plain data: each entry's title, id, level and children."""
    return [(item.title, item.id, item.level, toc_key(item.children)) for item in toc]
