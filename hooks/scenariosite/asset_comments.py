"""Our theme's JS and CSS are written with comments that explain why; the site ships
them without. Every decision page loads both, and the comments were a third of their
gzip weight (the page budget keeps our own JS+CSS within 10 KB gzip).

Deliberately narrow, for our own files only: `/* ... */` blocks, and `//` line
comments that start a line or follow code after whitespace. Our files hold no `//`
or `/*` inside a string or a regular expression; the browser tests run the stripped
files, so a slip would show there."""

from __future__ import annotations

import re
from pathlib import Path

BLOCK = re.compile(r"/\*.*?\*/", re.DOTALL)
LINE = re.compile(r"(?m)(^|\s)//\s.*$")
BLANK_LINES = re.compile(r"\n\s*\n+")
OWN_ASSETS = ("assets/scenariosite.js", "assets/scenariosite.css", "assets/ss-links.js", "assets/ss-links.css")


def strip_comments(text: str, *, javascript: bool) -> str:
    text = BLOCK.sub("", text)
    if javascript:
        text = LINE.sub(r"\1", text)
    lines = [line.rstrip() for line in text.splitlines()]
    return BLANK_LINES.sub("\n", "\n".join(lines)).strip() + "\n"


def shipped(name: str, text: str) -> str:
    """What the site ships of one of our theme files (`name` relative to the theme)."""
    return strip_comments(text, javascript=name.endswith(".js")) if name in OWN_ASSETS else text


def strip_site_assets(site_dir: Path) -> None:
    for name in OWN_ASSETS:
        path = site_dir / name
        if path.is_file():
            path.write_text(shipped(name, path.read_text(encoding="utf-8")), encoding="utf-8")
