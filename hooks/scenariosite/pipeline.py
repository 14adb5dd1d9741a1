"""The orchestrator: `build(settings) -> Build` runs every stage, load → model →
check → plan → render → published URLs, for the MkDocs plugin, `check` and `export`
alike. Each file goes as far as it can: a file YAML cannot parse stops there; a
scenario the model rejects still has its references checked (see check.py), so one
run reports every mistake. Only a course without errors goes on to plan and render."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import validation
from .check import Coverage, check_course
from .declaration import DECLARATION_FILE, Declaration, course_file_names, load_declaration
from .diagnostics import Position, Report
from .links import CSV_SRC, links_csv
from .load import Document, load_file
from .model import Course, Models, build_models
from .plan import DEFAULT_NAV_SCENARIOS_MAX, SitePlan, plan_site
from .published.check import UrlCheck, check_course_urls
from .published.paths import CourseSite
from .published.redirect_pages import course_redirects
from .render import Renderer
from .render_memo import RenderMemo
from .source_files import refuse_outside
from .strings import course_ui


class CourseDirectoryError(Exception):
    """The directory itself is unusable: a usage error, not a content error."""


@dataclass
class Result:
    course: Course | None  # None when errors stopped the run before checking
    report: Report
    coverage: Coverage | None = None
    declaration: Declaration | None = None  # the course's shape, when it could be read

    @property
    def ok(self) -> bool:
        return self.course is not None and not self.report.errors


def scenario_files(directory: Path, declaration: Declaration | None = None) -> list[Path]:
    """Every *.yaml in the folder but the declaration and the taxonomy files."""
    other = course_file_names(directory, declaration)
    return sorted(p for p in directory.glob("*.yaml") if p.is_file() and p.name not in other)


def load_course(directory: Path, *, min_coverage: int | None = None) -> Result:
    """`min_coverage`: overrides every taxonomy's own `min_coverage` when given."""
    if not directory.is_dir():
        raise CourseDirectoryError(f"{directory}: not a directory with scenarios")
    report = Report()
    declaration, _ = load_declaration(directory, report)
    if declaration is None:  # without its shape, nothing else in the course can be judged
        return Result(None, report)
    models = build_models(declaration)
    course = Course(directory=directory, declaration=declaration)

    for name in declaration.taxonomies:
        filename = declaration.file_of(name)
        path = directory / filename
        if not path.exists():
            report.error(path, Position(1, 1), f"taxonomy file {filename} is missing; create it (a list of entries)")
            continue
        _load_taxonomy(path, name, course, models, report)
    for stray in sorted(directory.glob("*.yml")):
        report.warning(stray, Position(1, 1), "ignored: scenario files must end in .yaml")
    rejected: list[Document] = []
    for path in scenario_files(directory, declaration):
        _load_scenario(path, course, models, report, rejected)

    coverage = check_course(course, report, min_coverage=min_coverage, rejected=rejected)
    if report.errors:
        return Result(None, report, declaration=declaration)
    return Result(course, report, coverage, declaration)


def _load_taxonomy(path: Path, name: str, course: Course, models: Models, report: Report) -> None:
    doc = load_file(path, report) if refuse_outside(path, course.directory, report) else None
    if doc is None:
        return
    course.taxonomy_documents[name] = doc
    if not isinstance(doc.data, list):
        report.error(path, Position(1, 1), f"{path.name} must be a list of entries, each starting with '- id: ...'")
        return
    entries = course.taxonomy(name)
    for index, item in enumerate(doc.data):
        entry = validation.validate(doc, models.entries[name], report, item, prefix=(index,))
        if entry is not None:
            entries.setdefault(entry.id, entry)


def _load_scenario(path: Path, course: Course, models: Models, report: Report, rejected: list[Document]) -> None:
    doc = load_file(path, report) if refuse_outside(path, course.directory, report) else None
    if doc is None:
        return
    if isinstance(doc.data, list):  # most likely a taxonomy the course does not declare
        undeclared = f"{DECLARATION_FILE} declares no taxonomy with 'file: {path.name}'"
        report.error(path, Position(1, 1), f"{path.name} is a list, like a taxonomy's entries, but {undeclared}; "
                     "declare it there, or make this a scenario")  # fmt: skip
        return
    if not isinstance(doc.data, dict):
        report.error(path, Position(1, 1), "a scenario file must be a mapping of fields, starting with 'title: ...'")
        return
    data = dict(doc.data)
    data.setdefault("id", path.stem)
    scenario = validation.validate(doc, models.scenario, report, data)
    if scenario is None:
        rejected.append(doc)
        return
    if scenario.id in course.scenarios:
        other = course.documents[scenario.id].path.name
        report.error(
            path,
            doc.locate(("id",), key=True),
            f"scenario id '{scenario.id}' is already used by {other}; ids must be unique (they make the URLs)",
        )
        return
    course.scenarios[scenario.id] = scenario
    course.documents[scenario.id] = doc


