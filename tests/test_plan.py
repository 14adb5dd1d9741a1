"""The plan stage, in-process: which pages exist, their URLs, nav and search status."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT
from scenariosite import pipeline
from scenariosite.adapters.mkdocs_plugin import complete_nav
from scenariosite.declaration import folder_of
from scenariosite.plan import SCENARIOS_FOLDER, SitePlan, plan_site
from scenariosite.strings import ui_strings

COURSE = FIXTURES / "course-en" / "scenarios"

# Every page of the fixture course, by URL: what an HR colleague may have pasted
# into an email. Any change here breaks published links.
FIXTURE_URLS = {
    "scenarios/": "overview",
    "scenarios/returns/": "scenario",
    "scenarios/returns/counter/": "decision",
    "scenarios/returns/counter/a/": "consequence",
    "scenarios/returns/counter/b/": "consequence",
    "scenarios/returns/offer/": "decision",
    "scenarios/returns/offer/a/": "consequence",
    "scenarios/returns/offer/b/": "consequence",
    "scenarios/returns/offer/c/": "consequence",
    "scenarios/returns/fixed/": "ending",
    "scenarios/returns/half/": "ending",
    "scenarios/returns/lost/": "ending",
    "scenarios/returns/trainer/": "trainer",
    "client-types/": "taxonomy-index",
    "client-types/demanding/": "entry",
    "advice-steps/": "taxonomy-index",
    "advice-steps/listen/": "entry",
    "advice-steps/ask-solution/": "entry",
    "reactions/": "taxonomy-index",
    "reactions/hert/": "entry",
    "reactions/leeuw/": "entry",
    "links/": "links",
}


def load(directory: Path = COURSE) -> pipeline.Result:
    result = pipeline.load_course(directory)
    assert result.ok, [d.headline() for d in result.report.diagnostics]
    return result


def plan_of(result: pipeline.Result, **options: object) -> SitePlan:
    assert result.course is not None and result.coverage is not None
    return plan_site(result.course, result.coverage, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def fixture_plan() -> SitePlan:
    return plan_of(load())


def test_every_url_comes_from_ids(fixture_plan: SitePlan) -> None:
    assert {page.url: page.kind for page in fixture_plan.pages} == FIXTURE_URLS
    for page in fixture_plan.pages:
        assert page.src_uri == page.url + "index.md"


def test_taxonomy_folders_come_from_the_course() -> None:
    shipped = pipeline.load_course(ROOT / "scenarios")
    assert shipped.course is not None
    folders = {name: folder_of(name, t) for name, t in shipped.course.declaration.taxonomies.items()}
    assert folders == {"client-types": "klanttypes", "advice-steps": "adviesstappen", "reactions": "reacties"}
    assert SCENARIOS_FOLDER == "scenarios"


def retitle(result: pipeline.Result) -> None:
    """Change every title and name a page could take a URL from."""
    course = result.course
    assert course is not None
    for scenario in course.scenarios.values():
        scenario.title = "Renamed " + scenario.title
        for step in scenario.steps.values():
            step.title = "Renamed step"
            for choice in step.choices:
                choice.text = "Renamed choice"
        for ending in scenario.endings.values():
            ending.title = "Renamed ending"
    for name in ("client-types", "advice-steps", "reactions"):
        for entry in course.taxonomy(name).values():
            entry.name = "Renamed " + entry.name


def test_renaming_titles_changes_no_url(fixture_plan: SitePlan) -> None:
    result = load()
    retitle(result)
    renamed = plan_of(result)
    assert [p.url for p in renamed.pages] == [p.url for p in fixture_plan.pages]
    assert [p.title for p in renamed.pages] != [p.title for p in fixture_plan.pages]


def test_renaming_titles_in_the_yaml_changes_no_url(tmp_path: Path, fixture_plan: SitePlan) -> None:
    """The same through the files an author edits, so no stage derives a URL from text."""
    directory = tmp_path / "scenarios"
    directory.mkdir()
    for source in COURSE.glob("*.yaml"):
        if source.name == "course.yaml":  # the declaration: labels, not titles a URL could come from
            shutil.copy(source, directory / source.name)
            continue
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data, *data["steps"].values(), *data["endings"].values()]
        for item in items:
            for key in ("title", "name"):
                if key in item:
                    item[key] = "Totally different " + item[key]
        (directory / source.name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert {p.url for p in plan_of(load(directory)).pages} == set(FIXTURE_URLS)


def test_the_nav_holds_start_pages_client_types_and_advice_steps(fixture_plan: SitePlan) -> None:
    assert fixture_plan.nav == {
        "scenarios/index.md": ["scenarios/returns/index.md"],
        "client-types/index.md": ["client-types/demanding/index.md"],
        "advice-steps/index.md": ["advice-steps/listen/index.md", "advice-steps/ask-solution/index.md"],
        "reactions/index.md": ["reactions/hert/index.md", "reactions/leeuw/index.md"],
    }


def test_decision_consequence_ending_and_trainer_pages_stay_out_of_the_nav(fixture_plan: SitePlan) -> None:
    in_nav = {page.kind for page in fixture_plan.pages if page.in_nav}
    assert in_nav == {"overview", "scenario", "taxonomy-index", "entry", "links"}
    listed = {uri for children in fixture_plan.nav.values() for uri in children} | set(fixture_plan.nav)
    for page in fixture_plan.pages:
        if page.kind in ("decision", "consequence", "ending", "trainer"):
            assert not page.in_nav and page.src_uri not in listed, page.url


def test_consequence_ending_and_trainer_pages_are_out_of_search(fixture_plan: SitePlan) -> None:
    """Search must not spoil an outcome; decisions stay searchable (their situations are
    what people look for)."""
    for page in fixture_plan.pages:
        assert page.in_search == (page.kind not in ("consequence", "ending", "trainer", "links")), page.url


def test_rendered_front_matter_excludes_those_pages_from_search() -> None:
    result = load()
    _, files = pipeline.generate(result, pipeline.Settings(language="en"))
    for url, kind in FIXTURE_URLS.items():
        front = yaml.safe_load(files[url + "index.md"].split("---\n")[1])
        excluded = front.get("search") == {"exclude": True}
        assert excluded == (kind in ("consequence", "ending", "trainer", "links")), url


def test_a_long_scenario_list_leaves_the_nav() -> None:
    """Every page embeds the nav: past `nav_scenarios_max` scenarios the start pages
    leave it (the overview page still lists them)."""
    result = load()
    plan = plan_of(result, nav_scenarios_max=0)
    assert plan.nav["scenarios/index.md"] == []
    assert not plan.page("scenario", "returns").in_nav
    assert plan.page("overview").in_nav


def test_mkdocs_nav_sections_are_completed_with_their_pages(fixture_plan: SitePlan) -> None:
    nav = [{"Home": "index.md"}, {"Scenarios": "scenarios/index.md"}, {"More": [{"Types": "client-types/index.md"}]}]
    assert complete_nav(copy.deepcopy(nav), fixture_plan) == [
        {"Home": "index.md"},
        {"Scenarios": ["scenarios/index.md", "scenarios/returns/index.md"]},
        {"More": [{"Types": ["client-types/index.md", "client-types/demanding/index.md"]}]},
    ]


def test_links_between_pages_are_relative_markdown_links(fixture_plan: SitePlan) -> None:
    decision = fixture_plan.page("decision", "returns", "counter")
    assert fixture_plan.link(decision, "consequence", "returns", "counter", "a") == "a/index.md"
    assert (
        fixture_plan.link(decision, "entry", "client-types", "demanding") == "../../../client-types/demanding/index.md"
    )


def test_generated_section_pages_take_their_titles_from_the_site_language_and_the_course() -> None:
    result = load()
    assert result.course is not None and result.coverage is not None
    english = plan_site(result.course, result.coverage, ui=ui_strings("en"))
    assert english.page("overview").title == "Scenarios"
    assert english.page("taxonomy-index", "client-types").title == "Client types"  # the course's own label
    assert english.page("trainer", "returns").title == "Trainer version · The returned jacket"
    dutch = plan_site(result.course, result.coverage, ui=ui_strings("nl"))
    assert dutch.page("overview").title == "Scenario's"
    assert dutch.page("taxonomy-index", "advice-steps").title == "Advice steps"
    assert [p.url for p in english.pages] == [p.url for p in dutch.pages]


def test_overview_drops_its_table_of_contents_once_scenarios_leave_the_nav() -> None:
    """Past nav_scenarios_max the overview's own TOC would repeat every title again."""
    result = pipeline.load_course(COURSE)
    assert result.course is not None and result.coverage is not None
    small = plan_site(result.course, result.coverage)
    large = plan_site(result.course, result.coverage, nav_scenarios_max=0)
    assert not small.page("overview").hide_toc
    assert large.page("overview").hide_toc
    assert all(p.hide_toc for p in small.pages if p.kind in ("decision", "consequence", "ending"))
