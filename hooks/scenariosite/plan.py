"""Stage 4, plan: every page the course produces, its URL, its nav and search status.

Pure data. URLs are built from ids only, never from titles, so renaming a title
never breaks a link someone pasted into an email.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from .check import Coverage
from .declaration import folder_of
from .kinds import KINDS
from .model import Course
from .strings import ui_strings

# The scenarios' folder; each taxonomy's folder comes from the course declaration.
# Part of every published URL: never rename them (add a redirect instead).
SCENARIOS_FOLDER = "scenarios"
LINKS_PAGE = "links/index.md"
DEFAULT_NAV_SCENARIOS_MAX = 60

PageKey = tuple[str, ...]


@dataclass(frozen=True)
class Page:
    key: PageKey  # ("decision", scenario, step) etc.; the render stage looks objects up by it
    kind: str  # a name registered in kinds.py
    src_uri: str  # the virtual Markdown file, e.g. scenarios/returns/counter/index.md
    title: str
    summary: str
    in_nav: bool
    in_search: bool
    source_path: str | None = None  # the YAML file an author edits for this page
    keywords: tuple[str, ...] = ()  # everyday search words; indexed as search tags (strongly boosted)
    hide_toc: bool = False  # the page's own table of contents would add nothing (or weigh too much)

    @property
    def url(self) -> str:
        """Directory URL relative to the site root, e.g. `scenarios/returns/counter/`."""
        return self.src_uri[: -len("index.md")]


def make_page(
    kind: str,
    key: PageKey,
    src_uri: str,
    title: str,
    summary: str,
    *,
    source_path: str | None = None,
    keywords: list[str] | tuple[str, ...] = (),
    in_nav: bool | None = None,
    hide_toc: bool | None = None,
) -> Page:
    """A page of a registered kind, which supplies what is not given (nav, search, TOC)."""
    registered = KINDS[kind]
    return Page(
        key=(kind, *key),
        kind=kind,
        src_uri=src_uri,
        title=title,
        summary=summary,
        in_nav=registered.in_nav if in_nav is None else in_nav,
        in_search=registered.in_search,
        source_path=source_path,
        keywords=tuple(keywords),
        hide_toc=registered.hide_toc if hide_toc is None else hide_toc,
    )


@dataclass
class SitePlan:
    pages: list[Page] = field(default_factory=list)
    by_key: dict[PageKey, Page] = field(default_factory=dict)
    nav: dict[str, list[str]] = field(default_factory=dict)  # section index src_uri -> child src_uris

    def add(self, page: Page) -> None:
        if page.key in self.by_key:
            raise ValueError(f"two pages planned for {page.key}")  # the check stage prevents this
        self.pages.append(page)
        self.by_key[page.key] = page

    def page(self, *key: str) -> Page:
        return self.by_key[key]

    def link(self, from_page: Page, *key: str) -> str:
        """Relative Markdown link from one page's source to another's, so MkDocs both
        validates it and rewrites it for the chosen URL style."""
        return relative_link(from_page.src_uri, self.by_key[key].src_uri)


def relative_link(from_src: str, to_src: str) -> str:
    """posixpath.relpath for two clean relative paths, without its abspath (which asks
    the OS for the working directory): every generated page links a dozen others."""
    start = from_src.split("/")[:-1]
    target = to_src.split("/")
    common = 0
    while common < len(start) and common < len(target) - 1 and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def scenario_src(scenario_id: str, *parts: str) -> str:
    return posixpath.join(SCENARIOS_FOLDER, scenario_id, *parts, "index.md")


def plan_site(
    course: Course,
    coverage: Coverage,
    *,
    nav_scenarios_max: int = DEFAULT_NAV_SCENARIOS_MAX,
    links_page: bool = True,
    ui: dict[str, str] | None = None,
) -> SitePlan:
    """`ui`: the UI strings of the site language; the titles of the pages the
    generator writes itself come from it (Dutch when not given)."""
    ui = ui or ui_strings(None)
    plan = SitePlan()
    scenarios_index = posixpath.join(SCENARIOS_FOLDER, "index.md")
    ordered = sorted(course.scenarios.values(), key=lambda s: (s.title.casefold(), s.id))
    scenarios_in_nav = len(ordered) <= nav_scenarios_max
    # A large course's overview would repeat every title once more in its table of
    # contents (a third of the page at 1,000 scenarios); the list itself is enough.
    plan.add(make_page("overview", (), scenarios_index, ui["scenarios"], ui["scenarios_summary"],
                       hide_toc=not scenarios_in_nav))  # fmt: skip
    plan.nav[scenarios_index] = []

    for scenario in ordered:
        source = str(course.documents[scenario.id].path)
        sid = scenario.id
        start = make_page("scenario", (sid,), scenario_src(sid), scenario.title, scenario.summary,
                          source_path=source, keywords=scenario.keywords, in_nav=scenarios_in_nav)  # fmt: skip
        plan.add(start)
        if scenarios_in_nav:
            plan.nav[scenarios_index].append(start.src_uri)
        for step_id, step in scenario.steps.items():
            title = f"{step.title} · {scenario.title}"
            plan.add(make_page("decision", (sid, step_id), scenario_src(sid, step_id), title, scenario.summary,
                               source_path=source))  # fmt: skip
            for choice in step.choices:
                assert choice.id is not None
                plan.add(make_page("consequence", (sid, step_id, choice.id), scenario_src(sid, step_id, choice.id),
                                   title, scenario.summary, source_path=source))  # fmt: skip
        for ending_id, ending in scenario.endings.items():
            plan.add(make_page("ending", (sid, ending_id), scenario_src(sid, ending_id),
                               f"{ending.title} · {scenario.title}", scenario.summary, source_path=source))  # fmt: skip
        plan.add(make_page("trainer", (sid,), scenario_src(sid, "trainer"), f"{ui['trainer_title']} · {scenario.title}",
                           scenario.summary, source_path=source))  # fmt: skip

    for name, taxonomy in course.declaration.taxonomies.items():
        section = folder_of(name, taxonomy)
        index_src = posixpath.join(section, "index.md")
        taxonomy_source = str(course.taxonomy_documents[name].path) if name in course.taxonomy_documents else None
        plan.add(make_page("taxonomy-index", (name,), index_src, taxonomy.label.many, taxonomy.summary or "",
                           source_path=taxonomy_source))  # fmt: skip
        plan.nav[index_src] = []
        for entry in course.taxonomy(name).values():
            page = make_page("entry", (name, entry.id), posixpath.join(section, entry.id, "index.md"), entry.name,
                             entry.summary, source_path=taxonomy_source, keywords=entry.keywords)  # fmt: skip
            plan.add(page)
            plan.nav[index_src].append(page.src_uri)

    if links_page:
        plan.add(make_page("links", (), LINKS_PAGE, ui["links_title"], ui["links_summary"]))
    return plan
