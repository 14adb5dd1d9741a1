"""`scenariosite export`: the course as a tree that MkDocs, ProperDocs or Zensical
turns into the same site with none of this package running at build time.

    OUT/mkdocs.yml   the course's settings plus what the plugin adds (export_config.py)
    OUT/docs/        hand-written pages (descriptions in front matter, course lists
                     filled in), their files, the generated pages, the redirect pages
                     of urls/redirects.txt and the links CSV
    OUT/theme/       the package's theme folder with the course's custom_dir on top

Everything is computed first, the published-URL check included: a course with errors
or a lost URL writes nothing. The tree is written into a sibling folder and swapped
in, so a previous export is replaced whole (no page of a removed scenario lingers).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown

from .. import pipeline
from ..asset_comments import OWN_ASSETS, shipped
from ..diagnostics import Position, Report
from ..published.paths import CourseSite
from .course_config import CourseConfig
from .export_config import DOCS, THEME, ExportSettings, dump_config, exported_config, read_config
from .export_docs import exported_page
from .export_safety import check_script_free
from .mkdocs_plugin import REQUIRED_EXTENSIONS, THEME_DIR

MARKER = ".scenariosite-export"  # names a folder this command wrote, so it may replace it


class ExportError(Exception):
    """The output folder cannot be used (a usage error)."""


@dataclass
class Tree:
    """The exported tree before it is written: text files and files copied as they are."""

    texts: dict[str, str] = field(default_factory=dict)  # path below OUT -> content
    copies: dict[str, Path] = field(default_factory=dict)  # path below OUT -> source file
    pages: int = 0  # generated pages
    redirects: int = 0
    docs: int = 0  # hand-written pages


@dataclass
class BuildSettings:
    """What MkDocs makes of the course's mkdocs.yml, for the parts the export computes."""

    docs_dir: Path
    custom_dir: Path | None
    use_directory_urls: bool
    site_description: str
    extensions: list[Any]  # the Markdown extensions and their options, as MkDocs resolved them
    options: dict[str, Any]

    def to_html(self, markdown: str) -> str:
        return Markdown(extensions=self.extensions, extension_configs=self.options).convert(markdown)


