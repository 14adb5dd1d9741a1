"""The experience in a real browser (issue 4): walking a scenario by mouse and by keys,
progress and the path taken in localStorage, presenter mode with vote-then-reveal,
the printed trainer handout and its map, the offline build on file://, and plain
links without JS.

Courses: the English fixture course (stable, built twice: with instant navigation
over http, and as the offline build on file://), and the shipped taxonomies with one
shipped scenario (real Dutch text lengths for the presenter layout). Expectations
come from the scenario data through the engine, not from copied strings, so these
tests keep working while authors edit the course.
"""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ARTIFACTS, BIN, FIXTURES, ROOT, copy_course, mkdocs_build, run, serve
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from scenariosite import choice_order, graph, pipeline
from scenariosite.model import Choice, Scenario
from scenariosite.strings import ui_strings

pytestmark = pytest.mark.browser

SHIPPED_SCENARIO = "zweetplekken"
TAXONOMIES = ("course.yaml", "client-types.yaml", "advice-steps.yaml", "reactions.yaml")  # the course's shape
EN = ui_strings("en")
NL = ui_strings("nl")


# ---------------------------------------------------------------- courses


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def english_course(target: Path, *, instant_port: int = 0, directory_urls: bool = True) -> Path:
    """The English fixture course (the engine adds its theme), and either instant navigation
    for a server on `instant_port` or the offline build's file URLs. (Material's instant
    navigation matches links against the sitemap with the port left out, so site_url
    must name the test server.)"""
    course = copy_course(FIXTURES / "course-en", target)
    config = course / "mkdocs.yml"
    theme = "theme:\n  name: material\n"
    text = config.read_text(encoding="utf-8")
    if instant_port:
        theme += "  features:\n    - navigation.instant\n"
        text = re.sub(r"(?m)^site_url: .*$", f"site_url: http://127.0.0.1:{instant_port}/", text)
    text = text.replace("theme:\n  name: material\n", theme)
    if not directory_urls:
        text += "use_directory_urls: false\n"
    config.write_text(text, encoding="utf-8")
    return config


