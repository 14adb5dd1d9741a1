"""The redirects: `urls/redirects.txt` next to mkdocs.yml.

`old/url/ -> new/url/` per line. `old/* -> new/*` moves a whole folder: every
published URL under `old/` that is gone goes to the same place under `new/` (exact
lines win). `#` starts a comment, as in the lock. Read with located errors, then
resolved to the live page each old URL ends at.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Position, Report
from .lockfile import Lock, line_content, read_lines
from .paths import WILDCARD, url_problem

ARROW = "->"


@dataclass(frozen=True)
class Redirect:
    old: str
    new: str
    line: int
    old_column: int  # 1-based
    new_column: int

    @property
    def is_folder(self) -> bool:
        return self.old.endswith("/" + WILDCARD)

    @property
    def old_prefix(self) -> str:
        return self.old[: -len(WILDCARD)]

    def target_for(self, url: str) -> str:
        """Where this rule sends a URL it covers."""
        if self.new.endswith("/" + WILDCARD):
            return self.new[: -len(WILDCARD)] + url[len(self.old_prefix) :]
        return self.new


def read_redirects(path: Path, report: Report) -> list[Redirect]:
    if not path.exists():
        return []
    lines = read_lines(path, report)
    if lines is None:
        return []
    redirects = []
    for number, line in enumerate(lines, start=1):
        text, column = line_content(line)
        if not text:
            continue
        parts = text.split(ARROW)
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            report.error(
                path,
                Position(number, column + 1),
                f"expected 'old/url/ {ARROW} new/url/' (one '{ARROW}' with a URL on each side), found '{text}'",
            )
            continue
        tokens = []
        offset = column
        for part in parts:
            stripped = part.strip()
            start = offset + len(part) - len(part.lstrip())
            tokens.append((stripped, start))
            offset += len(part) + len(ARROW)
        (old, old_at), (new, new_at) = tokens
        bad = False
        for token, at in tokens:
            if len(token.split()) > 1:
                report.error(path, Position(number, at + 1), f"'{token}': a URL has no spaces")
                bad = True
                continue
            problem = url_problem(token, wildcard=True)
            if problem is not None:
                report.error(path, Position(number, at + problem[0] + 1), problem[1])
                bad = True
        if bad:
            continue
        if new.endswith(WILDCARD) and not old.endswith(WILDCARD):
            report.error(path, Position(number, new_at + 1), f"'{new}' ends in '/*' but '{old}' does not: "
                         "a folder can only be redirected from a folder ('old/* -> new/*')")  # fmt: skip
            continue
        if not old.endswith(("/", WILDCARD)):
            report.error(path, Position(number, old_at + 1), f"'{old}' is a file: a redirect page can only stand "
                         "at a page URL, which ends in '/'")  # fmt: skip
            continue
        redirects.append(Redirect(old, new, number, old_at + 1, new_at + 1))
    return redirects


def resolve(rules: list[Redirect], lock: Lock, live: set[str], path: Path, report: Report) -> dict[str, str]:
    """Expand folder rules, refuse duplicates and redirects over live pages, and
    follow chains to the live page each old URL ends at (reporting loops)."""
    exact: dict[str, Redirect] = {}
    folders: dict[str, Redirect] = {}
    for rule in rules:
        table = folders if rule.is_folder else exact
        if rule.old in table:
            first = table[rule.old]
            report.error(path, Position(rule.line, rule.old_column), f"'{rule.old}' is already redirected on line "
                         f"{first.line} (to '{first.new}'); keep one of the two lines")  # fmt: skip
            continue
        if not rule.is_folder and rule.old in live:
            report.error(path, Position(rule.line, rule.old_column), f"'{rule.old}' is a live page of the site: a "
                         "redirect would hide it; remove this line, or the page")  # fmt: skip
            continue
        table[rule.old] = rule

    steps: dict[str, tuple[str, Redirect]] = {old: (rule.new, rule) for old, rule in exact.items()}
    covered: dict[Redirect, int] = {rule: 0 for rule in folders.values()}
    for url in sorted(lock.urls | {rule.new for rule in exact.values()}):
        if url in live or url in steps:
            continue
        folder = _folder_rule(url, folders)
        if folder is not None and url.endswith("/"):
            steps[url] = (folder.target_for(url), folder)
            covered[folder] += 1
    for rule, count in covered.items():
        if not count:
            report.warning(path, Position(rule.line, rule.old_column), f"'{rule.old}' covers no published URL "
                           "that is gone; remove this line if it is no longer needed")  # fmt: skip

    resolved: dict[str, str] = {}
    loops_reported: set[frozenset[str]] = set()
    for old in sorted(steps, key=lambda u: (steps[u][1].line, u)):
        chain = [old]
        target, rule = steps[old]
        while target not in live:
            if target in chain:
                cycle = chain[chain.index(target) :]
                if frozenset(cycle) not in loops_reported:
                    loops_reported.add(frozenset(cycle))
                    route = f" {ARROW} ".join(f"{u} (line {steps[u][1].line})" for u in cycle)
                    report.error(path, Position(rule.line, rule.new_column), f"redirect loop: {route} {ARROW} "
                                 f"{target}; one of these must point at a live page")  # fmt: skip
                break
            if target not in steps:
                report.error(path, Position(rule.line, rule.new_column), _missing_target(old, target, rule, live))
                break
            chain.append(target)
            target, rule = steps[target]
        else:
            resolved[old] = target
    return resolved


def _folder_rule(url: str, folders: dict[str, Redirect]) -> Redirect | None:
    """The folder rule with the longest prefix that covers `url`."""
    matches = [rule for rule in folders.values() if url.startswith(rule.old_prefix)]
    return max(matches, key=lambda rule: len(rule.old_prefix), default=None)


def _missing_target(old: str, target: str, rule: Redirect, live: Iterable[str]) -> str:
    guess = difflib.get_close_matches(target, sorted(live), n=1, cutoff=0.6)
    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
    if rule.is_folder:
        return (
            f"'{rule.old} {ARROW} {rule.new}' sends '{old}' to '{target}', which is not a page of the site{hint}; "
            f"add an exact line for '{old}' (exact lines win over folders)"
        )
    return f"redirect target '{target}' is not a page of the site{hint}"
