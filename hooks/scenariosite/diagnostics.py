"""Problems found in content, each with its place: `PATH:LINE:COL: error: message`.

Every stage appends to one `Report` instead of raising, so a run shows all problems
at once; the adapters stop between phases when the report holds errors.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Diagnostic:
    path: Path
    position: Position
    severity: Severity
    message: str

    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.path), self.position.line, self.position.column, self.message)

    def headline(self) -> str:
        where = f"{display_path(self.path)}:{self.position.line}:{self.position.column}"
        return printable(f"{where}: {self.severity}: {self.message}")


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, path: Path, position: Position, message: str) -> None:
        self.diagnostics.append(Diagnostic(path, position, "error", message))

    def warning(self, path: Path, position: Position, message: str) -> None:
        self.diagnostics.append(Diagnostic(path, position, "warning", message))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=Diagnostic.sort_key)


def display_path(path: Path) -> str:
    """Relative to the working directory when possible, so editors make it clickable."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest candidate, or an empty string."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def known_list(candidates: Iterable[str], limit: int = 12) -> str:
    names = sorted(candidates)
    shown = ", ".join(names[:limit])
    return shown + (f", ... ({len(names)} in all)" if len(names) > limit else "")


def source_lines(path: Path) -> tuple[str, ...] | None:
    """The lines of a file a diagnostic points into. Cached, as many point into one
    file, but keyed on the file's time and size too: `mkdocs serve` lives on while the
    author edits, and a message must show the line as it is now."""
    try:
        stat = path.stat()
        if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
            return None  # never echo a line of a file outside the folder (a link to /etc/passwd)
    except (OSError, RuntimeError):
        return None
    return _read_lines(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _read_lines(path: Path, mtime_ns: int, size: int) -> tuple[str, ...] | None:
    try:
        return tuple(path.read_text(encoding="utf-8-sig", errors="replace").splitlines())
    except OSError:
        return None


# C0 controls (but tab), DEL, C1 controls and the bidirectional overrides: a binary or
# UTF-16 file would otherwise send NUL, backspace or escape sequences straight to the
# author's terminal, or reorder what the line seems to say.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with control characters shown as escapes (`\\x00`, `\\u202e`)."""
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def render(diagnostic: Diagnostic, source_lines: Sequence[str] | None) -> str:
    """The headline, then the offending source line with a caret, as compilers do."""
    text = diagnostic.headline()
    if not source_lines or not 1 <= diagnostic.position.line <= len(source_lines):
        return text
    line = source_lines[diagnostic.position.line - 1].rstrip("\r\n")
    if len(line) > 160:  # huge one-line values: show the start only
        line = line[:157] + "..."
    number = str(diagnostic.position.line)
    gutter = " " * len(number)
    caret_at = min(diagnostic.position.column - 1, len(line))
    # The caret lines up under the escaped text: pad by each character's shown width.
    pad = "".join("\t" if ch == "\t" else " " * len(printable(ch)) for ch in line[:caret_at])
    return f"{text}\n {number} | {printable(line)}\n {gutter} | {pad}^"