def shipped_course(target: Path) -> Path:
    """The shipped mkdocs.yml and taxonomies with one shipped scenario and a one-page docs
    folder, so the course stays buildable while other scenarios are being written."""
    (target / "docs").mkdir(parents=True)
    (target / "docs" / "index.md").write_text("# Home\n\n[Scenario's](scenarios/index.md)\n", encoding="utf-8")
    (target / "scenarios").mkdir()
    for name in (*TAXONOMIES, f"{SHIPPED_SCENARIO}.yaml"):
        shutil.copy(ROOT / "scenarios" / name, target / "scenarios" / name)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = [{"Home": "index.md"}, {"Scenario's": "scenarios/index.md"}]
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(config: Path, site: Path, *, strict: bool = True) -> Path:
    # One shipped scenario leaves taxonomy entries unpractised: coverage warnings, so not --strict.
    result = mkdocs_build(config, site) if strict else run(BIN / "mkdocs", "build", "-f", config, "-d", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def en_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def en_site(tmp_path_factory: pytest.TempPathFactory, en_port: int) -> Path:
    root = tmp_path_factory.mktemp("experience-en")
    return build(english_course(root / "course", instant_port=en_port), root / "site")


@pytest.fixture(scope="module")
def en_url(en_site: Path, en_port: int) -> Iterator[str]:
    with serve(en_site, en_port) as url:
        yield url


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("experience-offline")
    return build(english_course(root / "course", directory_urls=False), root / "site")


@pytest.fixture(scope="module")
def dutch_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("experience-nl")
    return build(shipped_course(root / "course"), root / "site", strict=False)


@pytest.fixture(scope="module")
def dutch_url(dutch_site: Path) -> Iterator[str]:
    with serve(dutch_site) as url:
        yield url


def scenario_of(directory: Path, scenario_id: str) -> Scenario:
    result = pipeline.load_course(directory)
    assert result.course is not None, result.report
    return result.course.scenarios[scenario_id]


@pytest.fixture(scope="module")
def returns() -> Scenario:
    return scenario_of(FIXTURES / "course-en" / "scenarios", "returns")


@pytest.fixture(scope="module")
def shipped() -> Scenario:
    return scenario_of(ROOT / "scenarios", SHIPPED_SCENARIO)


def shown(scenario: Scenario, step_id: str) -> list[Choice]:
    """A step's choices in the order the page shows them (shuffled at build time)."""
    return choice_order.scenario_order(scenario)[step_id]


def recommended_walk(scenario: Scenario) -> tuple[list[tuple[str, int]], str]:
    """[(step, the number the page shows the choice with)] along the recommended choices, and the ending."""
    steps, ending = graph.recommended_route(scenario)
    assert ending is not None, f"{scenario.id}: the recommended choices reach no ending"
    picks = [(s, next(i for i, c in enumerate(shown(scenario, s), 1) if c.recommended)) for s in steps]
    return picks, ending


def h1(page: Page) -> Any:
    return page.locator(".md-content h1")


def ready(page: Page) -> None:
    """Wait until our JS has set up the page shown (after instant navigation the new
    content shows a moment before Material tells scripts about it)."""
    page.locator(".ss-page[data-ss-ready]").wait_for(state="attached")


def walk_by_keys(page: Page, scenario: Scenario, picks: list[tuple[str, int]], *, clicker: bool = False) -> None:
    """From the first decision of `picks`: a digit picks, → goes on; waits for every page.
    With `clicker` (presenter mode), PageDown reveals the consequence, then goes on."""
    forward = "PageDown" if clicker else "ArrowRight"
    for step_id, number in picks:
        expect(h1(page)).to_have_text(scenario.steps[step_id].title)
        ready(page)
        page.keyboard.press(str(number))
        expect(page.locator(".ss-your-choice__text")).to_have_text(shown(scenario, step_id)[number - 1].text)
        ready(page)
        if clicker:
            expect(page.locator("[data-ss-reveal]")).to_be_hidden()
            page.keyboard.press(forward)
            expect(page.locator("[data-ss-reveal]")).to_be_visible()
        turn_page(page, forward)


def turn_page(page: Page, key: str, most: int = 10) -> None:
    """Press a clicker key until the page changes: in presenter mode it first scrolls
    text that does not fit the screen."""
    url = page.url
    for _ in range(most):
        page.keyboard.press(key)
        try:
            page.wait_for_url(lambda now: now != url, timeout=1000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"{key} x{most} never left {url}")


def choices_box(page: Page) -> dict[str, float]:
    return page.evaluate(
        """() => {
          const q = document.querySelector('.ss-question').getBoundingClientRect();
          const items = [...document.querySelectorAll('.ss-choice')].map(a => a.getBoundingClientRect());
          return {top: q.top, bottom: Math.max(...items.map(r => r.bottom)), height: innerHeight,
                  scrollY: scrollY, font: parseFloat(getComputedStyle(document.querySelector('.ss-choice')).fontSize)};
        }"""
    )


# ---------------------------------------------------------------- self-study


def test_walk_to_an_ending_by_clicking(page: Page, en_url: str, returns: Scenario) -> None:
    picks, ending = recommended_walk(returns)
    page.goto(en_url + "scenarios/returns/")
    page.wait_for_load_state("networkidle")  # Material intercepts links once it has read the sitemap
    page.evaluate("window.__sameDocument = true")  # survives only instant navigation
    page.get_by_role("link", name=EN["begin"], exact=True).click()
    for step_id, number in picks:
        expect(h1(page)).to_have_text(returns.steps[step_id].title)
        page.locator(".ss-choices li").nth(number - 1).get_by_role("link").click()
        expect(page.locator(".ss-your-choice__text")).to_have_text(shown(returns, step_id)[number - 1].text)
        page.get_by_role("link", name=EN["continue"], exact=True).click()
    expect(h1(page)).to_have_text(returns.endings[ending].title)
    assert page.evaluate("window.__sameDocument") is True, "instant navigation was not used"

    # The path, choice by choice, with a way back into each decision.
    path = page.locator(".ss-path__list li")
    expect(path).to_have_count(len(picks))
    for item, (step_id, number) in zip(path.all(), picks, strict=True):
        expect(item).to_contain_text(shown(returns, step_id)[number - 1].text)
    # The reaction profile counts the reactions of the choices made, with links to their pages.
    reactions = [shown(returns, s)[n - 1].reaction for s, n in picks]
    for reaction in ("hert", "leeuw"):
        count = reactions.count(reaction)
        expected = EN["times_one"] if count == 1 else EN["times"].format(n=count)
        count_text = page.locator(f'[data-ss-count="{reaction}"]')
        expect(count_text).to_have_text(expected)
        href = count_text.locator("xpath=..").get_by_role("link").get_attribute("href")
        assert href is not None and f"reactions/{reaction}/" in href
    # "Try another choice" at the first decision leads back into it.
    path.first.get_by_role("link", name=re.compile(EN["try_other"])).click()
    expect(h1(page)).to_have_text(returns.steps[picks[0][0]].title)


def test_walk_to_an_ending_by_keys(page: Page, en_url: str, returns: Scenario) -> None:
    picks, ending = recommended_walk(returns)
    page.goto(en_url + "scenarios/returns/")
    ready(page)
    page.keyboard.press("ArrowRight")  # the start page's "Begin"
    walk_by_keys(page, returns, picks)
    expect(h1(page)).to_have_text(returns.endings[ending].title)
    ready(page)
    page.keyboard.press("ArrowLeft")  # back to the last decision taken
    expect(h1(page)).to_have_text(returns.steps[picks[-1][0]].title)
    # Focus moved to the new page's title, so reading and tabbing start there.
    assert page.evaluate("document.activeElement.tagName") == "H1"


def test_presenter_mode_lasts_through_instant_navigation(page: Page, en_url: str, returns: Scenario) -> None:
    picks, ending = recommended_walk(returns)
    page.goto(en_url + f"scenarios/returns/{returns.start_step}/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.keyboard.press("b")
    walk_by_keys(page, returns, picks, clicker=True)
    expect(h1(page)).to_have_text(returns.endings[ending].title)
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.get_by_role("button", name=EN["presenter"])).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.__sameDocument") is True, "instant navigation was not used"


def test_progress_and_path_survive_a_reload(page: Page, en_url: str, returns: Scenario) -> None:
    picks, ending = recommended_walk(returns)
    page.goto(en_url + "scenarios/returns/")
    expect(page.locator('[data-ss-progress="returns"] .ss-progress__text')).to_have_text(
        EN["endings_found"].format(found=0, total=len(returns.endings))
    )
    ready(page)
    page.keyboard.press("ArrowRight")
    walk_by_keys(page, returns, picks)
    expect(h1(page)).to_have_text(returns.endings[ending].title)
    page.reload()
    expect(page.locator(".ss-path__list li")).to_have_count(len(picks))

    found = EN["endings_found"].format(found=1, total=len(returns.endings))
    page.goto(en_url + "scenarios/")
    expect(page.locator('[data-ss-progress="*"] .ss-progress__text')).to_have_text(
        EN["scenarios_played"].format(done=1, total=1)
    )
    expect(page.locator('[data-ss-progress-line="returns"]')).to_contain_text(found)
    page.goto(en_url + "scenarios/returns/")
    progress = page.locator('[data-ss-progress="returns"]')
    expect(progress).to_contain_text(found)
    expect(progress).to_contain_text(returns.endings[ending].title)

    # Reset: the learner starts over, and is told so.
    progress.get_by_role("button", name=EN["reset_scenario"]).click()
    expect(progress.locator(".ss-progress__text")).to_have_text(
        EN["endings_found"].format(found=0, total=len(returns.endings))
    )
    expect(progress.get_by_role("status")).to_have_text(EN["reset_done"])
    page.reload()
    expect(progress.locator(".ss-progress__text")).to_have_text(
        EN["endings_found"].format(found=0, total=len(returns.endings))
    )


def test_back_follows_the_path_taken(page: Page, dutch_url: str, shipped: Scenario) -> None:
    """An ending reached from several decisions: "previous decision" goes to the one
    the learner came from, not to a guess."""
    start = shipped.start_step
    number, choice = next(
        (i, c)
        for i, c in enumerate(shown(shipped, start), 1)
        if c.next in shipped.endings and len(graph.predecessors(shipped, c.next)) > 1
    )
    page.goto(dutch_url + f"scenarios/{shipped.id}/{start}/")
    walk_by_keys(page, shipped, [(start, number)])
    expect(h1(page)).to_have_text(shipped.endings[choice.next].title)
    back = page.get_by_role("navigation", name=NL["scenario_nav"]).get_by_role("link", name=NL["back"])
    expect(back).to_have_attribute("href", re.compile(rf"/{start}/(index\.html)?$"))
    back.click()
    expect(h1(page)).to_have_text(shipped.steps[start].title)
    restart = page.get_by_role("navigation", name=NL["scenario_nav"]).get_by_role("link", name=NL["restart"])
    restart.click()
    expect(h1(page)).to_have_text(shipped.title)


# ---------------------------------------------------------------- classroom


def test_presenter_mode_enlarges_text_hides_sidebars_and_fits_the_screen(
    page: Page, dutch_url: str, shipped: Scenario
) -> None:
    page.goto(dutch_url + f"scenarios/{shipped.id}/{shipped.start_step}/")
    expect(page.locator(".md-sidebar--primary")).to_be_visible()
    normal = choices_box(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "decision-normal-1280x720.png")

    button = page.get_by_role("button", name=NL["presenter"])
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    for clutter in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        expect(page.locator(clutter)).to_be_hidden()
    presenting = choices_box(page)
    page.screenshot(path=ARTIFACTS / "decision-presenter-1280x720.png")
    assert presenting["font"] >= 24 and presenting["font"] >= 1.4 * normal["font"], (normal, presenting)
    assert presenting["scrollY"] == 0 and presenting["top"] >= 0, presenting
    assert presenting["bottom"] <= presenting["height"], f"choices run below the screen: {presenting}"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content h1')).color") == "rgb(0, 0, 0)"

    page.reload()  # remembered until switched off
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    page.keyboard.press("b")
    expect(page.locator(".md-sidebar--primary")).to_be_visible()
    page.reload()
    expect(page.locator(".md-sidebar--primary")).to_be_visible()


def shipped_decisions() -> list[str]:
    """The URL of every decision of the shipped course."""
    result = pipeline.load_course(ROOT / "scenarios")
    assert result.course is not None
    return [f"scenarios/{s.id}/{step}/" for s in result.course.scenarios.values() for step in s.steps]


def test_every_shipped_decision_fits_a_1280x720_projector(page: Page, shipped_url: str) -> None:
    """Real content decides whether the question and all choices fit, so check them all."""
    decisions = shipped_decisions()
    page.goto(shipped_url + decisions[0])
    ready(page)
    page.keyboard.press("b")
    too_long = {}
    for url in decisions:
        page.goto(shipped_url + url)
        ready(page)
        box = choices_box(page)
        if box["top"] < 0 or box["bottom"] > box["height"] or box["scrollY"] != 0:
            too_long[url] = box
    assert not too_long, f"question or choices below the screen in presenter mode: {too_long}"


def test_presenter_mode_at_1920x1080(browser: Any, dutch_url: str, shipped: Scenario) -> None:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        tab = context.new_page()
        tab.goto(dutch_url + f"scenarios/{shipped.id}/{shipped.start_step}/")
        tab.keyboard.press("b")
        expect(tab.locator(".md-header")).to_be_hidden()
        box = choices_box(tab)
        assert box["font"] >= 32 and box["bottom"] <= box["height"], box
    finally:
        context.close()


def test_vote_then_reveal(page: Page, dutch_url: str, shipped: Scenario) -> None:
    step = shipped.steps[shipped.start_step]
    choices = shown(shipped, shipped.start_step)
    page.goto(dutch_url + f"scenarios/{shipped.id}/{shipped.start_step}/")
    page.keyboard.press("b")
    expect(page.locator(".md-header")).to_be_hidden()
    page.keyboard.press("1")
    # First only the class's choice: no consequence, no coach, no way on.
    expect(page.locator(".ss-your-choice__text")).to_have_text(choices[0].text)
    expect(page.locator("[data-ss-reveal]")).to_be_hidden()
    expect(page.locator("[data-ss-role=next]")).to_be_hidden()
    reveal = page.get_by_role("button", name=NL["reveal"])
    expect(reveal).to_be_visible()
    ready(page)
    page.keyboard.press("PageDown")  # a presentation clicker: reveal first...
    expect(page.locator("[data-ss-reveal]")).to_be_visible()
    expect(page.locator(".admonition")).to_be_visible()
    expect(reveal).to_be_hidden()
    turn_page(page, " ")  # ...then continue (Space, like PageDown; it scrolls first what does not fit)
    target = choices[0].next
    title = shipped.steps[target].title if target in shipped.steps else shipped.endings[target].title
    expect(h1(page)).to_have_text(title)
    ready(page)
    page.keyboard.press("PageUp")  # back to the decision the class just made
    expect(h1(page)).to_have_text(step.title)
    ready(page)
    page.keyboard.press("2")  # and the reveal button works by click too
    expect(page.locator(".ss-your-choice__text")).to_have_text(choices[1].text)
    ready(page)
    page.get_by_role("button", name=NL["reveal"]).click()
    expect(page.locator("[data-ss-reveal]")).to_be_visible()
    expect(page.get_by_role("link", name=NL["continue"])).to_be_focused()


def test_outside_presenter_mode_everything_shows_and_space_scrolls(
    page: Page, dutch_url: str, shipped: Scenario
) -> None:
    first = shipped.steps[shipped.start_step].choices[0].id
    page.goto(dutch_url + f"scenarios/{shipped.id}/{shipped.start_step}/{first}/")
    expect(page.locator("[data-ss-reveal]")).to_be_visible()
    expect(page.locator("[data-ss-role=next]")).to_be_visible()
    url = page.url
    page.keyboard.press(" ")
    page.wait_for_timeout(200)
    assert page.url == url


def test_keys_overlay(page: Page, en_url: str, returns: Scenario) -> None:
    page.goto(en_url + f"scenarios/returns/{returns.start_step}/")
    dialog = page.locator("dialog#ss-help")
    expect(dialog).to_be_hidden()
    page.keyboard.press("?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name=EN["keys_title"])).to_be_visible()
    expect(dialog).to_contain_text(EN["key_choose"])
    page.keyboard.press("1")  # keys do nothing behind the overlay
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name=EN["shortcuts"]).click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=EN["close"]).click()
    expect(dialog).to_be_hidden()


