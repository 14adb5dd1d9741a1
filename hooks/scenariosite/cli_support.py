"""What every command shares: exit codes, the default folder, loading a course or
exiting with a usage error, and printing a report with source lines."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import pipeline
from .diagnostics import Report, render, source_lines

DEFAULT_DIR = Path("scenarios")
EXIT_CONTENT = 1
EXIT_USAGE = 2


def print_report(report: Report) -> None:
    for diagnostic in report.sorted():
        click.echo(render(diagnostic, source_lines(diagnostic.path)), err=True)


def load_or_exit(directory: Path, min_coverage: int | None = None) -> pipeline.Result:
    try:
        return pipeline.load_course(directory, min_coverage=min_coverage)
    except pipeline.CourseDirectoryError as exc:
        click.echo(f"scenariosite: {exc}", err=True)
        sys.exit(EXIT_USAGE)