def build_settings(config_file: Path) -> BuildSettings:
    """MkDocs' reading of mkdocs.yml (INHERIT, !ENV, the Markdown extensions and their
    options resolved), so a page's first paragraph is the one the build renders."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        config = load_config(str(config_file))
    except (Abort, ConfigurationError) as exc:  # MkDocs has logged what is wrong
        raise ExportError(f"{config_file}: MkDocs cannot use these settings: {exc}") from None
    missing = [name for name in REQUIRED_EXTENSIONS if name not in config.markdown_extensions]
    if missing:
        raise ExportError(f"{config_file}: the generated pages need these Markdown extensions: {', '.join(missing)}")
    custom = config.theme.custom_dir
    return BuildSettings(
        docs_dir=Path(config.docs_dir),
        custom_dir=Path(custom) if custom else None,
        use_directory_urls=bool(config.use_directory_urls),
        site_description=config.site_description or "",
        extensions=list(config.markdown_extensions),
        options=dict(config.mdx_configs),
    )


def export_tree(
    course_config: CourseConfig,
    directory: Path,
    out: Path,
    report: Report,
    *,
    language: str | None = None,
    site_url: str | None = None,
) -> Tree | None:
    """The whole tree, or None when `report` holds errors (nothing is written then).
    `language` and `site_url` override mkdocs.yml's, in the pages and the config alike."""
    build = build_settings(course_config.config_file)
    settings = dataclasses.replace(
        course_config.settings,
        language=language or course_config.settings.language,
        site_url=course_config.settings.site_url if site_url is None else site_url,
    )
    settings = dataclasses.replace(
        settings, directory=directory, min_coverage=course_config.min_coverage,
        directory_urls=build.use_directory_urls,
    )  # fmt: skip
    site = CourseSite(course_config.config_file.resolve().parent, build.docs_dir, settings.site_url)
    built = pipeline.build(settings, site, warn_new=False)  # the URL-lock check runs before anything is written
    report.diagnostics.extend(built.report.diagnostics)
    result = built.result
    if not built.ok or result.course is None or built.plan is None:
        return None
    plan, generated, redirects = built.plan, built.files, built.redirects
    ui = pipeline.site_ui(result.course, settings.language)

    tree = Tree(pages=len(plan.pages), redirects=len(redirects))
    for src_uri, content in {**generated, **redirects}.items():
        tree.texts[f"{DOCS}/{src_uri}"] = content
    for path in _files(build.docs_dir):
        relative = path.relative_to(build.docs_dir).as_posix()
        if f"{DOCS}/{relative}" in tree.texts:
            continue  # the build lets the generated page win too (the check warns)
        if path.suffix == ".md":
            text, unknown = exported_page(
                path.read_text(encoding="utf-8-sig"),
                relative,
                course=result.course,
                plan=plan,
                ui=ui,
                to_html=build.to_html,
                site_description=build.site_description,
            )
            for name in unknown:
                report.warning(path, Position(1, 1), f"unknown placeholder 'scenariosite: {name}'; known: scenarios")
            tree.texts[f"{DOCS}/{relative}"] = text
            tree.docs += 1
        else:
            tree.copies[f"{DOCS}/{relative}"] = path
    sources = {page.src_uri: Path(page.source_path) for page in plan.pages if page.source_path}
    written = [
        (src_uri, text, sources.get(src_uri) or build.docs_dir / src_uri)
        for src_uri, text in ((name.removeprefix(f"{DOCS}/"), text) for name, text in tree.texts.items())
        if src_uri.endswith(".md")
    ]
    check_script_free(written, build.extensions, build.options, report)
    if report.errors:
        return None
    # The course's custom_dir goes over the package's theme, as the plugin orders them.
    for theme_dir in [Path(THEME_DIR), *([build.custom_dir] if build.custom_dir else [])]:
        for path in _files(theme_dir):
            name = path.relative_to(theme_dir).as_posix()
            tree.texts.pop(f"{THEME}/{name}", None)  # the course's own file wins
            tree.copies[f"{THEME}/{name}"] = path
            if theme_dir == Path(THEME_DIR) and name in OWN_ASSETS:  # shipped as the plugin ships them
                del tree.copies[f"{THEME}/{name}"]
                tree.texts[f"{THEME}/{name}"] = shipped(name, path.read_text(encoding="utf-8"))
    data = read_config(course_config.config_file)
    config_dir = course_config.config_file.resolve().parent
    export = ExportSettings(plan, ui, config_dir, out.resolve(), language=language, site_url=site_url)
    config = exported_config(data, export)
    tree.texts["mkdocs.yml"] = dump_config(config)
    tree.texts[MARKER] = "Written by `scenariosite export`; the next export replaces this folder.\n"
    return tree


def _files(folder: Path) -> list[Path]:
    """Every file below `folder`, skipping dot-entries (MkDocs skips them too)."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        found += [Path(root) / name for name in sorted(names) if not name.startswith(".")]
    return found


def write_tree(tree: Tree, out: Path) -> None:
    """Write into a sibling folder, then swap it in for `out`. Refuses an `out` that
    holds anything but a previous export: the swap would delete it."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise ExportError(f"{out}: not empty and not written by `scenariosite export`; choose a new or empty folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    building = out.with_name(f".{out.name}.exporting-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    try:
        for relative, content in tree.texts.items():
            target = building / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8", newline="")  # the CSV keeps its CRLF
        for relative, source in tree.copies.items():
            target = building / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        if out.exists():
            shutil.rmtree(out)
        building.rename(out)
    finally:
        shutil.rmtree(building, ignore_errors=True)


def describe(tree: Tree, out: Path) -> str:
    return (
        f"export: {tree.pages} generated pages, {tree.redirects} redirect pages, {tree.docs} hand-written pages "
        f"and the theme written to {out}; build with `mkdocs build`, `properdocs build` or `zensical build` there"
    )