# ---------------------------------------------------------------- trainer page


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_trainer_page_prints_as_a_handout(page: Page, dutch_url: str, shipped: Scenario) -> None:
    """A choice stays whole on paper (heading, consequence, coach box); steps run on
    instead of each starting a page, so the break rules cost at most one page."""
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi: the width paper gives the layout
    page.goto(dutch_url + f"scenarios/{shipped.id}/trainer/")
    assert shipped.trainer is not None
    expect(page.get_by_role("heading", name=NL["trainer_notes"])).to_be_visible()
    page.emulate_media(media="print")
    for clutter in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".ss-toolbar"):
        expect(page.locator(clutter)).to_be_hidden()
    expect(page.locator(".ss-map svg")).to_be_visible()
    steps = page.locator(".ss-trainer-step")
    assert set(steps.evaluate_all("els => els.map(e => getComputedStyle(e).breakBefore)")) == {"auto"}
    boxes = page.locator(".ss-trainer-choice").evaluate_all(
        """els => els.map(choice => {
          const box = choice.getBoundingClientRect();
          const within = (el) => {
            const r = el.getBoundingClientRect();
            return r.top >= box.top && r.bottom <= box.bottom;
          };
          return {avoid: getComputedStyle(choice).breakInside, height: box.height,
                  coach: !!choice.querySelector('.admonition'),
                  inside: [...choice.querySelectorAll('h3, p, .admonition')].every(within)};
        })"""
    )
    reachable = [s for s in graph.reachable(shipped) if s in shipped.steps]
    assert len(boxes) == sum(len(shipped.steps[s].choices) for s in reachable)
    for box in boxes:
        assert box["avoid"] == "avoid" and box["coach"] and box["inside"], box
        assert box["height"] < 1123 * 0.8, f"a choice too long to keep on one page: {box}"
    openers = page.locator(".ss-trainer-step > h2, .ss-trainer-step > p:has(+ .ss-trainer-choice)")
    assert set(openers.evaluate_all("els => els.map(e => getComputedStyle(e).breakAfter)")) == {"avoid"}

    ARTIFACTS.mkdir(exist_ok=True)
    pages = pdf_pages(page.pdf(path=ARTIFACTS / "trainer-handout.pdf", format="A4"))
    page.add_style_tag(
        content="* { break-before: auto !important; break-after: auto !important; break-inside: auto !important; }"
    )
    unbroken = pdf_pages(page.pdf(format="A4"))
    assert pages <= unbroken + 1, f"{pages} printed pages; {unbroken} without any break rule"


