"""`scenariosite scorm`: build the course as one SCO and write a SCORM 1.2 and a
SCORM 2004 package. Registered on the main command in cli.py.

The site is built from the given MkDocs config with the plugin's `scorm` option
on, file URLs (`use_directory_urls: false`) and no instant navigation, whatever
the config says: a platform serves the package as plain files from a folder."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click

from .course_index import SUSPEND_DATA_LIMIT_12, longest_suspend_data
from .manifest import VERSIONS
from .package import PackageError, slug, write_package

EXIT_CONTENT = 1
EXIT_USAGE = 2


def _addition(value: str) -> tuple[Path, str]:
    source, sep, target = value.partition("=")
    if not sep or not source or not target or target.startswith("/") or ".." in Path(target).parts:
        raise click.BadParameter(f"expected SOURCE=PATH_IN_SITE, e.g. vendor/shim.js=assets/shim.js; found {value!r}")
    if not Path(source).is_file():
        raise click.BadParameter(f"{source}: no such file")
    return Path(source), target


@click.command()
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              default=Path("mkdocs.yml"), show_default=True, help="The course's MkDocs config.")  # fmt: skip
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"), show_default=True,
              help="Folder for the two zips.")  # fmt: skip
@click.option("--name", help="File name of the zips, before -scorm12.zip; default: the site name as a slug.")
@click.option("--add", "additions", multiple=True, metavar="SOURCE=PATH",
              help="Copy a file into the site first, e.g. a vendored script named in extra.polyfills.")  # fmt: skip
@click.option("--xsd12", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Folder with the SCORM 1.2 schema files (.xsd), copied into the 1.2 package.")  # fmt: skip
@click.option("--xsd2004", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Folder with the SCORM 2004 4th edition schema files, copied into that package.")  # fmt: skip
def scorm(
    config_file: Path, out: Path, name: str | None, additions: tuple[str, ...], xsd12: Path | None, xsd2004: Path | None
) -> None:
    """Write <name>-scorm12.zip and <name>-scorm2004.zip: the course as one SCO."""
    from ..adapters.mkdocs_build import BuildError, build_site  # imports MkDocs: only for this command

    added = [_addition(value) for value in additions]
    with tempfile.TemporaryDirectory(prefix="scenariosite-scorm-") as work:
        site_dir = Path(work) / "site"
        overrides = {"use_directory_urls": False}
        try:
            site = build_site(config_file, site_dir, {"scorm": True}, overrides=overrides, instant_navigation=False)
        except BuildError as exc:
            click.echo(f"scorm: {exc}", err=True)
            sys.exit(EXIT_CONTENT)
        for source, target in added:
            (site_dir / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, site_dir / target)
        missing = [path for path in site.polyfills if not (site_dir / path).is_file()]
        if missing:
            click.echo(f"scorm: extra.polyfills names {', '.join(missing)}, which the site lacks; "
                       "vendor it with --add SOURCE=PATH", err=True)  # fmt: skip
            sys.exit(EXIT_USAGE)
        stem = slug(name or site.site_name)
        try:
            for version, schemas in zip(VERSIONS, (xsd12, xsd2004), strict=True):
                title = site.site_name
                package = write_package(site_dir, out, version=version, name=stem, title=title, schemas=schemas)
                size = package.path.stat().st_size / 1_000_000
                click.echo(f"scorm: wrote {package.path} (SCORM {version}, {package.files} files, {size:.1f} MB)")
        except PackageError as exc:
            click.echo(f"scorm: {exc}", err=True)
            sys.exit(EXIT_USAGE)
    if site.scorm_index is not None:
        need = len(longest_suspend_data(site.scorm_index))
        scenarios = len(site.scorm_index["scenarios"])
        click.echo(f"scorm: progress needs at most {need} of the {SUSPEND_DATA_LIMIT_12} characters of suspend_data "
                   f"that SCORM 1.2 allows ({scenarios} scenarios)")  # fmt: skip
        if len(longest_suspend_data(site.scorm_index, paths=False)) > SUSPEND_DATA_LIMIT_12:
            click.echo("scorm: warning: in SCORM 1.2 the progress of a learner who plays every scenario will not "
                       "fit in suspend_data; use the SCORM 2004 package", err=True)  # fmt: skip
        elif need > SUSPEND_DATA_LIMIT_12:
            click.echo("scorm: warning: in SCORM 1.2 a learner's current paths are dropped when they do not fit; "
                       "endings reached, first attempts and the score always fit", err=True)  # fmt: skip
