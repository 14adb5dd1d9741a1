"""SCORM in a real platform runtime (issue 14). scorm-again, the JavaScript runtime
many platforms embed, provides `API` (SCORM 1.2) or `API_1484_11` (SCORM 2004) on a
harness page that opens the package's launch page in a frame, all on 127.0.0.1.
Chromium plays a scenario; the runtime must then hold the status, the score, one
interaction per choice and the suspend data, and a second session (a fresh browser:
another device) must get the progress back from that suspend data alone."""

from __future__ import annotations

import importlib.util
import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import pytest
from conftest import ROOT, THEME, serve
from playwright.sync_api import Frame, FrameLocator, Page, expect
from scenariosite import pipeline
from scenariosite.scorm.course_index import (
    SUSPEND_DATA_LIMIT_12,
    base36,
    course_index,
    course_script,
    longest_suspend_data,
)
from scenariosite.scorm.launch import launch_page
from scenariosite.strings import ui_strings
from test_privacy import external_references

pytestmark = [pytest.mark.browser, pytest.mark.build]

VERSIONS = ["1.2", "2004"]
RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist"
HARNESS = """<!doctype html>
<html><head><meta charset="utf-8"><title>platform</title>
<script src="runtime/scorm12.min.js"></script>
<script src="runtime/scorm2004.min.js"></script>
<script>
  // The platform side: scorm-again with no commit URL keeps everything in this page.
  var params = new URLSearchParams(location.search), version = params.get("version");
  var settings = { autocommit: false, logLevel: 5 };
  window.runtime = version === "2004" ? (window.API_1484_11 = new Scorm2004API(settings))
                                      : (window.API = new Scorm12API(settings));
  runtime.loadFromJSON(JSON.parse(params.get("initial") || "{}"));
  window.calls = [];
  ["LMSInitialize", "LMSFinish", "Initialize", "Terminate"].forEach(function (name) {
    runtime.on(name, function () { calls.push(name); });
  });
</script></head>
<body><iframe id="sco" style="width:1200px;height:760px;border:0"></iframe>
<script>document.getElementById("sco").src = params.get("launch");</script>
</body></html>
"""