def test_map_links_every_step_and_ending(page: Page, dutch_url: str, shipped: Scenario) -> None:
    page.goto(dutch_url + f"scenarios/{shipped.id}/trainer/")
    nodes = page.locator(".ss-map svg a")
    expect(nodes).to_have_count(len(shipped.steps) + len(shipped.endings))
    hrefs = nodes.evaluate_all("els => els.map(a => new URL(a.getAttribute('xlink:href'), location.href).href)")
    for href in hrefs:
        assert page.request.get(href).ok, href
    targets = {h.removesuffix("index.html").rstrip("/").rsplit("/", 1)[-1] for h in hrefs}
    assert targets == set(shipped.steps) | set(shipped.endings)
    ending_id = next(iter(shipped.endings))
    page.locator(".ss-map svg a", has_text=shipped.endings[ending_id].title[:20]).click()
    expect(h1(page)).to_have_text(shipped.endings[ending_id].title)


def test_trainer_notes_never_on_learner_pages(en_site: Path, returns: Scenario) -> None:
    assert returns.trainer is not None
    secrets = [returns.trainer.notes.strip(), *returns.trainer.discussion]
    pages = sorted(en_site.rglob("*.html"))
    holders = {str(p.relative_to(en_site)) for p in pages for s in secrets if s in p.read_text("utf-8")}
    assert holders == {"scenarios/returns/trainer/index.html"}


