"""The `scenariosite` command (also `python -m scenariosite`).

Exit codes: 0 fine, 1 content errors (or warnings with --strict), 2 usage errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import pipeline, urls
from .authoring_commands import new, schema, stats
from .diagnostics import Report, render, source_lines
from .model import TAXONOMY_MODELS
from .scorm.command import scorm
from .url_commands import lock, retire

DEFAULT_DIR = Path("scenarios")
EXIT_CONTENT = 1
EXIT_USAGE = 2


def print_report(report: Report) -> None:
    for diagnostic in report.sorted():
        click.echo(render(diagnostic, source_lines(diagnostic.path)), err=True)


def load_or_exit(directory: Path, min_coverage: int = 1) -> pipeline.Result:
    try:
        return pipeline.load_course(directory, min_coverage=min_coverage)
    except pipeline.CourseDirectoryError as exc:
        click.echo(f"scenariosite: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def coverage_lines(result: pipeline.Result, wanted: int) -> list[str]:
    assert result.coverage is not None
    lines = [f"coverage (scenarios that practise each entry; wanted at least {wanted}):"]
    for name in TAXONOMY_MODELS:
        entries = result.coverage.scenarios[name]
        shown = ", ".join(f"{entry} {len(ids)}{'' if len(ids) >= wanted else ' (!)'}" for entry, ids in entries.items())
        lines.append(f"  {name}: {shown}")
    return lines


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scenariosite")
def main() -> None:
    """Build training sites from scenario YAML files."""


@main.command()
@click.argument("directory", type=click.Path(path_type=Path), default=DEFAULT_DIR)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--min-coverage", type=click.IntRange(min=1), default=1, show_default=True,
              help="Warn when a taxonomy entry is practised by fewer scenarios.")  # fmt: skip
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the summary line.")
def check(directory: Path, strict: bool, min_coverage: int, quiet: bool) -> None:
    """Validate a scenarios directory and report every problem at once."""
    result = load_or_exit(directory, min_coverage)
    report = result.report
    pages = 0
    if result.ok:
        plan, files = pipeline.plan_files(result, pipeline.Settings())  # rendering is the build's job
        pages = len(plan.pages)
        urls.check_course_urls(urls.course_site(directory), files, report)
    print_report(report)
    if result.ok and not quiet:
        for line in coverage_lines(result, min_coverage):
            click.echo(line)
    scenarios = len(result.course.scenarios) if result.course else len(pipeline.scenario_files(directory))
    errors, warnings = len(report.errors), len(report.warnings)
    click.echo(f"check: {scenarios} scenarios, {pages} pages, {errors} error(s), {warnings} warning(s)")
    if errors or (strict and warnings):
        sys.exit(EXIT_CONTENT)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path), default=DEFAULT_DIR)
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder to write the Markdown tree into (created if needed).")  # fmt: skip
@click.option("--language", default="nl", show_default=True, help="UI language of the generated pages.")
@click.option("--site-url", default="", help="Public URL of the site, for full links on the links page.")
def export(directory: Path, out: Path, language: str, site_url: str) -> None:
    """Write the generated pages as a Markdown tree that any MkDocs-compatible tool builds."""
    result = load_or_exit(directory)
    print_report(result.report)
    if not result.ok:
        sys.exit(EXIT_CONTENT)
    _, files = pipeline.generate(result, pipeline.Settings(language=language, site_url=site_url))
    for src_uri, content in files.items():
        target = out / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    click.echo(f"export: wrote {len(files)} files to {out}")


main.add_command(lock)
main.add_command(new)
main.add_command(schema)
main.add_command(stats)
main.add_command(retire)
main.add_command(scorm)

if __name__ == "__main__":  # pragma: no cover
    main()
