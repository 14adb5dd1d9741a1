"""`check` warns where a keyword is listed by most scenarios: it sets no page apart in
search (issue 12). Located at each place it is listed; quiet for words that a few
scenarios share, and in courses too small for "most" to mean anything."""

from __future__ import annotations

from pathlib import Path

from scenario_helpers import copy_fixture, read_yaml, write_yaml
from scenariosite import pipeline


def course_of(tmp_path: Path, keywords: list[list[str]]) -> Path:
    """The fixture course with one copy of its scenario per keyword list."""
    course = copy_fixture(tmp_path / "scenarios")
    data = read_yaml(course / "returns.yaml")
    (course / "returns.yaml").unlink()
    for number, words in enumerate(keywords):
        write_yaml(course / f"case-{number}.yaml", {**data, "keywords": words})
    return course


def warnings(course: Path) -> list[str]:
    report = pipeline.load_course(course).report
    return [d.headline() for d in report.sorted() if "sets none apart" in d.message]


def test_a_keyword_most_scenarios_list_is_flagged_where_it_is_listed(tmp_path: Path) -> None:
    course = course_of(tmp_path, [["customer", "jacket"], ["Customer", "shoe"], ["customer"], ["hat"]])
    found = warnings(course)
    assert len(found) == 3, found
    assert "case-1.yaml:" in found[1] and "keyword 'customer' is listed by 3 of 4 scenarios" in found[1]


def test_words_a_few_scenarios_share_are_fine(tmp_path: Path) -> None:
    assert warnings(course_of(tmp_path, [["customer"], ["customer"], ["shoe"], ["hat"]])) == []


def test_a_small_course_is_left_alone(tmp_path: Path) -> None:
    assert warnings(course_of(tmp_path, [["customer"], ["customer"], ["customer"]])) == []
