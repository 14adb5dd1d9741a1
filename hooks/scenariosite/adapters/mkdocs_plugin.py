"""The MkDocs adapter: the `scenariosite` plugin, the only module that imports mkdocs.

- load_config: the plugin's options, typed and validated; a bad value is reported at
  its line in mkdocs.yml.
- on_config: load and check the course. A bad scenario aborts here, before MkDocs
  cleans `site/`, so the last good build survives. Pages are planned and rendered
  here too, so the nav can be completed before MkDocs validates it. The package's
  theme folder goes in front of Material's, behind the course's own `custom_dir`.
- on_files: add the rendered pages as in-memory files.
- on_serve: rebuild when a scenario changes.
- on_page_content: a meta description for hand-written pages that have none.

Published URLs are checked in on_config too: a lost URL aborts the build like a
content error; each declared redirect becomes a static page in on_files.
`hooks/scenarios.py` drives the same class for MkDocs' `hooks:` setting.
"""

from __future__ import annotations

import logging
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from .. import asset_comments, doc_placeholders, pipeline
from ..diagnostics import Diagnostic, Report, render, source_lines
from ..mdx import ScriptFreeExtension
from ..model import Course
from ..page_meta import description_from_html
from ..plan import DEFAULT_NAV_SCENARIOS_MAX, SitePlan
from ..published.paths import CourseSite
from ..render import escape_attr
from ..render_memo import RenderMemo
from ..settings_errors import report_option_errors
from . import scorm_options, serve_errors
from .incremental import Incremental
from .reuse import DirtyWarningFilter, PageReuse
from .safe_publish import SafePublish
from .search_cache import SearchEntries
from .theme_env import ThemeEnvironments
from .watching import poll_often

log = logging.getLogger("mkdocs.plugins.scenariosite")  # an mkdocs.* logger: --strict counts its warnings

THEME_DIR = str(resources.files("scenariosite").joinpath("theme"))
# Generated pages use attribute lists ({ .ss-choice }) and Markdown inside HTML blocks.
REQUIRED_EXTENSIONS = {"attr_list": "attribute lists on links and buttons", "md_in_html": "Markdown inside <div>s"}
THEME_ASSETS = {"extra_css": "assets/ss-links.css", "extra_javascript": "assets/ss-links.js"}


class NonNegativeInt(c.Type[int]):
    """A whole number >= 0 (YAML's `true` is not one, though Python calls it an int)."""

    def __init__(self, default: int | None = None) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise base.ValidationError(f"expected a whole number, found {value!r}")
        if value < 0:
            raise base.ValidationError(f"expected a whole number of 0 or more, found {value}")
        return value


class ScenarioSiteConfig(base.Config):  # type: ignore[no-untyped-call]
    dir = c.Type(str, default="scenarios")  # the scenarios folder, relative to mkdocs.yml
    min_coverage = c.Optional(NonNegativeInt())  # overrides every taxonomy's own min_coverage
    nav_scenarios_max = NonNegativeInt(default=DEFAULT_NAV_SCENARIOS_MAX)
    links_page = c.Type(bool, default=True)
    urls_dir = c.Type(str, default="urls")  # the lock of published URLs and the redirects
    custom_templates = c.Optional(c.Type(str))  # searched before the package's page templates
    scorm = c.Type(bool, default=False)  # the SCORM build (scenariosite scorm): launch page and tracking
    scorm_completion = scorm_options.Completion()  # "all", or how many scenarios must reach an ending
    scorm_pass_mark = scorm_options.Percentage(default=80)  # % of scenarios whose first attempt ends good