# ---------------------------------------------------------------- robustness


@pytest.fixture
def file_page(browser: Any) -> Iterator[Page]:
    """A tab for the offline build on file://: no request may leave the unzipped folder."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    tab.on("request", lambda r: None if r.url.startswith(("file://", "data:", "about:")) else outside.append(r.url))
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not outside and not errors, (outside, errors)


def test_offline_build_from_file_urls(file_page: Page, offline_site: Path, returns: Scenario) -> None:
    picks, ending = recommended_walk(returns)
    file_page.goto((offline_site / "scenarios" / "returns" / "index.html").as_uri())
    file_page.get_by_role("link", name=EN["begin"], exact=True).click()
    walk_by_keys(file_page, returns, picks)
    expect(h1(file_page)).to_have_text(returns.endings[ending].title)
    expect(file_page.locator(".ss-path__list li")).to_have_count(len(picks))
    try_other = file_page.locator(".ss-path__list a").first
    expect(try_other).to_have_attribute("href", re.compile(r"/index\.html$"))
    try_other.click()
    expect(h1(file_page)).to_have_text(returns.steps[picks[0][0]].title)
    ready(file_page)
    file_page.keyboard.press("b")
    expect(file_page.locator(".md-sidebar--primary")).to_be_hidden()
    file_page.goto((offline_site / "scenarios" / "index.html").as_uri())
    expect(file_page.locator('[data-ss-progress-line="returns"]')).to_contain_text(
        EN["endings_found"].format(found=1, total=len(returns.endings))
    )
    expect(file_page.locator(".md-sidebar--primary")).to_be_hidden()  # presenter mode is remembered


def test_without_javascript_plain_links_still_work(browser: Any, en_url: str, returns: Scenario) -> None:
    picks, ending = recommended_walk(returns)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 720})
    try:
        tab = context.new_page()
        tab.goto(en_url + "scenarios/returns/")
        expect(tab.locator(".ss-toolbar")).to_be_hidden()  # buttons that could do nothing stay hidden
        expect(tab.locator(".ss-progress")).to_be_hidden()
        tab.get_by_role("link", name=EN["begin"], exact=True).click()
        for step_id, number in picks:
            expect(h1(tab)).to_have_text(returns.steps[step_id].title)
            tab.locator(".ss-choices li").nth(number - 1).get_by_role("link").click()
            expect(tab.locator("[data-ss-reveal]")).to_be_visible()
            tab.get_by_role("link", name=EN["continue"], exact=True).click()
        expect(h1(tab)).to_have_text(returns.endings[ending].title)
        expect(tab.locator("[data-ss-path]")).to_be_hidden()
        tab.get_by_role("link", name=EN["back"]).click()  # the step that leads here, known at build time
        expect(h1(tab)).to_have_text(returns.steps[picks[-1][0]].title)
    finally:
        context.close()


# ---------------------------------------------------------------- classroom and self-study (issue 13)

LINES_JS = """(selector) => {
  // Line boxes of the text in a box against the part of it that shows: the box clipped
  // to the screen, less what a mask hides at its edges (presenter mode masks a line an
  // edge cuts). A line is cut when an edge of the shown part runs through it.
  const box = document.querySelector(selector), view = box.getBoundingClientRect(), style = getComputedStyle(box);
  const masked = (style.maskImage || style.webkitMaskImage || 'none') !== 'none';
  const cutTop = masked ? parseFloat(style.getPropertyValue('--ss-cut-top')) || 0 : 0;
  const cutBottom = masked ? parseFloat(style.getPropertyValue('--ss-cut-bottom')) || 0 : 0;
  const top = Math.max(view.top + cutTop, 0), bottom = Math.min(view.bottom - cutBottom, innerHeight);
  const lines = [], range = document.createRange(), walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (!node.textContent.trim()) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.height > 0) lines.push(r);
  }
  const through = (edge) => lines.filter(r => r.top < edge - .5 && r.bottom > edge + .5)
                                 .map(r => r.top + '-' + r.bottom);
  const cue = document.querySelector('.ss-more');
  return {cut: [...through(top), ...through(bottom)], hidden: lines.filter(r => r.top >= bottom - .5).length,
          cue: !!cue && cue.checkVisibility({visibilityProperty: true})
               && cue.getBoundingClientRect().bottom <= innerHeight,
          scrollTop: box.scrollTop};
}"""


def text_fits_or_cues(page: Page, selector: str) -> dict[str, Any]:
    """No line shown cut in two, and a visible "more" cue whenever a line is hidden below."""
    found: dict[str, Any] = page.evaluate(LINES_JS, selector)
    assert not found["cut"], f"{page.url}: lines cut by the edge of {selector}: {found}"
    assert not found["hidden"] or found["cue"], f"{page.url}: text hidden below {selector} without a cue: {found}"
    return found


def test_every_shipped_decision_shows_whole_lines_at_1280x720(page: Page, shipped_url: str) -> None:
    """In presenter mode a long situation shrinks the text a little, then scrolls in
    its box: never a line sliced through the middle, and a cue when text is left."""
    decisions = shipped_decisions()
    page.goto(shipped_url + decisions[0])
    ready(page)
    page.keyboard.press("b")
    for url in decisions:
        page.goto(shipped_url + url)
        ready(page)
        text_fits_or_cues(page, ".ss-situation")


def reveal_in_presenter_mode(page: Page, base_url: str, scenario: Scenario, shown_index: int, key: str) -> None:
    """The consequence of the choice shown at `shown_index` on the first decision, in
    presenter mode, revealed with `key` (→ or a clicker's PageDown)."""
    step_id = scenario.start_step
    choice = shown(scenario, step_id)[shown_index]
    page.goto(base_url + f"scenarios/{scenario.id}/{step_id}/{choice.id}/")
    ready(page)
    page.keyboard.press("b")
    page.keyboard.press(key)


def test_coach_text_as_large_as_the_story_in_presenter_mode(page: Page, dutch_url: str, shipped: Scenario) -> None:
    reveal_in_presenter_mode(page, dutch_url, shipped, 1, "ArrowRight")
    coach = page.locator(".ss-reveal .admonition")
    expect(coach).to_be_visible()
    sizes = page.evaluate(
        """() => {
          const size = (selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
          return {story: size('.ss-reveal > p'), coach: size('.ss-reveal .admonition > p:not(.admonition-title)')};
        }"""
    )
    assert sizes["coach"] >= sizes["story"] >= 20, sizes
    text_fits_or_cues(page, ".ss-reveal")
    expect(page.get_by_role("link", name=NL["continue"])).to_be_in_viewport()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "consequence-presenter-1280x720.png")


