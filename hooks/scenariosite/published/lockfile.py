"""The lock of published URLs: `urls/published.txt` next to mkdocs.yml.

Every public URL of the site, one per line, relative to `site_url`; `#` starts a
comment (at the start of a line or after a space). Read with located errors and
warnings; rewritten by `scenariosite lock` and `retire` with comments kept in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Position, Report
from .paths import url_problem

COMMENT = re.compile(r"(^|\s)#")

LOCK_HEADER = """\
# Published URLs of this course: every page that may have been shared, one per line,
# relative to site_url (the home page is /). Each one must keep working:
# `scenariosite check` and the build fail when the course no longer produces it.
#   new pages:          scenariosite lock              (adds them here)
#   a page moved:       a redirect in urls/redirects.txt
#   a page is gone:     scenariosite retire URL        (on purpose, after review)
"""


@dataclass(frozen=True)
class LockEntry:
    url: str
    line: int


@dataclass
class Lock:
    path: Path
    exists: bool
    lines: list[str] = field(default_factory=list)
    entries: list[LockEntry] = field(default_factory=list)
    malformed: bool = False  # a line could not be read: never rewrite such a file

    @property
    def urls(self) -> set[str]:
        return {entry.url for entry in self.entries}


def line_content(line: str) -> tuple[str, int]:
    """The line without its comment, and the column (0-based) of its first character."""
    comment = COMMENT.search(line)
    text = line[: comment.start()] if comment else line
    stripped = text.lstrip()
    return stripped.rstrip(), len(text) - len(stripped)


def read_lines(path: Path, report: Report) -> list[str] | None:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        report.error(path, Position(1, 1), f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8")
    except OSError as exc:
        report.error(path, Position(1, 1), f"cannot read the file: {exc.strerror}")
    return None


def read_lock(path: Path, report: Report) -> Lock:
    if not path.exists():
        return Lock(path, exists=False)
    lines = read_lines(path, report)
    if lines is None:
        return Lock(path, exists=True, malformed=True)
    lock = Lock(path, exists=True, lines=lines)
    first_line: dict[str, int] = {}
    previous = ""
    unsorted = False
    for number, line in enumerate(lines, start=1):
        text, column = line_content(line)
        if not text:
            continue
        first = text.split()[0]
        if first != text:
            rest = text[len(first) :]
            second_at = column + len(first) + len(rest) - len(rest.lstrip()) + 1
            report.error(path, Position(number, second_at), "one URL per line; start a comment with ' #'")
            lock.malformed = True
            continue
        problem = url_problem(text)
        if problem is not None:
            report.error(path, Position(number, column + problem[0] + 1), problem[1])
            lock.malformed = True
            continue
        if text in first_line:
            report.warning(path, Position(number, column + 1), f"'{text}' is listed twice (first on line "
                           f"{first_line[text]}); remove this line")  # fmt: skip
            continue
        if text < previous and not unsorted:  # one warning is enough: `lock` sorts the whole file
            unsorted = True
            report.warning(path, Position(number, column + 1), f"'{text}' is out of order (after '{previous}'); "
                           "keep the lock sorted so diffs stay small: `scenariosite lock` sorts it")  # fmt: skip
        previous = max(previous, text)
        first_line[text] = number
        lock.entries.append(LockEntry(text, number))
    return lock


# --- changing the lock -------------------------------------------------------------


def updated_lock(lock: Lock, add: Iterable[str] = (), remove: Iterable[str] = ()) -> str:
    """The lock file's text with URLs added and removed. Comments and blank lines stay
    where they are (a comment above a URL stays above it); URL lines end up sorted; a
    URL listed twice keeps its first line."""
    removing = set(remove)
    lines = lock.lines if lock.exists else LOCK_HEADER.splitlines()
    items: list[tuple[str | None, str]] = []  # (URL or None for a comment or blank line, the line)
    for line in lines:
        text, _ = line_content(line)
        if text and (text in removing or any(url == text for url, _ in items)):
            continue
        items.append((text or None, line.rstrip() if text else line))
    positions = [index for index, (url, _) in enumerate(items) if url]
    ordered = sorted((items[index] for index in positions), key=lambda item: item[0] or "")
    for index, item in zip(positions, ordered, strict=True):  # a hand-edited lock may be out of order
        items[index] = item
    present = {url for url, _ in items if url}
    for url in sorted(set(add) - present):
        smaller = [index for index, (other, _) in enumerate(items) if other and other < url]
        if smaller:
            at = smaller[-1] + 1
        else:
            at = next((index for index, (other, _) in enumerate(items) if other), len(items))
        items.insert(at, (url, url))
    return "\n".join(line for _, line in items) + "\n"
