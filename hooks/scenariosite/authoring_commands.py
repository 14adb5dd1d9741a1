"""`scenariosite schema`, `new` and `stats`: the commands that help authors write.
Registered on the main command in cli.py; the logic lives in schema.py, scaffold.py
and stats.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import scaffold
from . import schema as schemas
from .diagnostics import display_path
from .stats import course_positions, course_stats, format_positions, format_stats

DEFAULT_DIR = Path("scenarios")
EXIT_CONTENT = 1
EXIT_USAGE = 2


@click.command()
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_DIR / "schemas",
              show_default=True, help="Folder to write the schema files into.")  # fmt: skip
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if the files differ from the models.")
def schema(out: Path, check_only: bool) -> None:
    """Write JSON Schemas for scenario and taxonomy files, for editor completion and validation."""
    if check_only:
        stale = schemas.stale(out)
        for path in stale:
            click.echo(f"{display_path(path)}: out of date; run `scenariosite schema --out {out}`", err=True)
        if stale:
            sys.exit(EXIT_CONTENT)
        click.echo(f"schema: {len(schemas.NAMES)} files in {display_path(out)} match the models")
        return
    written = schemas.write(out)
    click.echo(f"schema: wrote {len(written)} files to {display_path(out)}")


@click.command()
@click.argument("scenario_id", metavar="ID")
@click.option("--dir", "directory", type=click.Path(path_type=Path), default=DEFAULT_DIR, show_default=True,
              help="The scenarios directory (its taxonomies supply the ids the new scenario uses).")  # fmt: skip
def new(scenario_id: str, directory: Path) -> None:
    """Create ID.yaml: a commented scenario with one step, two choices and two endings."""
    try:
        target = scaffold.create(scenario_id, directory)
    except scaffold.ScaffoldError as exc:
        click.echo(f"scenariosite new: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"new: wrote {display_path(target)}; run `scenariosite check {display_path(directory)}` after each edit")


@click.command()
@click.argument("directory", type=click.Path(path_type=Path), default=DEFAULT_DIR)
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
def stats(directory: Path, as_json: bool) -> None:
    """Per scenario: steps, choices, endings, paths to each ending, and the recommended route."""
    from .cli import load_or_exit, print_report  # cli imports this module at load time

    result = load_or_exit(directory)
    if not result.ok or result.course is None:
        print_report(result.report)
        click.echo(
            f"stats: {len(result.report.errors)} error(s); run `scenariosite check` and fix them first", err=True
        )
        sys.exit(EXIT_CONTENT)
    found = course_stats(result.course)
    if as_json:
        click.echo(json.dumps([item.as_dict() for item in found], indent=2, ensure_ascii=False))
    else:
        for item in found:
            click.echo("\n".join(format_stats(item)))
        click.echo(f"course: recommended choice shown as: {format_positions(course_positions(found))}")
    problems = [item for item in found if item.recommended_problem]
    if problems:
        click.echo(f"stats: the recommended route of {len(problems)} scenario(s) misses a good ending", err=True)
        sys.exit(EXIT_CONTENT)