def test_a_clicker_scrolls_what_does_not_fit_then_turns_the_page(browser: Any, en_url: str, returns: Scenario) -> None:
    """A low screen makes the revealed consequence scroll: PageDown reveals, then scrolls
    a line-aligned step at a time (never cutting a line), and only then goes on."""
    context = browser.new_context(viewport={"width": 1280, "height": 360})
    try:
        tab = context.new_page()
        reveal_in_presenter_mode(tab, en_url, returns, 0, "PageDown")
        expect(tab.locator("[data-ss-reveal]")).to_be_visible()
        first = text_fits_or_cues(tab, ".ss-reveal")
        assert first["hidden"] and first["cue"], first
        url, scrolled = tab.url, 0
        for _ in range(10):
            tab.keyboard.press("PageDown")
            tab.wait_for_timeout(100)
            if tab.url != url:
                break
            now = text_fits_or_cues(tab, ".ss-reveal")
            assert now["scrollTop"] > scrolled, now
            scrolled = now["scrollTop"]
        expect(h1(tab)).not_to_have_text(returns.steps[returns.start_step].title)
        assert scrolled > 0, "the clicker turned the page before the text was read"
    finally:
        context.close()


def test_recommended_choice_is_seldom_shown_first(page: Page, shipped_url: str) -> None:
    """Authors tend to write the best choice first; the build shuffles, so across the
    course the first position holds it in at most 40 % of the decisions. The page, its
    keys and the trainer page show one order; choice URLs keep their YAML ids."""
    result = pipeline.load_course(ROOT / "scenarios")
    assert result.course is not None
    first = total = 0
    for scenario in result.course.scenarios.values():
        for step_id, step in scenario.steps.items():
            best = next((c for c in step.choices if c.recommended), None)
            if best is None:
                continue
            page.goto(shipped_url + f"scenarios/{scenario.id}/{step_id}/")
            ids = page.locator("a.ss-choice").evaluate_all("els => els.map(a => a.dataset.ssChoice)")
            assert sorted(ids) == sorted(str(c.id) for c in step.choices)
            total += 1
            first += ids[0] == best.id
    assert total >= 10 and first / total <= 0.4, f"recommended choice shown first in {first} of {total} decisions"

    scenario = next(iter(result.course.scenarios.values()))
    step_id = scenario.start_step
    page.goto(shipped_url + f"scenarios/{scenario.id}/{step_id}/")
    ready(page)
    order = page.locator("a.ss-choice").evaluate_all("els => els.map(a => a.dataset.ssChoice)")
    page.keyboard.press("1")  # the key follows the shown order; the URL keeps the choice's id
    expect(page).to_have_url(re.compile(rf"/{step_id}/{order[0]}/(index\\.html)?$"))
    page.goto(shipped_url + f"scenarios/{scenario.id}/trainer/")
    headings = page.locator(f'h3[id^="{step_id}--"]').evaluate_all("els => els.map(h => h.id)")
    assert headings == [f"{step_id}--{choice}" for choice in order]


