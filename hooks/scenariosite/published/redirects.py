"""Published URLs never silently disappear.

Two plain text files in `urls/` next to mkdocs.yml (the course root, the parent of
the scenarios directory), both meant to be read and reviewed in a diff:

- `urls/published.txt`, the lock: every public URL of the site, one per line,
  relative to `site_url` (`scenarios/returns/counter/`; the home page is `/`).
- `urls/redirects.txt`: `old/url/ -> new/url/` per line. `old/* -> new/*` moves a
  whole folder: every published URL under `old/` that is gone goes to the same
  place under `new/` (exact lines win).

`#` starts a comment (at the start of a line or after a space) in both files.

The check: every locked URL is still produced, as a page or as a redirect; every
redirect ends at a page; new URLs not yet in the lock are a warning, so CI with
`--strict` fails until someone runs `scenariosite lock`. Without a lock file the
lock checks are off (a course that never published anything), redirects still work.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Position, Report, display_path
from . import rename_advice

LOCK_PATH = Path("urls") / "published.txt"
REDIRECTS_PATH = Path("urls") / "redirects.txt"
HOME = "/"
ARROW = "->"
WILDCARD = "*"
SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")  # RFC 3986 unreserved characters: safe in any URL and file name
COMMENT = re.compile(r"(^|\s)#")
NEW_URLS_SHOWN = 10

LOCK_HEADER = """\
# Published URLs of this course: every page that may have been shared, one per line,
# relative to site_url (the home page is /). Each one must keep working:
# `scenariosite check` and the build fail when the course no longer produces it.
#   new pages:          scenariosite lock              (adds them here)
#   a page moved:       a redirect in urls/redirects.txt
#   a page is gone:     scenariosite retire URL        (on purpose, after review)
"""


# --- where the course keeps things -------------------------------------------------


@dataclass(frozen=True)
class CourseSite:
    """The parts of a course the URL checks need: where the files are, and the site's address."""

    root: Path  # where mkdocs.yml lives; the parent of the scenarios directory
    docs_dir: Path
    site_url: str = ""

    @property
    def lock_path(self) -> Path:
        return self.root / LOCK_PATH

    @property
    def redirects_path(self) -> Path:
        return self.root / REDIRECTS_PATH


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for two plain settings; tags such as `!!python/name:` or
    `!ENV` read as None instead of failing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def course_site(scenarios_dir: Path) -> CourseSite:
    """The course around a scenarios directory, for the CLI (the MkDocs adapter
    builds its CourseSite from the loaded config instead)."""
    root = scenarios_dir.resolve().parent
    config: dict[str, Any] = {}
    try:
        loaded = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
        if isinstance(loaded, dict):
            config = loaded
    except (OSError, yaml.YAMLError):
        pass  # no usable mkdocs.yml: the defaults below are MkDocs' own
    docs_dir = config.get("docs_dir")
    site_url = config.get("site_url")
    return CourseSite(
        root=root,
        docs_dir=root / (docs_dir if isinstance(docs_dir, str) else "docs"),
        site_url=site_url if isinstance(site_url, str) else "",
    )


def page_url(src_uri: str) -> str:
    """The public URL of a generated or hand-written source file, as the lock writes it."""
    if src_uri.endswith(".md"):
        stem = src_uri[: -len(".md")]
        folder, name = posixpath.split(stem)
        stem = folder if name in ("index", "README") else stem
        return stem + "/" if stem else HOME
    return src_uri  # a static file, such as links/links.csv


