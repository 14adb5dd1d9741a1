"""The `scenariosite` command (also `python -m scenariosite`).

Exit codes: 0 fine, 1 content errors (or warnings with --strict), 2 usage errors.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from . import pipeline, schema
from .authoring_commands import init, new, stats
from .authoring_commands import schema as schema_command
from .check import wanted_coverage
from .cli_support import EXIT_CONTENT, EXIT_USAGE, print_report
from .declaration import Declaration
from .diagnostics import Position, Report, display_path
from .docs_links import check_docs_links
from .export_command import export
from .scorm.command import scorm
from .url_commands import lock, retire


def coverage_lines(result: pipeline.Result, override: int | None) -> list[str]:
    assert result.coverage is not None and result.course is not None
    lines = ["coverage (scenarios that practise each entry):"]
    for name, entries in result.coverage.scenarios.items():
        wanted = wanted_coverage(result.course, name, override)
        shown = ", ".join(f"{entry} {len(ids)}{'' if len(ids) >= wanted else ' (!)'}" for entry, ids in entries.items())
        lines.append(f"  {name} (wanted at least {wanted}): {shown}")
    return lines


def warn_stale_schemas(directory: Path, declaration: Declaration, report: Report) -> None:
    """Editors validate against `schemas/`: out of date, they would flag valid ids or
    miss wrong ones. Only where the course keeps schemas."""
    folder = directory / schema.SCHEMAS_FOLDER
    if not folder.is_dir():
        return
    stale = schema.stale(folder, schema.all_schemas(declaration, schema.known_ids(directory, declaration)))
    for path in stale:
        hint = f"run `scenariosite schema --dir {display_path(directory)}`"
        report.warning(path, Position(1, 1), f"editor schema out of date with the course; {hint}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scenariosite")
def main() -> None:
    """Build training sites from scenario YAML files."""


@main.command()
@click.argument("directory", type=click.Path(path_type=Path), required=False)
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False),
              help="Read the settings from this mkdocs.yml (default: ./mkdocs.yml when no DIR is given).")  # fmt: skip
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--min-coverage", type=click.IntRange(min=1), default=None,
              help="Warn when a taxonomy entry is practised by fewer scenarios (default: the min_coverage "
                   "setting in mkdocs.yml, else each taxonomy's min_coverage in course.yaml).")  # fmt: skip
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the summary line.")
def check(
    directory: Path | None, config_file: Path | None, strict: bool, min_coverage: int | None, quiet: bool
) -> None:
    """Validate a scenarios directory (by default the one mkdocs.yml names) and report every problem at once."""
    from .adapters.course_config import SettingsError, check_inputs  # imports mkdocs: only when checking

    try:
        inputs = check_inputs(directory, config_file, min_coverage)
    except SettingsError as exc:
        print_report(exc.report)
        sys.exit(EXIT_USAGE)
    directory, min_coverage = inputs.directory, inputs.min_coverage
    settings = dataclasses.replace(inputs.settings, directory=directory, min_coverage=min_coverage)
    try:
        built = pipeline.build(settings, inputs.site, render=False)  # rendering is the build's job
    except pipeline.CourseDirectoryError as exc:
        click.echo(f"scenariosite: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    result, report = built.result, built.report
    report.diagnostics.extend(inputs.report.diagnostics)
    pages = len(built.plan.pages) if built.plan else 0
    if built.urls is not None:
        check_docs_links(inputs.site.docs_dir, built.files, built.urls.redirects, report)
    if result.course is not None:
        warn_stale_schemas(directory, result.course.declaration, report)
    print_report(report)
    if result.ok and not quiet:
        for line in coverage_lines(result, min_coverage):
            click.echo(line)
    scenarios = (
        len(result.course.scenarios) if result.course else len(pipeline.scenario_files(directory, result.declaration))
    )
    errors, warnings = len(report.errors), len(report.warnings)
    click.echo(f"check: {scenarios} scenarios, {pages} pages, {errors} error(s), {warnings} warning(s)")
    if errors or (strict and warnings):
        sys.exit(EXIT_CONTENT)


main.add_command(export)
main.add_command(init)
main.add_command(lock)
main.add_command(new)
main.add_command(schema_command)
main.add_command(stats)
main.add_command(retire)
main.add_command(scorm)

if __name__ == "__main__":  # pragma: no cover
    main()
