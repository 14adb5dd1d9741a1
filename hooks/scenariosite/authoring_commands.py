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
from .cli_support import DEFAULT_DIR, EXIT_CONTENT, EXIT_USAGE, load_or_exit, print_report
from .declaration import load_declaration
from .diagnostics import Report, display_path
from .stats import course_positions, course_stats, format_positions, format_stats


@click.command()
@click.option("--dir", "directory", type=click.Path(path_type=Path), default=DEFAULT_DIR, show_default=True,
              help="The scenarios directory (its course.yaml and taxonomies shape the schemas).")  # fmt: skip
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder to write the schema files into [default: DIR/schemas].")  # fmt: skip
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if the files differ from the course.")
def schema(directory: Path, out: Path | None, check_only: bool) -> None:
    """Write JSON Schemas for the course's files, for editor completion and validation."""
    out = out or directory / schemas.SCHEMAS_FOLDER
    found = course_schemas(directory)
    if check_only:
        stale = schemas.stale(out, found)
        for path in stale:
            click.echo(f"{display_path(path)}: out of date; run `scenariosite schema --out {out}`", err=True)
        if stale:
            sys.exit(EXIT_CONTENT)
        click.echo(f"schema: {len(found)} files in {display_path(out)} match the course")
        return
    written = schemas.write(out, found)
    click.echo(f"schema: wrote {len(written)} files to {display_path(out)}")


def course_schemas(directory: Path) -> dict[str, str]:
    """The schemas of the course in `directory`, or exit when its declaration is unusable."""
    report = Report()
    declaration, _ = load_declaration(directory, report)
    if declaration is None:
        print_report(report)
        sys.exit(EXIT_CONTENT)
    return schemas.all_schemas(declaration, schemas.known_ids(directory, declaration))


@click.command()
@click.argument("target", type=click.Path(path_type=Path, file_okay=False))
@click.option("--lang", "language", type=click.Choice(scaffold.STARTER_LANGUAGES), default="en", show_default=True,
              help="Language of the site and of the example texts.")  # fmt: skip
@click.option("--name", "site_name", default=None, help="The course's title (site_name).")
def init(target: Path, language: str, site_name: str | None) -> None:
    """Create a new course repository in TARGET: mkdocs.yml, a course, one scenario, a home page."""
    try:
        files = scaffold.init(target, language, site_name)
    except scaffold.ScaffoldError as exc:
        click.echo(f"scenariosite init: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"init: wrote {len(files)} files to {display_path(target)}; see its README.md for the two commands")


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
