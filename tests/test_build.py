"""Real `mkdocs build --strict` runs, asserting on the HTML and the search index.

The fixture course (English, and the same course with `language: nl`) gives exact
expectations; the shipped course is checked generically against its own plan, so
the tests hold while writers add scenarios.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_course, mkdocs_build
from htmldom import Element, page, resolve
from scenariosite import choice_order, graph, pipeline
from scenariosite.check import Coverage
from scenariosite.model import Course
from scenariosite.plan import Page, SitePlan, plan_site
from scenariosite.strings import ui_strings

pytestmark = pytest.mark.build

HIDDEN_FROM_SEARCH = ("consequence", "ending", "trainer")


# --- sites and plans ----------------------------------------------------------------


def built(factory: pytest.TempPathFactory, name: str, language: str | None = None, edit=None) -> Path:  # type: ignore[no-untyped-def]
    course = copy_course(FIXTURES / "course-en", factory.mktemp(name) / "course")
    if language:
        config = course / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("language: en", f"language: {language}"))
    if edit:
        edit(course)
    site = course.parent / "site"
    result = mkdocs_build(course / "mkdocs.yml", site)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="session")
def dutch_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course with `theme.language: nl`: the UI strings follow."""
    return built(tmp_path_factory, "dutch", language="nl")


AUTHOR_JINJA = "{{ 7*7 }}"


def add_template_syntax(course: Path) -> None:
    scenario = course / "scenarios" / "returns.yaml"
    text = scenario.read_text(encoding="utf-8")
    for old in (
        "title: The returned jacket",
        '"I want my money back," he says.',
        "text: I ask him what happened.",
        "text: I point at the returns policy.",  # keeps the two choices the same length
        "He explains the zip broke after one week.",
        "text: He comes back next week for a new shirt.",
    ):
        assert old in text
        text = text.replace(old, f"{old} {AUTHOR_JINJA} {{% if true %}}if{{% endif %}}", 1)
    scenario.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def templated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory, "templated", edit=add_template_syntax)


@dataclass
class Built:
    """A built site with the course it came from and the plan that made it."""

    site: Path
    course: Course
    coverage: Coverage
    plan: SitePlan


def built_course(site: Path, directory: Path, language: str) -> Built:
    result = pipeline.load_course(directory)
    assert result.ok and result.course and result.coverage, [d.headline() for d in result.report.errors]
    plan = plan_site(result.course, result.coverage, ui=ui_strings(language))
    return Built(site, result.course, result.coverage, plan)


@pytest.fixture(scope="session")
def shipped(shipped_site: Path) -> Built:
    return built_course(shipped_site, ROOT / "scenarios", "nl")


@pytest.fixture(scope="session")
def english(english_site: Path) -> Built:
    return built_course(english_site, FIXTURES / "course-en" / "scenarios", "en")


def of_kind(plan: SitePlan, kind: str) -> list[Page]:
    return [p for p in plan.pages if p.kind == kind]


def links(element: Element, url: str, **attrs: str) -> list[str]:
    return [resolve(url, a.href) for a in element.find_all("a", **attrs)]


# --- builds -------------------------------------------------------------------------


def test_the_shipped_course_builds_strict_with_no_warnings(shipped_site: Path) -> None:
    """The real gate: fails until every shipped scenario is complete and valid."""
    assert (shipped_site / "index.html").is_file()
    assert (shipped_site / "scenarios" / "index.html").is_file()