def weak_walk(scenario: Scenario) -> tuple[list[tuple[str, int]], str]:
    """From the start, the first shown choice that is not recommended (and leads on
    without a loop) at every step: [(step, shown number)] and the ending reached."""
    picks: list[tuple[str, int]] = []
    node, seen = scenario.start_step, set()
    while node in scenario.steps:
        seen.add(node)
        choices = shown(scenario, node)
        number = next(i for i, c in enumerate(choices, 1) if not c.recommended and c.next not in seen)
        picks.append((node, number))
        node = choices[number - 1].next
    return picks, node


def test_ending_sets_the_path_next_to_the_recommended_route(page: Page, dutch_url: str, shipped: Scenario) -> None:
    picks, ending = weak_walk(shipped)
    page.goto(dutch_url + f"scenarios/{shipped.id}/{shipped.start_step}/")
    walk_by_keys(page, shipped, picks)
    expect(h1(page)).to_have_text(shipped.endings[ending].title)
    section = page.locator("[data-ss-path]")
    expect(section.get_by_role("heading", name="Jouw route naast de aanbevolen route", exact=True)).to_be_visible()
    items = section.locator(".ss-path__list > li")
    expect(items).to_have_count(len(picks))
    for item, (step_id, number) in zip(items.all(), picks, strict=True):
        mine = shown(shipped, step_id)[number - 1]
        best = next((c for c in shipped.steps[step_id].choices if c.recommended), None)
        expect(item.locator(".ss-path__mine")).to_contain_text(mine.text)
        if best is None:
            continue
        if best.id == mine.id:
            expect(item).to_contain_text(NL["compare_same"])
        else:  # the recommended choice and what the coach says about it
            expect(item.locator(".ss-path__best")).to_contain_text(best.text)
            expect(item.locator(".ss-path__coach")).to_contain_text(" ".join(best.feedback.split()[:6]))
    ARTIFACTS.mkdir(exist_ok=True)
    section.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "ending-route-comparison.png", full_page=True)


