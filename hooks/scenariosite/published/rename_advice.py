"""Which redirect to suggest for a published URL that is gone.

A renamed scenario moves a whole folder: every page under `scenarios/old/` is now the
same page under `scenarios/new/`. Guessing each lost URL's target by spelling alone
sent pages into other scenarios (`returns/* -> other-scenario/*`). So a target is
suggested only for a folder that is gone as a whole and a live sibling folder holding
the same pages (the same paths below it; at least half of the two folders' paths
shared, and no other sibling as alike). The new folder need not be new to the lock:
`scenariosite lock` adds it before it reports what is lost.

- every lost page has its counterpart: one folder line, `old/* -> new/*`;
- some have: an exact line for each of those; the others get no target.

A single page renamed in its folder (a trainer page's slug) may be guessed by spelling,
but only among the pages new to the lock in the same folder.

The pages below a folder must name more than their position (a nested path such as
`counter/a/`), so two steps that merely both have choices a, b and c are not taken for
one another.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

MIN_OVERLAP = 0.5  # shared paths / all paths of the two folders


@dataclass(frozen=True)
class Move:
    old: str  # folder URL, e.g. scenarios/old/
    new: str
    complete: bool  # every lost page under `old` exists under `new`

    def line_for(self, url: str) -> str:
        if self.complete:
            return f"{self.old}* -> {self.new}*"
        return f"{url} -> {self.new}{url[len(self.old) :]}"


def _folders(url: str) -> list[str]:
    """`a/b/c/` -> [`a/`, `a/b/`]: the folders above a page (the home page has none)."""
    parts = url.strip("/").split("/")
    return ["/".join(parts[:n]) + "/" for n in range(1, len(parts))] + ([url] if url.endswith("/") else [])


def _parent(folder: str) -> str:
    return folder.rstrip("/").rpartition("/")[0]


def _below(urls: Iterable[str], folder: str) -> set[str]:
    return {url[len(folder) :] for url in urls if url.startswith(folder)}


def _siblings(urls: Iterable[str], folder: str) -> dict[str, set[str]]:
    """The folders next to `folder` (same parent) and the paths below each, in one pass."""
    parent = _parent(folder)
    prefix = parent + "/" if parent else ""
    found: dict[str, set[str]] = {}
    for url in urls:
        if url.startswith(prefix):
            head, slash, rest = url[len(prefix) :].partition("/")
            if slash:
                found.setdefault(prefix + head + "/", set()).add(rest)
    return found


def moves(lost: Iterable[str], produced: Iterable[str]) -> dict[str, Move]:
    """Lost URL -> the move that covers it, for lost URLs with a safe suggestion."""
    lost, produced = set(lost), set(produced)
    if not lost:
        return {}
    live_folders = {f for url in produced for f in _folders(url)}
    gone = {f for url in lost for f in _folders(url) if f not in live_folders}
    gone = {f for f in gone if _parent(f) + "/" not in gone}  # the outermost
    found: dict[str, Move] = {}
    for old in sorted(gone):
        before = _below(lost, old)
        if not any(path.count("/") > 1 for path in before):
            continue  # only positions (a/, b/): not enough to recognise the folder elsewhere
        scored = []
        for candidate, after in _siblings(produced, old).items():
            shared = before & after
            scored.append((len(shared) / len(before | after), candidate, shared))
        scored.sort(key=lambda item: item[0], reverse=True)
        if not scored or scored[0][0] < MIN_OVERLAP or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            continue  # nothing alike, or two folders alike: no guess
        _, target, shared = scored[0]
        move = Move(old, target, complete=shared == before)
        for path in shared:
            found[old + path] = move
    return found


def sibling_guess(url: str, new_urls: Iterable[str]) -> str | None:
    """A new page in the same folder, spelled like the lost one: a renamed page."""
    parent = _parent(url)
    siblings = [u for u in new_urls if u.endswith("/") and _parent(u) == parent]
    found = difflib.get_close_matches(url, siblings, n=1, cutoff=0.6)
    return found[0] if found else None