@pytest.mark.parametrize(
    ("site_fixture", "language", "question", "continue_", "begin"),
    [
        ("english_site", "en", "What would you do?", "Continue", "Begin"),
        ("dutch_site", "nl", "Wat zou jij doen?", "Verder", "Begin"),
    ],
)
def test_ui_strings_follow_the_theme_language(
    request: pytest.FixtureRequest, site_fixture: str, language: str, question: str, continue_: str, begin: str
) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    document = (site / "scenarios" / "returns" / "counter" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in document
    start = page(site, "scenarios/returns/")
    assert start.find("a", data_ss_role="next").text == begin
    assert page(site, "scenarios/returns/counter/").find("h2", class_="ss-question").text == question
    assert page(site, "scenarios/returns/counter/a/").find("a", data_ss_role="next").text == continue_
    assert page(site, "scenarios/").find("h1").text == ui_strings(language)["scenarios"]


# --- the pages of a scenario (fixture course: exact content) ------------------------


def test_decision_page_has_situation_question_and_choices_as_links(english_site: Path) -> None:
    article = page(english_site, "scenarios/returns/offer/")
    assert article.find("h1").text == "Finding a solution"
    assert "He calms down a little." in article.text
    assert article.find("h2", class_="ss-question").text == "What would you do?"
    choices = article.find("div", class_="ss-choices").find("ol").find_all("li")
    # Shown in the build's shuffled order (the same in every build: choice_order), each
    # still linking to the URL its YAML position gives it.
    assert [li.find("a").text for li in choices] == [
        "I tell him nothing can be done.",
        "I ask what would make it right for him.",
        "I offer a voucher straight away.",
    ]
    assert [resolve("scenarios/returns/offer/", li.find("a").href) for li in choices] == [
        "scenarios/returns/offer/c/",
        "scenarios/returns/offer/a/",
        "scenarios/returns/offer/b/",
    ]


def test_consequence_page_has_consequence_feedback_and_continue(english_site: Path) -> None:
    url = "scenarios/returns/counter/b/"
    article = page(english_site, url)
    assert article.find("p", class_="ss-your-choice__text").text == "I point at the returns policy."
    assert "He raises his voice." in article.find("div", class_="ss-reveal").text
    coach = article.find("div", class_="admonition")
    assert coach.find("p", class_="admonition-title").text == "Coach's explanation"
    assert "Rules first makes the customer feel unheard." in coach.text
    assert links(coach, url) == ["advice-steps/listen/", "reactions/leeuw/"]
    next_link = article.find("a", data_ss_role="next")
    assert (next_link.text, resolve(url, next_link.href)) == ("Continue", "scenarios/returns/offer/")
    # A choice that ends the scenario leads to its ending.
    last = page(english_site, "scenarios/returns/offer/c/").find("a", data_ss_role="next")
    assert resolve("scenarios/returns/offer/c/", last.href) == "scenarios/returns/lost/"


def test_ending_page_has_rating_text_debrief_and_links(english_site: Path) -> None:
    url = "scenarios/returns/half/"
    article = page(english_site, url)
    assert article.find("h1").text == "A voucher, no smile"
    rating = article.find("p", class_="ss-rating")
    assert "ss-rating--mixed" in rating.classes and rating.text.endswith("Partly worked")
    assert "He uses the voucher once." in article.text
    assert article.find("h2", id="debrief").text == "Debrief"
    assert "The problem was solved, the relation not quite." in article.text
    # `half` is reached through both decisions: both advice steps are debriefed.
    assert {"advice-steps/listen/", "advice-steps/ask-solution/", "client-types/demanding/"} <= set(links(article, url))


def test_taxonomy_pages_link_into_the_decisions_that_practise_them(english_site: Path) -> None:
    listen = page(english_site, "advice-steps/listen/")
    assert links(listen, "advice-steps/listen/", class_="ss-practise") == ["scenarios/returns/counter/"]
    solution = page(english_site, "advice-steps/ask-solution/")
    assert links(solution, "advice-steps/ask-solution/", class_="ss-practise") == ["scenarios/returns/offer/"]
    lion = page(english_site, "reactions/leeuw/")  # the lion is chosen in both decisions
    assert links(lion, "reactions/leeuw/", class_="ss-practise") == [
        "scenarios/returns/counter/",
        "scenarios/returns/offer/",
    ]
    demanding = page(english_site, "client-types/demanding/")
    assert {"scenarios/returns/", "scenarios/returns/counter/"} <= set(links(demanding, "client-types/demanding/"))


def test_author_text_is_never_template_source(templated_site: Path) -> None:
    """`{{ 7*7 }}` written by an author shows as typed, on every kind of page."""
    for url in (
        "scenarios/returns/",
        "scenarios/returns/counter/",
        "scenarios/returns/counter/a/",
        "scenarios/returns/fixed/",
        "scenarios/returns/trainer/",
    ):
        text = page(templated_site, url).text
        assert AUTHOR_JINJA in text and "{% if true %}if{% endif %}" in text, url
        assert "49" not in text, url
    title = (templated_site / "scenarios" / "returns" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>The returned jacket \{\{ 7\*7 \}\}", title)


# --- search --------------------------------------------------------------------------


def search_docs(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return docs


def plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).casefold()


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{5,}", plain(text))}


def searchable_text(site: Path, scenario_id: str) -> str:
    prefix = f"scenarios/{scenario_id}/"
    found = [d for d in search_docs(site) if d["location"].startswith(prefix)]
    return " ".join(plain(d["title"] + " " + d["text"] + " " + " ".join(d.get("tags", []))) for d in found)


def test_search_finds_the_fixture_scenario_by_title_summary_and_situation(english_site: Path) -> None:
    text = searchable_text(english_site, "returns")
    for word in ("jacket", "refund", "money", "calms"):  # title, summary, two situations
        assert word in text, word


def test_search_leaves_out_consequences_endings_and_trainer_pages(english: Built) -> None:
    english_site = english.site
    hidden = {p.url for p in english.plan.pages if p.kind in HIDDEN_FROM_SEARCH}
    located = {d["location"].split("#")[0] for d in search_docs(english_site)}
    assert hidden and not hidden & located
    assert {"scenarios/returns/", "scenarios/returns/counter/", "client-types/demanding/"} <= located
    # No outcome leaks into the searchable pages' text either.
    assert "slams the door" not in " ".join(d["text"] for d in search_docs(english_site))


# --- a bad scenario stops the build before site/ is touched -------------------------


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_bad_scenario_stops_the_build_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    course = copy_course(FIXTURES / "course-en", tmp_path / "course")
    site = tmp_path / "site"
    first = mkdocs_build(course / "mkdocs.yml", site)
    assert first.returncode == 0, first.stderr
    before = snapshot(site)
    assert "scenarios/returns/counter/index.html" in before

    scenario = course / "scenarios" / "returns.yaml"
    lines = scenario.read_text(encoding="utf-8").splitlines(keepends=True)
    next_line = next(i for i, line in enumerate(lines) if "next: offer" in line)
    rating_line = next(i for i, line in enumerate(lines) if "rating: mixed" in line)
    lines[next_line] = lines[next_line].replace("next: offer", "next: ofer")
    lines[rating_line] = lines[rating_line].replace("rating: mixed", "rating: mixd")
    scenario.write_text("".join(lines), encoding="utf-8")

    second = mkdocs_build(course / "mkdocs.yml", site)
    assert second.returncode != 0
    assert "Traceback" not in second.stderr + second.stdout
    next_col = lines[next_line].index("ofer") + 1
    rating_col = lines[rating_line].index("mixd") + 1
    # Every error of the run, each at its exact place (a model error and a reference
    # error in the same file).
    reported = re.findall(r"(?m)^(scenarios/returns\.yaml:\d+:\d+): error: ", second.stderr)
    assert reported == [
        f"scenarios/returns.yaml:{next_line + 1}:{next_col}",
        f"scenarios/returns.yaml:{rating_line + 1}:{rating_col}",
    ], second.stderr
    assert snapshot(site) == before


# --- the shipped course: generic checks against its own plan -------------------------


def test_shipped_decisions_link_to_their_consequences(shipped: Built) -> None:
    for p in of_kind(shipped.plan, "decision"):
        scenario, step_id = shipped.course.scenarios[p.key[1]], p.key[2]
        article = page(shipped.site, p.url)
        assert article.find("h2", class_="ss-question").text, p.url
        choices = choice_order.scenario_order(scenario)[step_id]
        wanted = [shipped.plan.page("consequence", scenario.id, step_id, c.id or "").url for c in choices]
        assert links(article.find("div", class_="ss-choices"), p.url) == wanted, p.url


def test_shipped_consequences_lead_on_to_their_target(shipped: Built) -> None:
    for p in of_kind(shipped.plan, "consequence"):
        scenario = shipped.course.scenarios[p.key[1]]
        choice = next(c for c in scenario.steps[p.key[2]].choices if c.id == p.key[3])
        kind = "decision" if choice.next in scenario.steps else "ending"
        button = page(shipped.site, p.url).find("a", data_ss_role="next")
        assert button.text == "Verder"
        assert resolve(p.url, button.href) == shipped.plan.page(kind, scenario.id, choice.next).url, p.url


def test_shipped_taxonomy_pages_link_into_the_scenarios(shipped: Built) -> None:
    for name in ("advice-steps", "reactions"):
        for entry_id, decisions in shipped.coverage.decisions[name].items():
            url = shipped.plan.page("entry", name, entry_id).url
            wanted = [shipped.plan.page("decision", sid, step).url for sid, step in decisions]
            assert links(page(shipped.site, url), url, class_="ss-practise") == wanted, url
    for entry_id, scenario_ids in shipped.coverage.scenarios["client-types"].items():
        url = shipped.plan.page("entry", "client-types", entry_id).url
        found = set(links(page(shipped.site, url), url))
        assert {shipped.plan.page("scenario", sid).url for sid in scenario_ids} <= found, url


def test_shipped_search_finds_every_scenario_by_its_own_words(shipped: Built) -> None:
    located = {d["location"].split("#")[0] for d in search_docs(shipped.site)}
    for p in shipped.plan.pages:
        assert (p.url in located) == (p.kind not in HIDDEN_FROM_SEARCH + ("links",)), p.url
    for scenario in shipped.course.scenarios.values():
        indexed = searchable_text(shipped.site, scenario.id)
        first_situation = scenario.steps[scenario.start_step].situation
        for source in (scenario.title, scenario.summary, first_situation):
            missing = {w for w in words(source) if w not in indexed}
            assert not missing, (scenario.id, missing)


def test_shipped_endings_debrief_with_links_to_advice_steps_and_client_types(shipped: Built) -> None:
    for p in of_kind(shipped.plan, "ending"):
        scenario, ending_id = shipped.course.scenarios[p.key[1]], p.key[2]
        article = page(shipped.site, p.url)
        rating = article.find("p", class_="ss-rating")
        assert f"ss-rating--{scenario.endings[ending_id].rating}" in rating.classes, p.url
        assert article.find("h2", id="nabespreking").text == "Nabespreking", p.url
        advice = {scenario.steps[s].advice_step for s in graph.leading_to(scenario, ending_id)}
        wanted = {shipped.plan.page("entry", "advice-steps", a).url for a in advice} | {
            shipped.plan.page("entry", "client-types", c).url for c in scenario.client_types
        }
        assert wanted <= set(links(article, p.url)), p.url


# --- lists from the data on hand-written pages, the trainer's route (issue 13) -------


def test_trainer_guide_lists_every_scenario_by_its_real_title(shipped: Built) -> None:
    """docs/voor-trainers.md holds a placeholder; the build fills in a table from the
    data, so a renamed or new scenario shows up as it is."""
    article = page(shipped.site, "voor-trainers/")
    found = {resolve("voor-trainers/", a.href): a.text for t in article.find_all("table") for a in t.find_all("a")}
    for scenario in shipped.course.scenarios.values():
        assert found[f"scenarios/{scenario.id}/"] == scenario.title
        assert f"scenarios/{scenario.id}/trainer/" in found
    assert "scenariosite:" not in (shipped.site / "voor-trainers" / "index.html").read_text(encoding="utf-8")


def test_unknown_placeholder_is_left_and_reported(english: Built) -> None:
    from scenariosite import doc_placeholders
    from scenariosite.strings import ui_strings

    text = "# T\n\n<!-- scenariosite: scenarioz -->\n\n<!-- scenariosite: scenarios -->\n"
    expanded, unknown = doc_placeholders.expand(text, "guide/index.md", english.course, english.plan, ui_strings("en"))
    assert unknown == ["scenarioz"] and "<!-- scenariosite: scenarioz -->" in expanded
    assert "[The returned jacket](../scenarios/returns/index.md)" in expanded, expanded


def test_trainer_page_shows_the_recommended_route_with_the_numbers_learners_see(english: Built) -> None:
    scenario = english.course.scenarios["returns"]
    article = page(english.site, "scenarios/returns/trainer/")
    heading = article.find("h2", id="ss-recommended-route")
    assert heading is not None
    blocks = [child for child in article.children if isinstance(child, Element)]
    items = blocks[blocks.index(heading) + 1].find_all("li")
    route, ending = graph.recommended_route(scenario)
    shown = choice_order.numbers(scenario)
    assert len(items) == len(route)
    for item, step_id in zip(items, route, strict=True):
        best = next(c for c in scenario.steps[step_id].choices if c.recommended)
        assert scenario.steps[step_id].title in item.text and best.text in item.text
        assert f" {shown[step_id][best.id or '']}," in item.text
    assert ending is not None and scenario.endings[ending].title in article.text
