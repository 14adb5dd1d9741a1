"""`scenariosite lock` and `scenariosite retire`: the two ways the lock of published
URLs changes on purpose (see published/). Registered on the main command in cli.py."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import pipeline
from .cli_support import DEFAULT_DIR, EXIT_CONTENT, EXIT_USAGE, load_or_exit, print_report
from .diagnostics import Report, display_path
from .published.check import check_course_urls
from .published.lockfile import updated_lock
from .published.paths import CourseSite, course_site, normalise_url, url_problem


def _course_urls(directory: Path) -> tuple[CourseSite, list[str]]:
    """The course's site and the src_uri of every generated file; exits on content errors."""

    result = load_or_exit(directory)
    if not result.ok:
        print_report(result.report)
        sys.exit(EXIT_CONTENT)
    _, files = pipeline.generate(result, pipeline.Settings())
    return course_site(directory), list(files)


def _finish(site: CourseSite, generated: list[str], command: str) -> None:
    """Report what is still wrong after the change; exit 1 when something is."""

    report = Report()
    check_course_urls(site, generated, report)
    print_report(report)
    if report.errors:
        click.echo(f"{command}: {len(report.errors)} problem(s) with published URLs remain (see above)", err=True)
        sys.exit(EXIT_CONTENT)


@click.command()
@click.argument("directory", type=click.Path(path_type=Path), default=DEFAULT_DIR)
def lock(directory: Path) -> None:
    """Add every URL the site now has to urls/published.txt, the lock of published URLs.

    The lock only grows: a URL that is gone stays an error until it gets a redirect
    (urls/redirects.txt) or is retired on purpose (`scenariosite retire URL`).
    """
    site, generated = _course_urls(directory)
    report = Report()
    found = check_course_urls(site, generated, report)
    if found.lock.malformed:
        print_report(report)
        click.echo(f"lock: {display_path(site.lock_path)} has lines it cannot read; fix them first", err=True)
        sys.exit(EXIT_CONTENT)
    text = updated_lock(found.lock, add=found.new_urls)
    if not found.lock.exists or text != "\n".join(found.lock.lines) + "\n":
        site.lock_path.parent.mkdir(parents=True, exist_ok=True)
        site.lock_path.write_text(text, encoding="utf-8")
    total = len(found.lock.urls) + len(found.new_urls)
    click.echo(f"lock: added {len(found.new_urls)} URL(s) to {display_path(site.lock_path)} ({total} in all)")
    _finish(site, generated, "lock")


@click.command()
@click.argument("url_args", metavar="URL...", nargs=-1, required=True)
@click.option("--dir", "directory", type=click.Path(path_type=Path), default=DEFAULT_DIR, show_default=True,
              help="The scenarios directory of the course.")  # fmt: skip
def retire(url_args: tuple[str, ...], directory: Path) -> None:
    """Remove published URLs from the lock on purpose: links to them will break.

    Only for URLs the site no longer produces; prefer a redirect in urls/redirects.txt.
    """
    site, generated = _course_urls(directory)
    report = Report()
    found = check_course_urls(site, generated, report)
    if not found.lock.exists:
        click.echo(f"retire: {display_path(site.lock_path)} does not exist: nothing is published yet", err=True)
        sys.exit(EXIT_USAGE)
    if found.lock.malformed:
        print_report(report)
        sys.exit(EXIT_CONTENT)
    problems = []
    wanted = []
    for raw in url_args:
        url = normalise_url(raw, site.site_url)
        problem = url_problem(url)
        if problem is not None:
            problems.append(f"retire: {problem[1]}")
        elif url not in found.lock.urls:
            problems.append(f"retire: '{url}' is not in {display_path(site.lock_path)}: nothing to retire")
        elif url in found.produced:
            problems.append(f"retire: '{url}' still works (a page or a redirect); only URLs that are gone can retire")
        else:
            wanted.append(url)
    if problems:
        for line in problems:
            click.echo(line, err=True)
        sys.exit(EXIT_USAGE)
    site.lock_path.write_text(updated_lock(found.lock, remove=wanted), encoding="utf-8")
    click.echo(f"retire: removed {len(wanted)} URL(s) from {display_path(site.lock_path)}")
    _finish(site, generated, "retire")
