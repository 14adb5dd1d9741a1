"""The plugin build runs every page through a script-free Markdown extension (mdx.py):
a `javascript:` link, an `on*=` attribute or an image from another site is made
harmless as the page is built. A tree built without the plugin would keep them, so
the export refuses a page the extension would change, naming the source to fix.

Only pages whose text could hold such a thing (a URL scheme other than http(s),
mailto or tel; an image; an `on...=`) are rendered, with and without the extension;
on the shipped course that is a few dozen of its 400 pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markdown import Markdown

from ..diagnostics import Position, Report
from ..mdx import URL_ATTRIBUTES, ScriptFreeExtension

SUSPECT = re.compile(r"(?i)(?<![\w.+-])(?!(?:https?|mailto|tel):)[a-z][a-z0-9+.\-]*:(?!\s)|!\[|\bon[a-z]+\s*=")
ATTRIBUTE = re.compile(r'\s([\w:-]+)="([^"]*)"')  # attributes of the rendered HTML


def check_script_free(
    pages: Iterable[tuple[str, str, Path]], extensions: list[Any], options: dict[str, Any], report: Report
) -> None:
    """`pages`: (src_uri, Markdown, the file an author edits for it). An error for each
    page the plugin's extension would change, at the first suspect spot in its source."""
    plain = Markdown(extensions=extensions, extension_configs=options)
    safe = Markdown(extensions=[*extensions, ScriptFreeExtension()], extension_configs=options)
    reported: set[tuple[Path, Position, str]] = set()
    for src_uri, text, source in pages:
        if not SUSPECT.search(text):
            continue
        built, made_safe = plain.reset().convert(text), safe.reset().convert(text)
        if built == made_safe:
            continue
        kept = set(ATTRIBUTE.findall(made_safe))
        # What the extension removed: URLs and event handlers first (an image's alt stays as text).
        removed = sorted((a for a in ATTRIBUTE.findall(built) if a not in kept), key=_less_telling)
        position, token = _locate([html.unescape(value) for _, value in removed], source)
        if (source, position, token) in reported:  # one spot in a scenario shows on several pages
            continue
        reported.add((source, position, token))
        report.error(
            source,
            position,
            f"page {src_uri}: {token!r} is a link, image or attribute the plugin build makes harmless "
            "(a script, or a file from another site); a build without the plugin would keep it: "
            "change it in the source, or build with the plugin",
        )


def _less_telling(attribute: tuple[str, str]) -> bool:
    name = attribute[0].lower()
    return not (name in URL_ATTRIBUTES or name.startswith("on"))


def _locate(values: list[str], source: Path) -> tuple[Position, str]:
    """Where the first of these removed values stands in the source file."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for value in values:
        for number, line in enumerate(lines, start=1):
            column = line.find(value)
            if column >= 0:
                return Position(number, column + 1), value
    return Position(1, 1), values[0] if values else "?"
