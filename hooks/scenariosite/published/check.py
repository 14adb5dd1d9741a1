"""A course's URLs checked against the lock and the redirects.

Every locked URL is still produced, as a page or as a redirect; every redirect ends
at a page; new URLs not yet in the lock are a warning, so CI with `--strict` fails
until someone runs `scenariosite lock`. Without a lock file the lock checks are off
(a course that never published anything), redirects still work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..diagnostics import Position, Report, display_path
from . import rename_advice
from .lockfile import Lock, read_lock
from .paths import CourseSite, docs_page_urls, page_url
from .redirects import ARROW, read_redirects, resolve

NEW_URLS_SHOWN = 10


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
    result.redirects = resolve(rules, lock, live, site.redirects_path, report)
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


def check_course_urls(site: CourseSite, generated: Iterable[str], report: Report, *, warn_new: bool = True) -> UrlCheck:
    """`check_urls` over everything a course produces: the generated files (by
    src_uri) and the hand-written pages in docs_dir."""
    live = {page_url(src_uri) for src_uri in generated} | docs_page_urls(site.docs_dir)
    return check_urls(site, live, report, warn_new=warn_new)
