"""`scenariosite export`: registered on the main command in cli.py; the work is in
adapters/export_tree.py. It reads the settings as `check` does (the plugin's options
in mkdocs.yml), since the tree must be the site the build makes from them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_support import EXIT_CONTENT, EXIT_USAGE, print_report
from .diagnostics import Report
from .pipeline import CourseDirectoryError

CONFIG_FILE = Path("mkdocs.yml")


def config_file_of(directory: Path | None, config_file: Path | None) -> Path:
    """-f, else the mkdocs.yml next to the scenarios folder named, else ./mkdocs.yml."""
    if config_file is not None:
        return config_file
    if directory is not None:
        return directory.resolve().parent / CONFIG_FILE
    return CONFIG_FILE


@click.command()
@click.argument("directory", type=click.Path(path_type=Path), required=False)
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder for the tree: mkdocs.yml, docs/, theme/ (an earlier export there is replaced).")  # fmt: skip
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False),
              help="The course's mkdocs.yml (default: the one next to DIR, else ./mkdocs.yml).")  # fmt: skip
@click.option("--language", default=None, help="UI language (default: theme.language in mkdocs.yml).")
@click.option("--site-url", default=None, help="Public URL of the site (default: site_url in mkdocs.yml).")
def export(
    directory: Path | None, out: Path, config_file: Path | None, language: str | None, site_url: str | None
) -> None:
    """Write the whole site as a tree that MkDocs, ProperDocs or Zensical build without scenariosite."""
    # mkdocs is imported only here: the other commands start without it.
    from .adapters.course_config import SettingsError, load_course_config
    from .adapters.export_tree import ExportError, describe, export_tree, write_tree

    config_file = config_file_of(directory, config_file)
    if not config_file.is_file():
        click.echo(f"scenariosite export: {config_file}: no such settings file; name the course's "
                   "mkdocs.yml with -f (the export is the site the build makes from it)", err=True)  # fmt: skip
        sys.exit(EXIT_USAGE)
    try:
        course = load_course_config(config_file)
    except SettingsError as exc:
        print_report(exc.report)
        sys.exit(EXIT_USAGE)
    report = Report()
    report.diagnostics.extend(course.warnings.diagnostics)
    try:
        tree = export_tree(course, directory or course.directory, out, report, language=language, site_url=site_url)
        print_report(report)
        if tree is None:
            click.echo(f"export: {len(report.errors)} error(s): nothing was written", err=True)
            sys.exit(EXIT_CONTENT)
        write_tree(tree, out)
    except (CourseDirectoryError, ExportError) as exc:
        click.echo(f"scenariosite export: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(describe(tree, out))