@dataclass(frozen=True)
class Settings:
    """The site settings the stages need, read once from mkdocs.yml (the plugin options, theme.language, site_url)."""

    language: str = "nl"
    site_url: str = ""
    nav_scenarios_max: int = DEFAULT_NAV_SCENARIOS_MAX
    links_page: bool = True
    custom_templates: Path | None = None  # a folder of templates searched before the package's
    directory: Path = Path("scenarios")  # the course: course.yaml, taxonomies, scenarios
    min_coverage: int | None = None  # overrides each taxonomy's own min_coverage when set
    directory_urls: bool = True  # MkDocs' use_directory_urls (redirect pages point at files without it)


def site_ui(course: Course, language: str) -> dict[str, str]:
    """The interface texts of the site: the language's catalogue and the course's own."""
    return course_ui(language, course.declaration.ui)


def plan_files(result: Result, settings: Settings) -> tuple[SitePlan, list[str]]:
    """Every file a checked course produces, without rendering it: the plan and the
    src_uris (pages, plus the links CSV). `check` needs no more than this."""
    assert result.course is not None and result.coverage is not None
    site_plan = plan_site(
        result.course,
        result.coverage,
        nav_scenarios_max=settings.nav_scenarios_max,
        links_page=settings.links_page,
        ui=site_ui(result.course, settings.language),
    )
    uris = [page.src_uri for page in site_plan.pages]
    if settings.links_page:
        uris.append(CSV_SRC)
    return site_plan, uris


def generate(result: Result, settings: Settings, memo: RenderMemo | None = None) -> tuple[SitePlan, dict[str, str]]:
    """Plan and render every file of a checked course: src_uri -> content (Markdown
    pages, plus the links CSV). `memo`: while serving, keeps the pages of unchanged
    scenarios between builds (not with a course's own templates)."""
    assert result.course is not None and result.coverage is not None
    plan, _ = plan_files(result, settings)
    ui = site_ui(result.course, settings.language)
    renderer = Renderer(
        result.course, result.coverage, plan, ui, settings.site_url, custom_templates=settings.custom_templates
    )
    if memo is not None and settings.custom_templates is None:
        files = memo.render_all(result.course, plan, (ui, repr(settings)), renderer.render)
    else:
        files = {page.src_uri: renderer.render(page) for page in plan.pages}
    if settings.links_page:
        files[CSV_SRC] = links_csv(renderer.link_groups)
    return plan, files


@dataclass
class Build:
    """What one run of every stage produced. `files` maps src_uri -> content (with
    `render=False` the contents are empty: `check` needs only the names). `report`
    holds every diagnostic, the course's and the published URLs'."""

    result: Result
    report: Report
    plan: SitePlan | None = None
    files: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # src_uri -> HTML of a redirect page
    urls: UrlCheck | None = None

    @property
    def ok(self) -> bool:
        return self.result.ok and not self.report.errors


def build(
    settings: Settings,
    site: CourseSite | None = None,
    *,
    render: bool = True,
    warn_new: bool = True,
    memo: RenderMemo | None = None,
) -> Build:
    """Every stage over the course in `settings.directory`. With a `site` (where the
    lock of published URLs and the docs are), the URLs are checked and, when
    rendering, the redirect pages made; `warn_new`: new URLs not yet locked are
    warnings (the build leaves them to `check`); `memo`: see generate()."""
    result = load_course(settings.directory, min_coverage=settings.min_coverage)
    report = Report(list(result.report.diagnostics))
    if not result.ok:
        return Build(result, report)
    if render:
        plan, files = generate(result, settings, memo)
    else:
        plan, uris = plan_files(result, settings)
        files = dict.fromkeys(uris, "")
    found: UrlCheck | None = None
    redirects: dict[str, str] = {}
    if site is not None:
        if render:
            found, redirects = course_redirects(site, plan, files, language=settings.language, report=report,
                                                directory_urls=settings.directory_urls, warn_new=warn_new)  # fmt: skip
        else:
            found = check_course_urls(site, files, report, warn_new=warn_new)
    return Build(result, report, plan, files, redirects, found)
