"""Stage 1, load: read YAML files into plain data that remembers where every key and
value stood, so later stages can point at the exact line and column.

The data is built straight from libyaml's event stream rather than through
PyYAML's constructor. That gives four things the constructor does not:
- duplicate keys are an error (PyYAML silently keeps the last one);
- anchors and aliases are refused before anything is expanded (no "billion laughs");
- nesting depth is capped while parsing, not after;
- every scalar stays the string the author typed ("no", "1.10" and "ja" are text);
  only an empty value or `~`/`null` becomes None. Pydantic converts "true" or "3"
  where a field really is a boolean or a number.

A duplicate key, an anchor, an alias or a tag is reported but does not stop the
file: the data stays usable (the first of two duplicate keys wins; an alias reads as
empty), so the later stages still report the file's other mistakes in the same run.
Their places go into `Document.flagged` so no later stage reports them twice.
Syntax errors and the resource limits do stop the file.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Position, Report

try:  # libyaml is much faster; the pure-Python parser gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 24
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
STRING_TAGS = frozenset({"!", "tag:yaml.org,2002:str"})

PathKey = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML file: its data plus the position of every key and value in it."""

    path: Path
    text: str
    data: Any = None
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)
    # Places already reported; later stages skip problems at or under them.
    flagged: set[PathKey] = field(default_factory=set)

    def is_flagged(self, loc: PathKey) -> bool:
        return any(tuple(loc[:n]) in self.flagged for n in range(len(loc) + 1))

    def locate(self, loc: PathKey, *, key: bool = False) -> Position:
        """Position of the value at `loc` (or of its key), falling back to the
        nearest enclosing node that exists in the file."""
        loc = tuple(loc)
        while True:
            if key and loc in self.keys:
                return self.keys[loc]
            if loc in self.values:
                return self.values[loc]
            if loc in self.keys:
                return self.keys[loc]
            if not loc:
                return Position(1, 1)
            loc = loc[:-1]

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


