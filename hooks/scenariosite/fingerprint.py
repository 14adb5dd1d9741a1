"""One digest for the caches that live while `mkdocs serve` runs: of everything a
cached result depends on, as JSON (anything else by its str())."""

from __future__ import annotations

import hashlib
import json


def digest(*parts: object) -> str:
    text = json.dumps(parts, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