@pytest.fixture(scope="module")
def platform(scorm_packages: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Both packages unzipped under pkg12/ and pkg2004/, next to the harness; served."""
    root = tmp_path_factory.mktemp("platform")
    for version, package in scorm_packages.items():
        with zipfile.ZipFile(package) as archive:
            archive.extractall(root / folder(version))
    (root / "runtime").mkdir()
    for name in ("scorm12.min.js", "scorm2004.min.js"):
        shutil.copyfile(RUNTIME / name, root / "runtime" / name)
    (root / "harness.html").write_text(HARNESS, encoding="utf-8")
    with serve(root) as url:
        yield url, root


def folder(version: str) -> str:
    return "pkg" + version.replace(".", "")


def open_session(tab: Page, url: str, version: str, initial: dict[str, Any] | None = None) -> None:
    query = f"version={version}&launch={folder(version)}/scorm.html&initial={quote(json.dumps(initial or {}))}"
    tab.goto(f"{url}harness.html?{query}")
    content(tab).locator(".ss-page[data-ss-ready], .md-content").first.wait_for(state="attached")


def content(tab: Page) -> FrameLocator:
    return tab.frame_locator("#sco").frame_locator("#ss-scorm-frame")


def content_frame(tab: Page) -> Frame:
    return next(f for f in tab.frames if f.parent_frame and f.parent_frame.url.endswith("/scorm.html"))


def launch_frame(tab: Page) -> Frame:
    return next(f for f in tab.frames if f.url.endswith("/scorm.html"))


def arrive(tab: Page, **attrs: str) -> None:
    """Wait until the content frame shows the page with these data-ss-* values, set up."""
    selector = ".ss-page[data-ss-ready]" + "".join(f"[data-ss-{key}='{value}']" for key, value in attrs.items())
    content(tab).locator(selector).wait_for(state="attached")


def cmi(tab: Page) -> dict[str, Any]:
    return tab.evaluate("runtime.renderCMIToJSONObject().cmi")  # type: ignore[no-any-return]


def position(items: list[Any], item_id: str) -> int:
    return next(i for i, item in enumerate(items) if item[0] == item_id)


def play_one_scenario(tab: Page, course: dict[str, Any]) -> dict[str, Any]:
    """A wrong choice at the first step, back, then the recommended choice at every
    step to the ending. Returns what the runtime should now hold."""
    scenario = course["scenarios"][0]
    frame = content_frame(tab)
    frame.goto(frame.url.rsplit("/", 1)[0] + f"/scenarios/{scenario['id']}/index.html")
    arrive(tab, kind="scenario", scenario=scenario["id"])
    content(tab).locator("a[data-ss-role='next']").first.click()
    arrive(tab, kind="decision")
    step_id = content(tab).locator(".ss-page").get_attribute("data-ss-step")

    choices: list[tuple[str, str, str]] = []  # (step, choice, result)
    path: list[str] = []
    route: list[str] = []  # the choice texts on the way to the ending
    arrive(tab, kind="decision", step=step_id)
    step = scenario["steps"][position(scenario["steps"], step_id)]
    assert step[2] >= 0, "the first step of the first scenario should mark a recommended choice"
    wrong = next(i for i in range(len(step[3])) if i != step[2])
    content(tab).locator(f"a.ss-choice[data-ss-choice='{step[3][wrong][0]}']").click()  # shown order is shuffled
    arrive(tab, kind="consequence", step=step_id, choice=step[3][wrong][0])
    choices.append((step_id, step[3][wrong][0], "wrong"))
    content(tab).locator("a[data-ss-role='back']").first.click()

    while True:
        arrive(tab, kind="decision", step=step_id)
        at = position(scenario["steps"], step_id)
        step = scenario["steps"][at]
        content(tab).locator(f"a.ss-choice[data-ss-choice='{step[3][step[2]][0]}']").click()
        arrive(tab, kind="consequence", step=step_id, choice=step[3][step[2]][0])
        choices.append((step_id, step[3][step[2]][0], "correct"))
        path.append(f"{base36(at)}.{base36(step[2])}")
        route.append(step[3][step[2]][1])
        content(tab).locator("a[data-ss-role='next']").first.click()
        content(tab).locator(".ss-page[data-ss-ready]:not([data-ss-kind='consequence'])").wait_for(state="attached")
        page = content(tab).locator(".ss-page")
        if page.get_attribute("data-ss-kind") == "ending":
            ending = page.get_attribute("data-ss-ending")
            break
        step_id = page.get_attribute("data-ss-step")
    base = frame.url.split("/scenarios/")[0] + "/"
    rating = scenario["endings"][position(scenario["endings"], ending)][2]
    assert rating == "good", "the recommended route should end well"
    ending_at = base36(position(scenario["endings"], ending))
    return {
        "scenario": scenario,
        "choices": choices,
        "suspend_data": f"1|{scenario['id']}:{ending_at}:g:{','.join(path)}",
        "location": content_frame(tab).url.removeprefix(base),
        "route": route,
    }


def interactions(data: dict[str, Any], version: str) -> list[dict[str, Any]]:
    found = data["interactions"]
    rows = found.get("childArray", found) if isinstance(found, dict) else found
    return list(rows.values()) if isinstance(rows, dict) else list(rows)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_session_reports_choices_status_score_and_progress(
    page: Page, platform: tuple[str, Path], version: str
) -> None:
    url, root = platform
    open_session(page, url, version)
    course = launch_frame(page).evaluate("ssScormCourse")
    played = play_one_scenario(page, course)
    total = len(course["scenarios"])
    data = cmi(page)
    core = data["core"] if version == "1.2" else data

    # One record per choice: scenario and step in the id, the choice, the verdict, a time.
    rows = interactions(data, version)
    assert len(rows) == len(played["choices"]) >= 2
    for row, (step, choice, result) in zip(rows, played["choices"], strict=True):
        assert row["id"] == f"urn:scenariosite:{played['scenario']['id']}:{step}"
        assert row["type"] == "choice"
        if version == "1.2":
            assert row["student_response"] == choice and row["time"]
            assert row["result"] == result
        else:
            assert row["learner_response"] == choice and row["timestamp"].startswith("20")
            assert row["result"] == {"wrong": "incorrect"}.get(result, result)
            assert row["description"].startswith("{lang=nl}")

    # One scenario of all ended well at its first attempt: under way, score 1 of total.
    assert data["suspend_data"] == played["suspend_data"]
    assert len(data["suspend_data"]) < SUSPEND_DATA_LIMIT_12
    assert core["score"]["raw"] == str(round(100 / total))
    if version == "1.2":
        assert core["lesson_status"] == "incomplete"
        assert core["lesson_location"] == played["location"]
    else:
        assert data["completion_status"] == "incomplete" and data["success_status"] == "unknown"
        assert float(data["score"]["scaled"]) == pytest.approx(1 / total, abs=1e-4)
        assert data["location"] == played["location"]

    # Leaving: session time, exit=suspend, then Terminate (the platform closes the frame).
    page.evaluate("document.getElementById('sco').remove()")
    page.wait_for_function("calls.length >= 2")
    expected = ["LMSInitialize", "LMSFinish"] if version == "1.2" else ["Initialize", "Terminate"]
    assert page.evaluate("calls") == expected
    after = cmi(page)
    if version == "1.2":
        assert after["core"]["exit"] == "suspend" and after["core"]["session_time"] != "00:00:00"
    else:
        assert after["exit"] == "suspend" and after["session_time"].startswith("PT")

    assert not external_references(root / folder(version)), "the package points outside itself"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_second_device_resumes_from_suspend_data(
    page: Page, browser: Any, platform: tuple[str, Path], version: str
) -> None:
    """A first session plays a scenario; a fresh browser (empty localStorage) opens the
    second session with only what the platform kept, and finds the progress there."""
    url, _ = platform
    first = browser.new_context()
    try:
        tab = first.new_page()
        open_session(tab, url, version)
        course = launch_frame(tab).evaluate("ssScormCourse")
        played = play_one_scenario(tab, course)
        data = cmi(tab)
    finally:
        first.close()
    suspend_data = data["suspend_data"]
    location = data["core"]["lesson_location"] if version == "1.2" else data["location"]

    # The other scenarios ended well (2004) or three of them badly (1.2) at first: the
    # course is complete, passed at 100 % or failed at 75 % against the pass mark of 80 %.
    others = course["scenarios"][1:]
    firsts = ["g"] * len(others) if version == "2004" else ["b"] * 3 + ["g"] * (len(others) - 3)
    suspend_data += "".join(f";{s['id']}:0:{first}:" for s, first in zip(others, firsts, strict=True))
    initial: dict[str, Any] = {"suspend_data": suspend_data}
    initial.update({"core": {"entry": "resume", "lesson_location": location}} if version == "1.2" else
                   {"entry": "resume", "location": location})  # fmt: skip
    open_session(page, url, version, initial)

    # Back where the learner left, with the path taken shown as before.
    scenario = played["scenario"]
    arrive(page, kind="ending", scenario=scenario["id"])
    assert content_frame(page).url.endswith(location)
    path = content(page).locator("[data-ss-path] .ss-path__list li")
    expect(path).to_have_count(len(played["route"]))
    for item, text in zip(path.all(), played["route"], strict=True):
        expect(item).to_contain_text(text)

    content_frame(page).goto(content_frame(page).url.split("/scenarios/")[0] + "/scenarios/index.html")
    line = content(page).locator(f'[data-ss-progress-line="{scenario["id"]}"]')
    total_endings = len(scenario["endings"])
    expect(line).to_contain_text(ui_strings("nl")["endings_found"].format(found=1, total=total_endings))
    summary = content(page).locator('[data-ss-progress="*"] .ss-progress__text')
    n = len(course["scenarios"])
    expect(summary).to_contain_text(ui_strings("nl")["scenarios_played"].format(done=n, total=n))

    data = cmi(page)
    if version == "1.2":
        assert data["core"]["lesson_status"] == "failed" and data["core"]["score"]["raw"] == str(round(100 * 9 / n))
    else:
        assert data["completion_status"] == "completed" and data["success_status"] == "passed"
        assert data["score"]["raw"] == "100" and float(data["score"]["scaled"]) == 1
    assert interactions(data, version) == [], "restoring is no choice"


@pytest.mark.parametrize("version", VERSIONS)
def test_without_a_platform_the_package_is_the_plain_course(
    page: Page, platform: tuple[str, Path], version: str
) -> None:
    """The launch page opened on its own shows the course; progress stays in this
    browser as on the website; nothing complains."""
    url, _ = platform
    page.goto(f"{url}{folder(version)}/scorm.html")
    page.frame_locator("#ss-scorm-frame").locator(".md-content").wait_for(state="attached")
    assert page.evaluate("window.ssScormSession === undefined")
    page.goto(f"{url}{folder(version)}/scenarios/index.html")
    page.locator("article h2 a").first.click()
    page.locator(".ss-page[data-ss-ready][data-ss-kind='scenario']").wait_for(state="attached")
    page.locator("a[data-ss-role='next']").first.click()
    page.locator(".ss-page[data-ss-ready][data-ss-kind='decision']").wait_for(state="attached")
    page.locator("a.ss-choice").first.click()
    page.locator(".ss-page[data-ss-ready][data-ss-kind='consequence']").wait_for(state="attached")
    progress = page.evaluate("Object.keys(__md_get('ss.progress') || {})")
    assert len(progress) == 1


# --- the session's rules, on a small made-up course (no build) ---------------------


def made_up_course() -> list[Any]:
    def step(title: str, choices: str, recommended: str = "") -> SimpleNamespace:
        made = [SimpleNamespace(id=c, text=f"choice {c}", reaction="", recommended=c == recommended) for c in choices]
        return SimpleNamespace(title=title, choices=made)

    def ending(rating: str) -> SimpleNamespace:
        return SimpleNamespace(title=f"ends {rating}", rating=rating)

    endings = {"good-end": ending("good"), "bad-end": ending("bad")}
    return [
        SimpleNamespace(
            id="alpha", steps={"s1": step("Step 1", "ab", "a"), "s2": step("Step 2", "xy")}, endings=endings
        ),
        SimpleNamespace(id="beta", steps={"s1": step("Step 1", "ab", "b")}, endings=endings),
        SimpleNamespace(id="gamma", steps={"s1": step("Step 1", "ab", "a")}, endings=endings),
    ]


@pytest.fixture(scope="module")
def made_up_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The launch page, tracking script and index of made_up_course(): at least 2
    scenarios complete it, a pass mark of 50 %."""
    root = tmp_path_factory.mktemp("made-up")
    package = root / "pkg2004"
    (package / "assets").mkdir(parents=True)
    (package / "scorm.html").write_text(launch_page("Made up", "en"), encoding="utf-8")
    home = "<!doctype html><title>home</title><div class=md-content>home</div>"
    (package / "index.html").write_text(home, encoding="utf-8")
    settings = {"completion": 2, "passMark": 0.5, "language": "en"}
    script = course_script(
        course_index(made_up_course(), lambda choice: str(getattr(choice, "reaction", None) or "")), settings
    )
    (package / "assets" / "ss-scorm-course.js").write_text(script, encoding="utf-8")
    shutil.copyfile(THEME / "assets" / "ss-scorm.js", package / "assets" / "ss-scorm.js")
    shutil.copytree(package, root / "pkg12")
    (root / "runtime").mkdir()
    for name in ("scorm12.min.js", "scorm2004.min.js"):
        shutil.copyfile(RUNTIME / name, root / "runtime" / name)
    (root / "harness.html").write_text(HARNESS, encoding="utf-8")
    with serve(root) as url:
        yield url


def show(tab: Page, kind: str, scenario: str, step: str = "", choice: str = "", rating: str = "") -> None:
    """What scenariosite.js hands the session when a page is shown (progress aside)."""
    page = {"ssKind": kind, "ssScenario": scenario, "ssStep": step, "ssChoice": choice, "ssRating": rating}
    if kind == "ending":
        page["ssEnding"] = f"{rating}-end"
    launch_frame(tab).evaluate("p => ssScormSession.page(p, {}, new URL('x.html', location).href)", page)


def test_choices_are_judged_and_only_the_first_attempt_counts(page: Page, made_up_platform: str) -> None:
    open_session(page, made_up_platform, "2004")
    launch_frame(page).wait_for_function("window.ssScormSession")
    show(page, "decision", "alpha", "s1")
    show(page, "consequence", "alpha", "s1", "b")  # not the recommended one
    show(page, "consequence", "alpha", "s1", "b")  # a reload is no new choice
    show(page, "decision", "alpha", "s2")
    show(page, "consequence", "alpha", "s2", "y")  # the step recommends none
    show(page, "consequence", "beta", "s1", "b")  # arrived from elsewhere (search): no choice made
    rows = interactions(cmi(page), "2004")
    assert [(r["id"], r["learner_response"], r["result"]) for r in rows] == [
        ("urn:scenariosite:alpha:s1", "b", "incorrect"),
        ("urn:scenariosite:alpha:s2", "y", "neutral"),
    ]
    assert rows[0]["correct_responses"] == {"0": {"pattern": "a"}}
    assert rows[1]["correct_responses"] == {}
    assert rows[0]["description"] == "{lang=en}Step 1: choice b"

    show(page, "ending", "alpha", rating="bad")
    data = cmi(page)
    assert (data["completion_status"], data["success_status"], data["score"]["raw"]) == ("incomplete", "unknown", "0")
    assert data["progress_measure"] == "0.5"
    show(page, "ending", "alpha", rating="good")  # a second attempt: the score keeps the first
    show(page, "ending", "beta", rating="good")  # 2 of 2 needed: complete; 1 of 2 good = the pass mark
    data = cmi(page)
    assert (data["completion_status"], data["success_status"], data["score"]["raw"]) == ("completed", "passed", "50")
    assert data["suspend_data"] == "1|alpha::b:;beta::g:"


def test_the_platform_pass_mark_wins(page: Page, made_up_platform: str) -> None:
    """A passing score the platform sets (1.2: mastery_score) overrides the course's."""
    open_session(page, made_up_platform, "1.2", {"student_data": {"mastery_score": "60"}})
    launch_frame(page).wait_for_function("window.ssScormSession")
    show(page, "ending", "alpha", rating="good")
    assert cmi(page)["core"]["lesson_status"] == "incomplete"
    show(page, "ending", "gamma", rating="mixed")
    core = cmi(page)["core"]
    assert (core["lesson_status"], core["score"]["raw"]) == ("failed", "50")
    assert cmi(page)["suspend_data"] == "1|alpha::g:;gamma::m:"


# --- suspend_data: what a course needs at most ------------------------------------


def write_course(root: Path, scenarios: int) -> None:
    """benchmarks/synthetic.py's course of any size (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec and spec.loader
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    synthetic.write_course(root, scenarios)


def longest_in_browser(tab: Page, index: dict[str, Any]) -> str:
    """What ss-scorm.js writes when every scenario has every ending and a path through
    every step with its last choice: the longest progress the course can have."""
    return tab.evaluate(  # type: ignore[no-any-return]
        """course => {
          const progress = {}, firsts = {};
          for (const s of course.scenarios) {
            const endings = {};
            for (const e of s.endings) endings[e[0]] = {t: e[1], r: e[2]};
            const path = s.steps.map(step => ({s: step[0], c: step[3][step[3].length - 1][0]}));
            progress[s.id] = {endings, path};
            firsts[s.id] = "good";
          }
          return ssScormCodec.encode(course, progress, firsts, true);
        }""",
        index,
    )


def test_suspend_data_fits_scorm_12_for_the_course_and_for_50_scenarios(
    page: Page, platform: tuple[str, Path], tmp_path: Path
) -> None:
    url, root = platform
    page.goto(f"{url}pkg12/scorm.html")
    page.wait_for_function("window.ssScormCodec")
    shipped = page.evaluate("ssScormCourse")
    write_course(tmp_path, 50)
    result = pipeline.load_course(tmp_path / "scenarios")
    assert result.ok and result.course is not None
    synthetic = course_index(result.course.scenarios.values(), result.course.profile_ref)
    sizes = {}
    for name, index in (("shipped", shipped), ("synthetic-50", synthetic)):
        written = longest_in_browser(page, index)
        assert written == longest_suspend_data(index), "ss-scorm.js and course_index.py disagree on the format"
        decoded = page.evaluate("([c, d]) => ssScormCodec.decode(c, d)", [index, written])
        assert len(decoded["progress"]) == len(index["scenarios"]) and set(decoded["firsts"].values()) == {"good"}
        sizes[name] = len(written)
    assert sizes["synthetic-50"] < SUSPEND_DATA_LIMIT_12, sizes
    assert sizes["shipped"] < SUSPEND_DATA_LIMIT_12, sizes
