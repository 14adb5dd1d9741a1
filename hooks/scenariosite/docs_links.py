"""Links in the hand-written pages (`docs/*.md`) to pages the site no longer has.

After a scenario is renamed and its old URLs redirected, `docs/` may still link to
`scenarios/old/index.md`: MkDocs warns about it only while building (and a strict
build fails), so `check` looks first. A relative link is resolved the way MkDocs
resolves it (against the page's own folder, to a source file) and must name a file of
the site: a hand-written file in docs/ or a generated one. External links, absolute
links and links to an anchor of the same page are not checked here.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .diagnostics import Position, Report
from .published.paths import page_url

# [text](target "title") and ![alt](target); the target may sit in <...>.
INLINE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*(?:<([^>\n]*)>|([^)\s]+))")
# [label]: target   (a reference definition, at most 3 spaces in)
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(?:<([^>\n]*)>|(\S+))")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def docs_files(docs_dir: Path) -> dict[str, Path]:
    """src_uri -> path of every file MkDocs takes from docs/ (it skips dot-names)."""
    if not docs_dir.is_dir():
        return {}
    found = {}
    for path in docs_dir.rglob("*"):
        relative = path.relative_to(docs_dir)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found[relative.as_posix()] = path
    return found


def links(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, target) of each Markdown link outside code."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "[", "!")):
            continue  # an indented code block (or a continued paragraph: rarely a link)
        visible = CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        for pattern in (INLINE, REFERENCE):
            for match in pattern.finditer(visible):
                group = 1 if match.group(1) is not None else 2
                yield number, match.start(group) + 1, match.group(group)


def check_docs_links(docs_dir: Path, generated: Iterable[str], redirects: dict[str, str], report: Report) -> None:
    """Report links from docs/ pages to files the site does not have. `redirects`
    (old URL -> live URL) names where a moved page went."""
    files = docs_files(docs_dir)
    generated = set(generated)
    known = set(files) | generated | {old + "index.html" for old in redirects}
    sources = {page_url(uri): uri for uri in generated | set(files) if uri.endswith(".md")}
    for src_uri, path in sorted(files.items()):
        if not src_uri.endswith(".md"):
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports an unreadable page itself
        for line, column, target in links(text):
            split = urlsplit(target)
            if split.scheme or split.netloc or target.startswith(("/", "\\")) or not split.path:
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(split.path)))
            if resolved in known:
                continue
            report.warning(path, Position(line, column), _message(target, resolved, src_uri, redirects, sources))


def _message(target: str, resolved: str, src_uri: str, redirects: dict[str, str], sources: dict[str, str]) -> str:
    where = f" (that is '{resolved}')" if resolved != target else ""
    text = f"link '{target}'{where} points to a page or file the site does not have"
    moved = redirects.get(page_url(resolved))
    if moved is not None and moved in sources:
        better = posixpath.relpath(sources[moved], posixpath.dirname(src_uri) or ".")
        return f"{text}: the page moved; link to '{better}'"
    return f"{text}; fix the link or remove it"