def test_profile_says_how_many_choices_it_leaves_out(page: Page, en_url: str, returns: Scenario) -> None:
    picks, ending = recommended_walk(returns)
    page.goto(en_url + f"scenarios/returns/{returns.start_step}/")
    walk_by_keys(page, returns, picks)
    expect(h1(page)).to_have_text(returns.endings[ending].title)
    made = [shown(returns, s)[n - 1] for s, n in picks]
    missing = sum(1 for c in made if not c.reaction)
    assert missing, "the fixture's recommended route should include a choice without a reaction"
    note = page.locator("[data-ss-missing]")
    expected = (
        EN["profile_missing_one"].format(total=len(made))
        if missing == 1
        else EN["profile_missing"].format(n=missing, total=len(made))
    )
    expect(note).to_have_text(expected)
    for reaction in {c.reaction for c in made if c.reaction}:
        count = sum(1 for c in made if c.reaction == reaction)
        expect(page.locator(f'[data-ss-count="{reaction}"]')).to_have_text(
            EN["times_one"] if count == 1 else EN["times"].format(n=count)
        )


def test_first_decision_offers_one_way_back(page: Page, dutch_url: str, shipped: Scenario) -> None:
    page.goto(dutch_url + f"scenarios/{shipped.id}/{shipped.start_step}/")
    ready(page)
    nav = page.get_by_role("navigation", name=NL["scenario_nav"])
    expect(nav.get_by_role("link")).to_have_count(1)
    expect(nav.get_by_role("link", name=NL["restart"])).to_be_visible()
    page.keyboard.press("ArrowLeft")  # still a way back by key: the scenario's start page
    expect(h1(page)).to_have_text(shipped.title)


def test_phones_hide_the_keyboard_buttons(browser: Any, dutch_url: str, shipped: Scenario) -> None:
    url = dutch_url + f"scenarios/{shipped.id}/{shipped.start_step}/"
    phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        tab = phone.new_page()
        tab.goto(url)
        ready(tab)
        expect(tab.get_by_role("button", name=NL["presenter"])).to_be_hidden()
        expect(tab.get_by_role("button", name=NL["shortcuts"])).to_be_hidden()
    finally:
        phone.close()
    desktop = browser.new_context(viewport={"width": 390, "height": 844})  # narrow, but with a mouse
    try:
        tab = desktop.new_page()
        tab.goto(url)
        expect(tab.get_by_role("button", name=NL["presenter"])).to_be_visible()
    finally:
        desktop.close()
