"""The MkDocs adapter: the only module that imports mkdocs.

- on_config: load and check the course. A bad scenario aborts here, before MkDocs
  cleans `site/`, so the last good build survives. Pages are planned and rendered
  here too, so the nav can be completed before MkDocs validates it.
- on_files: add the rendered pages as in-memory files.
- on_serve: rebuild when a scenario changes.
- on_page_content: a meta description for hand-written pages that have none.

Published URLs are checked in on_config too (urls.py): a lost URL aborts the build
like a content error; each declared redirect becomes a static page in on_files.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import pipeline, urls
from ..diagnostics import Report, render, source_lines
from ..mdx import ScriptFreeExtension
from ..page_meta import description_from_html
from ..plan import DEFAULT_NAV_SCENARIOS_MAX, SitePlan
from ..redirect_pages import course_redirects
from ..render import escape_attr
from ..strings import ui_strings

log = logging.getLogger("mkdocs.plugins.scenariosite")  # an mkdocs.* logger: --strict counts its warnings


class _State:
    plan: SitePlan | None = None
    pages: dict[str, str] = {}
    sources: dict[str, str] = {}
    directory: Path | None = None
    redirects: dict[str, str] = {}  # src_uri -> HTML of a redirect page
    urls_dir: Path | None = None


state = _State()


def settings_of(config: MkDocsConfig) -> dict[str, Any]:
    extra: dict[str, Any] = dict(config.extra or {})
    return dict(extra.get("scenariosite") or {})


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    options = settings_of(config)
    root = Path(config.config_file_path or ".").resolve().parent
    directory = root / options.get("dir", "scenarios")
    state.directory = directory
    try:
        result = pipeline.load_course(directory, min_coverage=int(options.get("min_coverage", 1)))
    except pipeline.CourseDirectoryError as exc:
        raise Abort(str(exc)) from None

    _emit(result.report)
    if not result.ok:
        raise Abort(
            f"{len(result.report.errors)} error(s) in {os.path.relpath(directory)}: nothing was built, "
            "the previous site is untouched"
        )

    settings = pipeline.Settings(
        language=config.theme.get("language") or "nl",
        site_url=config.site_url or "",
        nav_scenarios_max=int(options.get("nav_scenarios_max", DEFAULT_NAV_SCENARIOS_MAX)),
    )
    state.plan, state.pages = pipeline.generate(result, settings)
    # The theme overrides (overrides/main.html) show UI strings too: the presenter
    # button, the keys overlay, and the texts our JS writes.
    config.extra["scenariosite_ui"] = ui_strings(settings.language)
    state.sources = {page.src_uri: page.source_path for page in state.plan.pages if page.source_path}
    site = urls.CourseSite(root, Path(config.docs_dir), settings.site_url)
    state.urls_dir = site.lock_path.parent
    url_report = Report()
    language = settings.language
    found, state.redirects = course_redirects(
        site, state.plan, state.pages, language=language, report=url_report, directory_urls=config.use_directory_urls
    )
    _emit(url_report)
    if found.lock.exists and found.new_urls:  # `scenariosite check --strict` (CI) fails on these
        lock = os.path.relpath(site.lock_path)
        log.info(f"{len(found.new_urls)} new URL(s) are not in {lock} yet: run `scenariosite lock`")
    if url_report.errors:
        problems = len(url_report.errors)
        raise Abort(f"{problems} problem(s) with published URLs: nothing was built, the previous site is untouched")
    if config.nav is not None:
        config.nav = complete_nav(config.nav, state.plan)
    config.markdown_extensions.append(ScriptFreeExtension())  # type: ignore[arg-type]  # Markdown takes instances too
    return config


def complete_nav(nav: list[Any], plan: SitePlan) -> list[Any]:
    """Expand each generated section index named in mkdocs.yml (e.g.
    `- Scenario's: scenarios/index.md`) into a section holding its pages."""
    completed: list[Any] = []
    for item in nav:
        title, target = next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (None, item)
        if isinstance(target, str) and target in plan.nav:
            title = title or next(p.title for p in plan.pages if p.src_uri == target)
            completed.append({title: [target, *plan.nav[target]]})
        elif isinstance(target, list):
            completed.append({title: complete_nav(target, plan)} if title is not None else complete_nav(target, plan))
        else:
            completed.append(item)
    return completed


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert state.plan is not None
    docs_dir = Path(config.docs_dir)
    pages = {page.src_uri: page for page in state.plan.pages}
    for src_uri, content in state.pages.items():
        page = pages.get(src_uri)
        if page is None:  # a static file, such as the links CSV
            files.append(File.generated(config, src_uri, content=content))
            continue
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        generated = File.generated(config, src_uri, content=content, inclusion=inclusion)
        if page.source_path:
            generated.edit_uri = Path(os.path.relpath(page.source_path, docs_dir)).as_posix()
        files.append(generated)
    for src_uri, content in state.redirects.items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    if state.directory is not None:
        server.watch(str(state.directory))
    if state.urls_dir is not None and state.urls_dir.is_dir():
        server.watch(str(state.urls_dir))
    return server


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    """A generated page's title is already HTML (the render stage escapes it, as MkDocs
    keeps the titles it takes from an h1). Say so to Jinja: Material's footer puts the
    next and previous titles through `| e` into an aria-label, which would otherwise
    escape them twice, and the label would no longer match the visible text (axe
    label-content-name-mismatch on any title with a quote or an ampersand)."""
    if page.file.src_uri in state.pages and isinstance(page.meta.get("title"), str):
        page.meta["title"] = Markup(page.meta["title"])
    return markdown


def on_page_content(html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages: Material writes `description` into HTML unescaped, and
    generated pages escape theirs; escape this one too, or take the first paragraph."""
    if page.file.src_uri not in state.pages:
        text = page.meta.get("description") or description_from_html(html) or config.site_description or ""
        page.meta["description"] = escape_attr(str(text))
    return html


def _emit(report: Report) -> None:
    """Errors with their source line to stderr; warnings through MkDocs' logger, so --strict counts them."""
    for diagnostic in report.sorted():
        if diagnostic.severity == "error":
            print(render(diagnostic, source_lines(diagnostic.path)), file=sys.stderr)
        else:
            log.warning(diagnostic.headline())