def docs_page_urls(docs_dir: Path) -> set[str]:
    """URLs of the hand-written pages (MkDocs skips files and folders starting with '.')."""
    if not docs_dir.is_dir():
        return set()
    urls = set()
    for path in docs_dir.rglob("*.md"):
        relative = path.relative_to(docs_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if relative.name == "README.md" and (path.parent / "index.md").exists():
            continue  # MkDocs prefers index.md and skips the README
        urls.add(page_url(relative.as_posix()))
    return urls


def site_path(url: str) -> str:
    """The URL as a path below the site root ('' for the home page)."""
    return "" if url == HOME else url


def relative_href(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` that works wherever the site is hosted."""
    start = site_path(from_url).rstrip("/") or "."
    if not from_url.endswith("/"):
        start = posixpath.dirname(start) or "."
    target = posixpath.relpath(site_path(to_url) or ".", start)
    return target + "/" if to_url.endswith("/") and target != "." else ("./" if target == "." else target)


def built_path(url: str, docs_dir: Path, *, directory_urls: bool) -> str:
    """Where a URL's page lies in the built site, as a link target. With directory URLs
    that is the URL; without (the offline package), the HTML file MkDocs writes:
    `begin/` is `begin.html` for docs/begin.md, else `begin/index.html`."""
    if directory_urls or not url.endswith("/"):
        return url
    if url == HOME:
        return "index.html"
    stem = url.rstrip("/")
    return stem + ".html" if (docs_dir / f"{stem}.md").is_file() else url + "index.html"


def absolute_url(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + site_path(url) if site_url else HOME + site_path(url)


# --- reading the two files ---------------------------------------------------------


def url_problem(token: str, *, wildcard: bool = False) -> tuple[int, str] | None:
    """What is wrong with one URL as written in the lock or the redirects file:
    (0-based offset into the token, message), or None when it is fine."""
    if token == HOME:
        return None
    if "://" in token or token.startswith("//"):
        return 0, f"'{token}' is a full address; write the URL relative to site_url, such as 'scenarios/<id>/'"
    if token.startswith("/"):
        return 0, f"write '{token}' without the leading '/' (URLs here are relative to site_url; the home page is '/')"
    body = token
    if wildcard and token.endswith("/" + WILDCARD):
        body = token[:-1]
    for offset, char in enumerate(body):
        if char in "?#":
            return offset, f"'{token}': a query or '#fragment' is not part of a page URL; leave it out"
        if char == WILDCARD:
            where = "a redirect can end in '/*' to cover a folder" if not wildcard else "only a final '/*' is allowed"
            return offset, f"'{token}': unexpected '*' ({where})"
        if not (SEGMENT.fullmatch(char) or char == "/"):
            return offset, (
                f"'{token}': unexpected character {char!r}; URLs here use letters, digits and '-', '_', '.', '~'"
            )
    segments = body.rstrip("/").split("/")
    for segment in segments:
        if segment in ("", ".", ".."):
            return 0, f"'{token}': empty, '.' or '..' path segment"
    if not body.endswith("/") and "." not in segments[-1]:
        return len(token), f"page URLs end in '/': did you mean '{token}/'?"
    return None


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


def _content(line: str) -> tuple[str, int]:
    """The line without its comment, and the column (0-based) of its first character."""
    comment = COMMENT.search(line)
    text = line[: comment.start()] if comment else line
    stripped = text.lstrip()
    return stripped.rstrip(), len(text) - len(stripped)


def _read_lines(path: Path, report: Report) -> list[str] | None:
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
    lines = _read_lines(path, report)
    if lines is None:
        return Lock(path, exists=True, malformed=True)
    lock = Lock(path, exists=True, lines=lines)
    first_line: dict[str, int] = {}
    previous = ""
    unsorted = False
    for number, line in enumerate(lines, start=1):
        text, column = _content(line)
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
    lines = _read_lines(path, report)
    if lines is None:
        return []
    redirects = []
    for number, line in enumerate(lines, start=1):
        text, column = _content(line)
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


# --- checking them against what the course produces --------------------------------


@dataclass
class UrlCheck:
    """The outcome: the redirect pages to write and the state of the lock."""

    lock: Lock
    redirects: dict[str, str] = field(default_factory=dict)  # old URL -> the live URL it ends at
    new_urls: list[str] = field(default_factory=list)  # produced, not yet in the lock
    lost_urls: list[str] = field(default_factory=list)  # in the lock, no longer produced
    produced: set[str] = field(default_factory=set)  # every URL the site answers: pages and redirects


def check_urls(site: CourseSite, live: set[str], report: Report, *, warn_new: bool = True) -> UrlCheck:
    """Check the lock and the redirects against the live URLs of the course,
    adding every problem to `report`. New URLs are a warning for `check` (so CI
    with --strict fails while the lock is out of date), not for the build."""
    lock = read_lock(site.lock_path, report)
    rules = read_redirects(site.redirects_path, report)
    result = UrlCheck(lock)
    result.redirects = _resolve(rules, lock, live, site.redirects_path, report)
    produced = result.produced = live | set(result.redirects)
    if lock.malformed:
        return result
    result.new_urls = sorted(produced - lock.urls)
    if not lock.exists:
        return result  # nothing published yet: `scenariosite lock` starts the lock
    result.lost_urls = sorted(url for url in lock.urls if url not in produced)
    advice = rename_advice.moves(result.lost_urls, produced)
    for entry in lock.entries:
        if entry.url not in produced:
            message = _lost_message(entry.url, site, advice.get(entry.url), result.new_urls)
            report.error(lock.path, Position(entry.line, 1), message)
    if result.new_urls and warn_new:
        shown = ", ".join(result.new_urls[:NEW_URLS_SHOWN])
        more = f" and {len(result.new_urls) - NEW_URLS_SHOWN} more" if len(result.new_urls) > NEW_URLS_SHOWN else ""
        report.warning(lock.path, Position(1, 1), f"{len(result.new_urls)} URL(s) of the site are not in the lock "
                       f"yet: {shown}{more}; run `scenariosite lock` to add them")  # fmt: skip
    return result


def _lost_message(url: str, site: CourseSite, move: rename_advice.Move | None, new_urls: list[str]) -> str:
    """A redirect is suggested only where the same page lives on under a new folder
    (rename_advice.py); a guess by spelling sent pages into other scenarios."""
    gone = f"published URL '{url}' is no longer produced by the course"
    retire = f"or retire it on purpose: scenariosite retire {url}"
    redirects = display_path(site.redirects_path)
    if move is not None:
        whole = " (the whole folder moved)" if move.complete else ""
        return f"{gone}. It moved: add '{move.line_for(url)}'{whole} to {redirects}; {retire}"
    guess = rename_advice.sibling_guess(url, new_urls)
    if guess is not None:
        return f"{gone}. Keep it working with a redirect: add '{url} {ARROW} {guess}' to {redirects}; {retire}"
    return (
        f"{gone}. Keep it working with a redirect to where this page is now: add a line "
        f"'{url} {ARROW} NEW/URL/' to {redirects}; {retire}"
    )


def _resolve(rules: list[Redirect], lock: Lock, live: set[str], path: Path, report: Report) -> dict[str, str]:
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


# --- changing the lock -------------------------------------------------------------


def updated_lock(lock: Lock, add: Iterable[str] = (), remove: Iterable[str] = ()) -> str:
    """The lock file's text with URLs added and removed. Comments and blank lines stay
    where they are (a comment above a URL stays above it); URL lines end up sorted; a
    URL listed twice keeps its first line."""
    removing = set(remove)
    lines = lock.lines if lock.exists else LOCK_HEADER.splitlines()
    items: list[tuple[str | None, str]] = []  # (URL or None for a comment or blank line, the line)
    for line in lines:
        text, _ = _content(line)
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


def check_course_urls(site: CourseSite, generated: Iterable[str], report: Report, *, warn_new: bool = True) -> UrlCheck:
    """`check_urls` over everything a course produces: the generated files (by
    src_uri) and the hand-written pages in docs_dir."""
    live = {page_url(src_uri) for src_uri in generated} | docs_page_urls(site.docs_dir)
    return check_urls(site, live, report, warn_new=warn_new)


def normalise_url(text: str, site_url: str = "") -> str:
    """A URL as typed on the command line, pasted from a browser or a mail, in the lock's form."""
    text = text.strip()
    if site_url and text.startswith(site_url.rstrip("/")):
        text = text[len(site_url.rstrip("/")) :] or HOME
    if text.startswith("/") and text != HOME:
        text = text.lstrip("/") or HOME
    return text
