"""Errors in the browser while serving: a course with errors is one page listing every
error (file, line, column, message, the source line with a caret); an open tab switches
to it by itself and back to the real page once the file is fixed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, copy_course
from dev_server import dev_server, fetch

pytestmark = pytest.mark.browser

PAGE = "scenarios/returns/counter/"
WAIT_MS = 90_000  # a rebuild on a busy shared machine


def break_scenario(scenarios: Path) -> None:
    scenario = scenarios / "returns.yaml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("next: offer", "next: ofer", 1).replace("rating: mixed", "rating: mixd", 1))


# `make serve` runs `mkdocs serve --dirty`; an author may run plain `mkdocs serve` too.
@pytest.mark.parametrize("serve_args", [("--dirty",), ()], ids=["make-serve", "plain"])
def test_errors_appear_in_the_open_tab_and_go_away_after_the_fix(
    tmp_path: Path, page: Any, serve_args: tuple[str, ...]
) -> None:
    course = copy_course(FIXTURES / "course-en", tmp_path / "course")
    scenario = course / "scenarios" / "returns.yaml"
    good = scenario.read_text(encoding="utf-8")
    with dev_server(course, *serve_args) as url:
        page.goto(url + PAGE)
        title = page.locator("h1").first.inner_text()
        assert title and page.locator("#ss-serve-errors").count() == 0

        break_scenario(course / "scenarios")
        errors = page.locator("ol.ss-serve-errors > li")
        errors.first.wait_for(timeout=WAIT_MS)
        shown = page.locator("ol.ss-serve-errors").inner_text()
        assert errors.count() == 2, shown
        lines = good.splitlines()
        next_line = next(i for i, line in enumerate(lines, 1) if "next: offer" in line)
        assert f"scenarios/returns.yaml:{next_line}:" in shown
        assert "unknown step or ending 'ofer'" in shown
        assert "next: ofer" in shown and "^" in shown  # the source line and its caret
        assert "rating" in shown

        scenario.write_text(good, encoding="utf-8")
        page.locator("#ss-serve-errors").wait_for(state="detached", timeout=WAIT_MS)
        page.locator("h1").first.wait_for(timeout=WAIT_MS)
        assert page.locator("h1").first.inner_text() == title
    log = (course / "serve.log").read_text(encoding="utf-8")
    assert "A 'dirty' build is being performed" not in log  # the plugin keeps dirty builds exact
    if serve_args:
        assert "page(s) rebuilt" in log


def test_a_course_that_starts_broken_is_served_as_its_errors(tmp_path: Path) -> None:
    course = copy_course(FIXTURES / "course-en", tmp_path / "course")
    break_scenario(course / "scenarios")
    with dev_server(course, "--dirty") as url:
        for path in ("", PAGE, "no/such/page/"):
            status, body = fetch(url + path)
            assert 'id="ss-serve-errors"' in body, (path, status)
            assert "scenarios/returns.yaml:" in body