class ScenarioSitePlugin(BasePlugin[ScenarioSiteConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.plan: SitePlan | None = None
        self.pages: dict[str, str] = {}
        self.course: Course | None = None
        self.ui: dict[str, str] | None = None  # the site's interface texts
        self.directory: Path | None = None
        self.redirects: dict[str, str] = {}  # src_uri -> HTML of a redirect page
        self.urls_dir: Path | None = None
        self.option_source = "plugins"  # where the options sit in mkdocs.yml, for located errors
        self.publish = SafePublish()  # build into a sibling folder, swap in on success
        self.error_page: str | None = None  # serving a course with errors: the page listing them
        self.failed: list[Diagnostic] = []  # the errors that stopped this build
        self.scorm_index: dict[str, Any] | None = None  # what the SCORM tracking knows of the course
        # serve: redo only what a save changed
        self.incremental = Incremental()
        self.theme_envs = ThemeEnvironments()
        self.search_entries = SearchEntries()
        self.reuse = PageReuse()  # serve --dirty: pages a save cannot change are not built again
        self.render_memo: RenderMemo | None = None  # serve: the pages of unchanged scenarios are not rendered again

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> Any:
        errors, warnings = super().load_config(options, config_file_path)
        if errors:
            report_option_errors(config_file_path, self.option_source, errors)
        return errors, warnings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.publish.startup(command, dirty)
        self.incremental.enabled = command == "serve"
        self.render_memo = RenderMemo() if command == "serve" else None
        self.reuse.enabled = command == "serve" and dirty
        if self.reuse.enabled:
            logging.getLogger("mkdocs.commands.build").addFilter(DirtyWarningFilter())

    # Before the search plugin's on_config, which makes theme environments too (in the
    # `hooks:` setup this runs with the rest of on_config, after it: a little slower).
    @event_priority(100)
    def early_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.incremental.enabled:
            self.theme_envs.install(config.theme)
        return config

    def course_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """While serving, a course with errors becomes one page listing them (serve_errors.py)."""
        self.error_page = None
        self.failed = []
        self.incremental.start()
        try:
            return self._configure(config)
        except Abort as exc:
            if self.publish.command != "serve":
                raise
            log.error(str(exc))
            self.error_page = serve_errors.error_site(config, self.failed, "" if self.failed else str(exc))
            return config

    on_config = CombinedEvent(early_config, course_config)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.incremental.settle(config)
        if self.incremental.enabled:
            self.search_entries.install(config)
        self.reuse.start()

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        _require_extensions(config)
        _add_theme(config)
        options = self.config
        root = Path(config.config_file_path or ".").resolve().parent
        directory = root / options.dir
        self.directory = directory
        language = config.theme.get("language") or "nl"
        settings = pipeline.Settings(
            language=language,
            site_url=config.site_url or "",
            nav_scenarios_max=options.nav_scenarios_max,
            links_page=options.links_page,
            custom_templates=self._custom_templates(config, root),
            directory=directory,
            min_coverage=options.min_coverage,
            directory_urls=config.use_directory_urls,
        )
        site = CourseSite(root, Path(config.docs_dir), settings.site_url)
        self.urls_dir = site.lock_path.parent
        try:
            # New URLs not in the lock yet are `scenariosite check --strict`'s to fail on (CI).
            built = pipeline.build(settings, site, warn_new=False, memo=self.render_memo)
        except pipeline.CourseDirectoryError as exc:
            raise Abort(str(exc)) from None
        _emit(built.report)
        result = built.result
        if not result.ok:
            self.failed = result.report.errors
            raise Abort(
                f"{len(result.report.errors)} error(s) in {os.path.relpath(directory)}: nothing was built, "
                "the previous site is untouched"
            )
        assert result.course is not None and built.plan is not None and built.urls is not None
        self.plan, self.pages, self.redirects = built.plan, built.files, built.redirects
        self.course = result.course  # for the lists on hand-written pages (doc_placeholders)
        # The theme partials show UI strings too: the presenter button, the keys
        # overlay, and the texts our JS writes.
        self.ui = config.extra["scenariosite_ui"] = pipeline.site_ui(result.course, settings.language)
        if built.urls.lock.exists and built.urls.new_urls:
            lock = os.path.relpath(site.lock_path)
            log.info(f"{len(built.urls.new_urls)} new URL(s) are not in {lock} yet: run `scenariosite lock`")
        if built.report.errors:
            self.failed = built.report.errors
            problems = len(built.report.errors)
            raise Abort(f"{problems} problem(s) with published URLs: nothing was built, the previous site is untouched")
        warnings = len(built.report.warnings)
        if config.strict and warnings:  # MkDocs would say so only after writing every page
            raise Abort(f"{warnings} warning(s) in strict mode: nothing was built, the previous site is untouched")
        config.site_dir = self.publish.begin(config.site_dir)
        if config.nav is not None:
            config.nav = complete_nav(config.nav, self.plan)
        config.markdown_extensions.append(ScriptFreeExtension())  # type: ignore[arg-type]  # Markdown takes instances too
        if options.scorm:
            assert result.course is not None
            scorm_options.add_tracking(config)
            extra, self.scorm_index = scorm_options.scorm_files(
                config, result.course, options.scorm_completion, options.scorm_pass_mark
            )
            self.pages.update(extra)
        return config

    def _custom_templates(self, config: MkDocsConfig, root: Path) -> Path | None:
        """The course's own templates folder (relative to mkdocs.yml), checked like an option."""
        folder = self.config.custom_templates
        if folder is None:
            return None
        path = root / folder
        if not path.is_dir():
            problem = ("custom_templates", f"no folder {path}")
            report_option_errors(config.config_file_path, self.option_source, [problem])
            raise Abort("scenariosite option 'custom_templates' names no folder: nothing was built")
        return path

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.error_page is not None:
            return serve_errors.error_files(config, self.error_page)
        assert self.plan is not None
        docs_dir = Path(config.docs_dir)
        pages = {page.src_uri: page for page in self.plan.pages}
        for src_uri, content in self.pages.items():
            page = pages.get(src_uri)
            if page is None:  # a static file, such as the links CSV
                files.append(File.generated(config, src_uri, content=content))
                continue
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            generated = File.generated(config, src_uri, content=content, inclusion=inclusion)
            if page.source_path:
                generated.edit_uri = Path(os.path.relpath(page.source_path, docs_dir)).as_posix()
            files.append(generated)
        for src_uri, content in self.redirects.items():
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        poll_often(server)
        if self.directory is not None:
            server.watch(str(self.directory))
        if self.urls_dir is not None and self.urls_dir.is_dir():
            server.watch(str(self.urls_dir))
        return server

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.incremental.navigation(nav, files)
        good = self.error_page is None
        self.reuse.decide(files, self.plan if good else None, set(self.pages) if good else set(),
                          self.incremental.site_key, self._expand if good else None)  # fmt: skip
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.incremental.enabled:  # serving; `mkdocs build` needs none of it
            self.reuse.restore(files)
            self.search_entries.keep(files, self.reuse.skipped)
            self.incremental.environment(env, files, skip=self.reuse.skipped)
        return env

    @event_priority(-100)  # last: the context is final, search has indexed the page
    def on_page_context(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Navigation) -> Any:
        self.reuse.capture(page)
        return self.incremental.context(context, page)

    @event_priority(100)  # first: the theme's output as it came, before any plugin edits it
    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        self.incremental.post_page(output, page)
        return output

    @event_priority(-100)  # last: every other plugin has written its files by then
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        asset_comments.strip_site_assets(Path(config.site_dir))  # the page weight budget
        self.reuse.finish(config.site_dir, set(config.theme.static_templates))
        published = self.publish.finish(config.strict)
        if published is not None:
            config.site_dir = published  # gh-deploy pushes from here

    def on_build_error(self, *, error: Exception) -> None:
        self.publish.discard()
        self.reuse.discard()

    def _expand(self, markdown: str, src_uri: str) -> tuple[str, list[str]]:
        """A hand-written page's Markdown with the course's placeholders filled in."""
        assert self.course is not None and self.plan is not None and self.ui is not None
        return doc_placeholders.expand(markdown, src_uri, self.course, self.plan, self.ui)

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """A generated page's title is already HTML (the render stage escapes it, as MkDocs
        keeps the titles it takes from an h1). Say so to Jinja: Material's footer puts the
        next and previous titles through `| e` into an aria-label, which would otherwise
        escape them twice, and the label would no longer match the visible text (axe
        label-content-name-mismatch on any title with a quote or an ampersand)."""
        if page.file.src_uri in self.pages and isinstance(page.meta.get("title"), str):
            page.meta["title"] = Markup(page.meta["title"])
        elif page.file.src_uri not in self.pages and self.course is not None and self.plan is not None:
            markdown, unknown = self._expand(markdown, page.file.src_uri)
            for name in unknown:
                log.warning(f"{page.file.src_uri}: unknown placeholder 'scenariosite: {name}'; known: scenarios")
        if page.file.src_uri in self.pages:  # hand-written pages render afresh: their link warnings stay
            self.incremental.markdown_ready(page, markdown, config)
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Hand-written pages: Material writes `description` into HTML unescaped, and
        generated pages escape theirs; escape this one too, or take the first paragraph."""
        if page.file.src_uri not in self.pages:
            text = page.meta.get("description") or description_from_html(html) or config.site_description or ""
            page.meta["description"] = escape_attr(str(text))
        return html


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


def _require_extensions(config: MkDocsConfig) -> None:
    """Without these, every generated page shows raw `{ .ss-choice ... }` and the build
    still passes: fail first, naming what to add."""
    missing = [name for name in REQUIRED_EXTENSIONS if name not in config.markdown_extensions]
    if missing:
        where = config.config_file_path or "mkdocs.yml"
        needs = "; ".join(f"{name} ({REQUIRED_EXTENSIONS[name]})" for name in missing)
        lines = "\n".join(f"  - {name}" for name in missing)
        raise Abort(f"{where}: the scenariosite plugin needs these Markdown extensions: {needs}. "
                    f"Add them under markdown_extensions:\n{lines}")  # fmt: skip


def _add_theme(config: MkDocsConfig) -> None:
    """Our partials and assets ship in the package: put them in front of Material's
    templates and behind the course's own custom_dir, so a course overrides them."""
    if config.theme.name != "material":
        where = config.config_file_path or "mkdocs.yml"
        raise Abort(f"{where}: the scenariosite plugin needs theme 'material', found {config.theme.name!r}")
    dirs = config.theme.dirs
    if THEME_DIR not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, THEME_DIR)
    for key, asset in THEME_ASSETS.items():
        values = [str(item) for item in config[key]]
        if asset not in values:
            config[key].append(asset)


def _emit(report: Report) -> None:
    """Errors with their source line to stderr; warnings through MkDocs' logger, so --strict counts them."""
    for diagnostic in report.sorted():
        if diagnostic.severity == "error":
            print(render(diagnostic, source_lines(diagnostic.path)), file=sys.stderr)
        else:
            log.warning(diagnostic.headline())