class _Frame:
    __slots__ = ("container", "loc", "pending_key", "discard")

    def __init__(self, container: dict[str, Any] | list[Any], loc: PathKey) -> None:
        self.container = container
        self.loc = loc
        self.pending_key: str | None = None
        self.discard = False  # the pending key is a duplicate: parse its value, then drop it


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _position_at(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Position(line, column)


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_text(path: Path, report: Report) -> str | None:
    """Read a file as UTF-8 (with or without BOM), refusing oversize files."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report.error(
                path,
                Position(1, 1),
                f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}. Split the scenario into smaller ones",
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        report.error(path, Position(1, 1), f"cannot read file: {exc.strerror or exc}")
        return None
    if raw.startswith(UTF16_BOMS):
        report.error(path, Position(1, 1), "file is saved as UTF-16; save it as UTF-8")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", errors="replace")
        report.error(
            path,
            _position_at(prefix, len(prefix)),
            f"file is not UTF-8 (byte 0x{raw[exc.start]:02x} cannot be decoded); save it as UTF-8",
        )
        return None


# Parses without a diagnostic, by path and text: `mkdocs serve` reads every file of the
# course on each save, and most have not changed. Bounded; nothing in a Document changes
# after parsing but the places later stages flag, so each caller gets its own set.
_PARSED: dict[tuple[str, str], Document] = {}
PARSED_MAX = 512


def load_file(path: Path, report: Report) -> Document | None:
    text = read_text(path, report)
    if text is None:
        return None
    key = (str(path), text)
    parsed = _PARSED.get(key)
    if parsed is not None:
        return dataclasses.replace(parsed, flagged=set())
    before = len(report.diagnostics)
    doc = parse(path, text, report)
    if doc is not None and len(report.diagnostics) == before:
        if len(_PARSED) >= PARSED_MAX:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = dataclasses.replace(doc, flagged=set())
    return doc


def parse(path: Path, text: str, report: Report) -> Document | None:
    """Parse YAML text into a Document, or report why not and return None."""
    doc = Document(path=path, text=text)
    complete = False
    try:
        complete = _build(doc, yaml.parse(text, Loader=_Loader), report)
    except yaml.MarkedYAMLError as exc:
        position, message = _syntax_error(exc, text)
        report.error(path, position, message)
    except yaml.reader.ReaderError as exc:
        report.error(path, *_reader_error(exc, text))
    except yaml.YAMLError as exc:  # anything else libyaml can raise
        report.error(path, Position(1, 1), f"YAML syntax error: {exc}")
    if not complete:
        return None
    if doc.data is None:
        report.error(path, Position(1, 1), "file is empty; expected a mapping of fields (or a list for a taxonomy)")
        return None
    return doc


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[Position, str]:
    problem = (exc.problem or "").strip()
    mark = exc.problem_mark or exc.context_mark
    # At the end of the file the start of the unclosed thing (a quote, a bracket) helps more.
    if "end of stream" in problem and exc.context_mark is not None:
        mark = exc.context_mark
    position = _position(mark) if mark is not None else Position(1, 1)
    if "tab" in problem or _char_at(text, exc.problem_mark) == "\t":
        return position, "tab character found; YAML indentation must use spaces"
    too_long = _long_key(exc)
    if too_long is not None:
        return too_long
    return position, _syntax_message(exc, text)


MAX_KEY_CHARS = 1024  # libyaml's limit on a simple (unquoted or one-line quoted) key


def _long_key(exc: yaml.MarkedYAMLError) -> tuple[Position, str] | None:
    """libyaml stops looking for a key's ':' after 1024 characters and then says only
    "could not find expected ':'": name the real problem, at the key's start."""
    start, end = exc.context_mark, exc.problem_mark
    if "simple key" not in (exc.context or "") or start is None or end is None or start.line != end.line:
        return None
    length = end.column - start.column
    if length <= MAX_KEY_CHARS:
        return None
    message = f"key is {length:,} characters long; YAML allows at most {MAX_KEY_CHARS:,}. Use a short name"
    return _position(start), message


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.split("\n")
    if not 0 <= mark.line < len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if 0 <= mark.column < len(line) else ""


def _reader_error(exc: yaml.reader.ReaderError, text: str) -> tuple[Position, str]:
    """A character YAML forbids (control characters, U+FFFE...). libyaml counts the
    position in bytes, so find the character itself instead."""
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    index = text.find(character)
    position = _position_at(text, index) if index >= 0 else Position(1, 1)
    return position, f"character U+{ord(character):04X} is not allowed in YAML; remove it"


def _syntax_message(exc: yaml.MarkedYAMLError, source: str) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    text = f"YAML syntax error: {problem}" if problem else "YAML syntax error"
    if context:
        text += f" ({context})"
    opened = exc.context_mark
    if "mapping values are not allowed" in problem:
        text += '; a text containing ": " must be quoted, e.g. title: "Customer: angry"'
    elif "end of stream" in problem and "quoted scalar" in context:
        text += "; the quote that starts here is never closed"
    elif "flow" in context and opened is not None and opened != exc.problem_mark:
        bracket = _open_bracket_before(source, opened)
        if bracket is None:
            text += "; a '[' or '{' is never closed, or a comma is missing"
        else:
            char, where = bracket
            text += f"; the '{char}' on line {where.line}, column {where.column} is never closed, or a comma is missing"
    return text


def _open_bracket_before(source: str, mark: Any) -> tuple[str, Position] | None:
    """The `[` or `{` a flow error is about. libyaml marks where the unfinished node
    starts, which is often after the bracket (at the end of the file when it was never
    closed), so look back from there to the nearest bracket."""
    lines = source.split("\n")
    line = min(mark.line, len(lines) - 1)
    column = mark.column if mark.line < len(lines) else len(lines[line])
    while line >= 0:
        text = lines[line][: column + 1]
        found = max(text.rfind("["), text.rfind("{"))
        if found >= 0:
            return text[found], Position(line + 1, found + 1)
        line -= 1
        column = len(lines[line]) if line >= 0 else 0
    return None


def _build(doc: Document, events: Any, report: Report) -> bool:
    """Fill `doc` from the event stream; False if a problem stopped it half-way."""
    stack: list[_Frame] = []
    documents = 0
    loc: PathKey
    for event in events:
        kind = type(event)
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                report.error(
                    doc.path, _position(event.start_mark), "only one YAML document per file; remove the extra '---'"
                )
                return False
            continue
        if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
            continue
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            stack.pop()
            continue
        position = _position(event.start_mark)
        refused = False
        if kind is yaml.AliasEvent:
            report.error(doc.path, position, f"aliases (*{event.anchor}) are not allowed; write the text out in full")
            refused = True
            value: Any = None
        else:
            if event.anchor is not None:
                report.error(
                    doc.path, position, f"anchors (&{event.anchor}) are not allowed; write the text out in full"
                )
            if event.tag is not None and event.tag not in STRING_TAGS:
                report.error(doc.path, position, f"YAML tags such as '{event.tag}' are not allowed; remove the tag")
                refused = True
            if kind is yaml.ScalarEvent:
                # implicit[0]: a plain scalar (libyaml gives style '' for those, the pure-Python parser None)
                value = None if event.implicit[0] and event.value in NULL_WORDS else event.value
            elif kind is yaml.MappingStartEvent:
                value = {}
            else:  # SequenceStartEvent
                value = []

        parent = stack[-1] if stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.pending_key is None:
            # This node is a mapping key.
            if kind is not yaml.ScalarEvent or not isinstance(value, str) or value == "":
                report.error(doc.path, position, "keys must be plain names, e.g. 'title:'")
                return False
            key_loc = parent.loc + (value,)
            if key_loc in doc.keys:
                first = doc.keys[key_loc]
                report.error(
                    doc.path,
                    position,
                    f"duplicate key '{value}' (first defined on line {first.line}); YAML would silently keep "
                    "only the last one. Remove or rename one of them",
                )
                parent.discard = True
            else:
                doc.keys[key_loc] = position
            parent.pending_key = value
            continue

        if parent is None:
            loc = ()
            doc.data = value
        elif isinstance(parent.container, dict):
            key = parent.pending_key
            assert key is not None
            loc = parent.loc + (key,)
            if parent.discard:  # keep the first value; park the duplicate where no one looks
                loc = parent.loc + (f"{key}\x00duplicate@{position.line}:{position.column}",)
                parent.discard = False
            else:
                parent.container[key] = value
            parent.pending_key = None
        else:
            loc = parent.loc + (len(parent.container),)
            parent.container.append(value)
        doc.values[loc] = position
        if refused:
            doc.flagged.add(loc)

        if kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
            if len(stack) >= MAX_DEPTH:
                report.error(doc.path, position, f"nesting is deeper than {MAX_DEPTH} levels; flatten the structure")
                return False
            stack.append(_Frame(value, loc))
    return True
