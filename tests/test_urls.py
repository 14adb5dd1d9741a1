"""The lock of published URLs and the redirects (hooks/scenariosite/published/): parsing
with located errors, the checks against what a course produces, the lock and retire
commands, and the redirect pages. No MkDocs build here: see test_urls_build.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from scenariosite.cli import main
from scenariosite.diagnostics import Report
from scenariosite.page_meta import description_from_html
from scenariosite.published.check import check_urls
from scenariosite.published.lockfile import LOCK_HEADER, read_lock, updated_lock
from scenariosite.published.paths import CourseSite, built_path, docs_page_urls, normalise_url, relative_href
from scenariosite.published.redirect_pages import redirect_page
from scenariosite.strings import ui_strings

LIVE = {
    "/",
    "begin/",
    "links/",
    "links/links.csv",
    "scenarios/",
    "scenarios/jacket/",
    "scenarios/jacket/counter/",
    "scenarios/jacket/counter/a/",
    "scenarios/jacket/trainer/",
}


def course_site(tmp_path: Path, lock: str | None = None, redirects: str | None = None) -> CourseSite:
    site = CourseSite(tmp_path, tmp_path / "docs", "https://example.org/training/")
    for path, text in ((site.lock_path, lock), (site.redirects_path, redirects)):
        if text is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return site


def problems(report: Report) -> list[tuple[str, int, int, str, str]]:
    """(file name, line, column, severity, message) for every diagnostic, in order."""
    return [(d.path.name, d.position.line, d.position.column, d.severity, d.message) for d in report.sorted()]


def run(tmp_path: Path, lock: str | None = None, redirects: str | None = None, live: set[str] = LIVE):  # type: ignore[no-untyped-def]
    report = Report()
    found = check_urls(course_site(tmp_path, lock, redirects), live, report)
    return found, problems(report)


LOCKED = "".join(f"{url}\n" for url in sorted(LIVE))


# --- the lock file -------------------------------------------------------------------


def test_a_lock_that_matches_the_site_gives_no_problem(tmp_path: Path) -> None:
    found, reported = run(tmp_path, "# published\n\n" + LOCKED.replace("begin/\n", "begin/  # the welcome page\n"))
    assert reported == []
    assert found.new_urls == [] and found.lost_urls == []


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        ("/scenarios/", 1, "without the leading '/'"),
        ("https://example.org/training/scenarios/", 1, "full address"),
        ("scenarios", 10, "page URLs end in '/': did you mean 'scenarios/'?"),
        ("scenarios/jacket/#top", 18, "'#fragment' is not part of a page URL"),
        ("scenarios/jac ket/", 15, "one URL per line"),
        ("scenarios/jäcket/", 12, "unexpected character 'ä'"),
        ("scenarios//jacket/", 1, "empty, '.' or '..' path segment"),
        ("scenarios/../jacket/", 1, "empty, '.' or '..' path segment"),
        ("scenarios/*", 11, "unexpected '*'"),
        ("  /indented/", 3, "without the leading '/'"),
    ],
)
def test_each_malformed_lock_line_is_an_error_at_its_place(
    tmp_path: Path, line: str, column: int, expected: str
) -> None:
    _, reported = run(tmp_path, "# head\n" + line + "\n" + LOCKED)
    errors = [p for p in reported if p[3] == "error"]
    assert len(errors) == 1, reported
    name, at_line, at_column, _, message = errors[0]
    assert (name, at_line, at_column) == ("published.txt", 2, column)
    assert expected in message


def test_a_malformed_lock_turns_off_the_lost_and_new_checks(tmp_path: Path) -> None:
    found, reported = run(tmp_path, "/oops/\n")
    assert found.lock.malformed
    assert [p[4] for p in reported if "no longer produced" in p[4] or "not in the lock" in p[4]] == []


def test_a_url_listed_twice_and_an_unsorted_lock_are_warnings(tmp_path: Path) -> None:
    _, reported = run(tmp_path, "b/\na/\nc/\n/\nb/\n", live={"/", "a/", "b/", "c/"})
    assert reported == [
        ("published.txt", 2, 1, "warning", "'a/' is out of order (after 'b/'); keep the lock sorted so diffs stay "
         "small: `scenariosite lock` sorts it"),
        ("published.txt", 5, 1, "warning", "'b/' is listed twice (first on line 1); remove this line"),
    ]  # fmt: skip


def test_a_lost_url_is_an_error_naming_it_and_both_fixes(tmp_path: Path) -> None:
    live = LIVE - {"scenarios/jacket/trainer/"} | {"scenarios/jacket/teacher/"}
    found, reported = run(tmp_path, LOCKED, live=live)
    lost_line = sorted(LIVE).index("scenarios/jacket/trainer/") + 1
    errors = [p for p in reported if p[3] == "error"]
    assert [(p[0], p[1], p[2]) for p in errors] == [("published.txt", lost_line, 1)]
    message = errors[0][4]
    assert "'scenarios/jacket/trainer/' is no longer produced" in message
    assert "'scenarios/jacket/trainer/ -> scenarios/jacket/teacher/'" in message  # the likely new home
    assert "redirects.txt" in message
    assert "scenariosite retire scenarios/jacket/trainer/" in message
    assert found.lost_urls == ["scenarios/jacket/trainer/"]


def test_a_lost_folder_suggests_one_folder_redirect(tmp_path: Path) -> None:
    live = {url.replace("jacket", "coat") for url in LIVE}
    _, reported = run(tmp_path, LOCKED, live=live)
    lost = [p[4] for p in reported if p[3] == "error"]
    assert len(lost) == 4  # every page of the scenario, each named
    assert any("'scenarios/jacket/* -> scenarios/coat/*'" in message for message in lost)


def test_new_urls_are_one_warning_that_says_how_to_add_them(tmp_path: Path) -> None:
    live = LIVE | {"scenarios/coat/", "scenarios/coat/counter/"}
    found, reported = run(tmp_path, LOCKED, live=live)
    assert found.new_urls == ["scenarios/coat/", "scenarios/coat/counter/"]
    assert reported == [
        (
            "published.txt",
            1,
            1,
            "warning",
            "2 URL(s) of the site are not in the lock yet: scenarios/coat/, scenarios/coat/counter/; "
            "run `scenariosite lock` to add them",
        )
    ]


def test_without_a_lock_only_redirects_are_checked(tmp_path: Path) -> None:
    found, reported = run(tmp_path, None, "old/ -> begin/\n")
    assert reported == []
    assert found.redirects == {"old/": "begin/"}
    assert not found.lock.exists


# --- the redirects file -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        ("old/ begin/", 1, "expected 'old/url/ -> new/url/'"),
        ("old/ -> ", 1, "expected 'old/url/ -> new/url/'"),
        ("old/ -> begin/ -> links/", 1, "expected 'old/url/ -> new/url/'"),
        ("old/ -> /begin/", 9, "without the leading '/'"),
        ("old/ ->    https://example.org/", 12, "full address"),
        ("old/ -> begin", 14, "did you mean 'begin/'?"),
        ("old/ -> begin now/", 9, "a URL has no spaces"),
        ("old/ -> new/*", 9, "a folder can only be redirected from a folder"),
        ("old.csv -> links/links.csv", 1, "a redirect page can only stand at a page URL"),
        ("o*ld/ -> begin/", 2, "unexpected '*'"),
    ],
)
def test_each_malformed_redirect_line_is_an_error_at_its_place(
    tmp_path: Path, line: str, column: int, expected: str
) -> None:
    _, reported = run(tmp_path, None, "# moved pages\n" + line + "\n")
    assert len(reported) == 1, reported
    name, at_line, at_column, severity, message = reported[0]
    assert (name, at_line, at_column, severity) == ("redirects.txt", 2, column, "error")
    assert expected in message


def test_a_redirect_to_a_url_that_does_not_exist(tmp_path: Path) -> None:
    found, reported = run(tmp_path, None, "old/ -> scenarios/jackets/\n")
    assert reported == [
        (
            "redirects.txt",
            1,
            9,
            "error",
            "redirect target 'scenarios/jackets/' is not a page of the site (did you mean 'scenarios/jacket/'?)",
        )
    ]
    assert found.redirects == {}


def test_a_redirect_loop_is_one_error(tmp_path: Path) -> None:
    found, reported = run(tmp_path, None, "a/ -> b/\nb/ -> c/\nc/ -> a/\n")
    assert len(reported) == 1, reported
    name, line, column, severity, message = reported[0]
    assert (name, line, column, severity) == ("redirects.txt", 3, 7, "error")
    assert message.startswith("redirect loop: a/ (line 1) -> b/ (line 2) -> c/ (line 3) -> a/")
    assert found.redirects == {}


def test_a_redirect_to_itself_is_a_loop(tmp_path: Path) -> None:
    _, reported = run(tmp_path, None, "a/ -> a/\n")
    assert [(p[1], p[2], p[4].split(";")[0]) for p in reported] == [(1, 7, "redirect loop: a/ (line 1) -> a/")]


def test_two_redirects_from_the_same_url(tmp_path: Path) -> None:
    _, reported = run(tmp_path, None, "old/ -> begin/\n\nold/ -> links/\n")
    assert reported == [
        (
            "redirects.txt",
            3,
            1,
            "error",
            "'old/' is already redirected on line 1 (to 'begin/'); keep one of the two lines",
        )
    ]


def test_a_redirect_from_a_live_page(tmp_path: Path) -> None:
    _, reported = run(tmp_path, None, "begin/ -> links/\n")
    assert [(p[1], p[2], p[3]) for p in reported] == [(1, 1, "error")]
    assert "'begin/' is a live page of the site" in reported[0][4]


def test_chains_resolve_to_the_live_page(tmp_path: Path) -> None:
    found, reported = run(tmp_path, None, "older/ -> old/\nold/ -> begin/\nhome-old/ -> /\n")
    assert reported == []
    assert found.redirects == {"older/": "begin/", "old/": "begin/", "home-old/": "/"}


def test_a_folder_redirect_covers_every_lost_url_below_it(tmp_path: Path) -> None:
    old_lock = LOCKED.replace("jacket", "returns")
    live = LIVE
    found, reported = run(tmp_path, old_lock, "scenarios/returns/* -> scenarios/jacket/*\n", live=live)
    assert [p for p in reported if p[3] == "error"] == []
    assert found.redirects == {
        "scenarios/returns/": "scenarios/jacket/",
        "scenarios/returns/counter/": "scenarios/jacket/counter/",
        "scenarios/returns/counter/a/": "scenarios/jacket/counter/a/",
        "scenarios/returns/trainer/": "scenarios/jacket/trainer/",
    }


def test_exact_lines_win_over_a_folder_and_a_missing_folder_target_is_named(tmp_path: Path) -> None:
    old_lock = LOCKED.replace("jacket", "returns") + "scenarios/returns/gone/\n"
    rules = "scenarios/returns/* -> scenarios/jacket/*\nscenarios/returns/trainer/ -> begin/\n"
    found, reported = run(tmp_path, old_lock, rules)
    assert found.redirects["scenarios/returns/trainer/"] == "begin/"
    errors = [p for p in reported if p[3] == "error" and p[0] == "redirects.txt"]
    assert [(p[1], p[2]) for p in errors] == [(1, 24)]
    assert "sends 'scenarios/returns/gone/' to 'scenarios/jacket/gone/', which is not a page" in errors[0][4]
    assert "add an exact line for 'scenarios/returns/gone/'" in errors[0][4]


def test_a_folder_redirect_that_covers_nothing_is_a_warning(tmp_path: Path) -> None:
    _, reported = run(tmp_path, LOCKED, "nothing/* -> begin/\n")
    assert [(p[0], p[1], p[3]) for p in reported] == [("redirects.txt", 1, "warning")]


def test_redirect_sources_count_as_produced(tmp_path: Path) -> None:
    found, reported = run(tmp_path, LOCKED + "old/\n", "old/ -> begin/\n")
    assert [p for p in reported if p[3] == "error"] == []
    assert "old/" in found.produced


# --- changing the lock ------------------------------------------------------------------


def test_updated_lock_keeps_comments_above_their_urls_and_sorts(tmp_path: Path) -> None:
    text = "# header\n\nb/\n# about d\nd/  # inline\nc/\nb/\n"
    lock = read_lock(course_site(tmp_path, text).lock_path, Report())
    assert updated_lock(lock, add=["a/", "e/", "c2/"], remove=["c/"]) == (
        "# header\n\na/\nb/\nc2/\n# about d\nd/  # inline\ne/\n"
    )


def test_a_new_lock_starts_with_its_explanation(tmp_path: Path) -> None:
    lock = read_lock(tmp_path / "missing.txt", Report())
    text = updated_lock(lock, add=["b/", "/", "a/"])
    assert text.startswith(LOCK_HEADER)
    assert text.endswith("/\na/\nb/\n")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("https://example.org/training/scenarios/x/", "scenarios/x/"),
        ("https://example.org/training/", "/"),
        ("/scenarios/x/", "scenarios/x/"),
        ("scenarios/x/", "scenarios/x/"),
        ("/", "/"),
    ],
)
def test_urls_pasted_from_a_browser_are_normalised(typed: str, expected: str) -> None:
    assert normalise_url(typed, "https://example.org/training/") == expected


# --- the commands ---------------------------------------------------------------------


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the fixture course (scenarios and docs), without lock."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURES / "course-en", target)
    return target


def cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_lock_creates_the_lock_with_every_url_and_check_then_passes_strict(course: Path) -> None:
    code, output = cli("check", "--strict", "-q", course / "scenarios")
    assert code == 0, output  # no lock yet: nothing is published, nothing to warn about
    code, output = cli("lock", course / "scenarios")
    assert code == 0, output
    lines = [line for line in (course / "urls" / "published.txt").read_text().splitlines() if line[:1] != "#"]
    assert lines == sorted(lines)
    assert {"/", "scenarios/returns/", "scenarios/returns/counter/b/", "links/links.csv"} <= set(lines)
    assert f"added {len(lines)} URL(s)" in output
    assert cli("check", "--strict", "-q", course / "scenarios")[0] == 0


def test_check_strict_fails_while_the_lock_is_out_of_date(course: Path) -> None:
    cli("lock", course / "scenarios")
    (course / "docs" / "extra.md").write_text("# Extra\n\nA new page.\n")
    code, output = cli("check", "--strict", "-q", course / "scenarios")
    assert code == 1
    assert "1 URL(s) of the site are not in the lock yet: extra/" in output
    assert cli("check", "-q", course / "scenarios")[0] == 0  # a warning, not an error
    assert cli("lock", course / "scenarios")[0] == 0
    assert cli("check", "--strict", "-q", course / "scenarios")[0] == 0


def test_check_fails_naming_every_lost_url(course: Path) -> None:
    cli("lock", course / "scenarios")
    locked = [u for u in (course / "urls" / "published.txt").read_text().splitlines() if "returns" in u]
    (course / "scenarios" / "returns.yaml").rename(course / "scenarios" / "jacket.yaml")
    code, output = cli("check", "-q", course / "scenarios")
    assert code == 1
    for url in locked:
        assert f"published URL '{url}' is no longer produced" in output
    (course / "urls" / "redirects.txt").write_text("scenarios/returns/* -> scenarios/jacket/*\n")
    assert cli("check", "-q", course / "scenarios")[0] == 0


def test_retire_removes_only_urls_that_are_gone(course: Path) -> None:
    cli("lock", course / "scenarios")
    lock = course / "urls" / "published.txt"
    lock.write_text(lock.read_text() + "old/page/\n")
    assert cli("check", "-q", course / "scenarios")[0] == 1

    code, output = cli("retire", "--dir", course / "scenarios", "scenarios/returns/")
    assert code == 2 and "still works" in output
    code, output = cli("retire", "--dir", course / "scenarios", "not/locked/")
    assert code == 2 and "is not in" in output
    code, output = cli("retire", "--dir", course / "scenarios", "/bad url/")
    assert code == 2

    code, output = cli("retire", "--dir", course / "scenarios", "https://fixture.example.org/old/page/")
    assert code == 0, output
    assert "old/page/" not in lock.read_text()
    assert cli("check", "--strict", "-q", course / "scenarios")[0] == 0


def test_lock_refuses_to_rewrite_a_malformed_lock(course: Path) -> None:
    lock = course / "urls" / "published.txt"
    lock.parent.mkdir()
    lock.write_text("/scenarios/\n")
    code, output = cli("lock", course / "scenarios")
    assert code == 1
    assert "published.txt:1:1: error:" in output
    assert lock.read_text() == "/scenarios/\n"


# --- redirect pages and descriptions ----------------------------------------------------


def test_a_redirect_page_works_without_javascript() -> None:
    html = redirect_page(
        "scenarios/returns/counter/",
        "scenarios/jacket/counter/",
        title='At the "counter" <b>',
        site_url="https://example.org/training/",
        language="en",
        ui=ui_strings("en"),
    )
    assert '<meta http-equiv="refresh" content="0; url=../../jacket/counter/">' in html
    assert '<link rel="canonical" href="https://example.org/training/scenarios/jacket/counter/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<a href="../../jacket/counter/">At the &quot;counter&quot; &lt;b&gt;</a>' in html
    assert "<script" not in html


@pytest.mark.parametrize(
    ("old", "new", "href"),
    [
        ("a/b/", "c/", "../../c/"),
        ("a/", "/", "../"),
        ("a/b/", "links/links.csv", "../../links/links.csv"),
        ("a/", "a/b/", "b/"),
    ],
)
def test_redirect_links_are_relative(old: str, new: str, href: str) -> None:
    assert relative_href(old, new) == href


def test_docs_pages_have_urls(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for name in ("index.md", "begin.md", "sub/index.md", "sub/page.md", ".hidden/x.md", "other/README.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# x\n")
    assert docs_page_urls(docs) == {"/", "begin/", "sub/", "sub/page/", "other/"}


def test_a_description_is_the_first_paragraph_in_whole_sentences() -> None:
    long = "First sentence here. " + "Second sentence is quite a bit longer than the first one. " * 3
    assert description_from_html(f"<h1>T</h1><p></p><p>{long}</p>", limit=100) == (
        "First sentence here. Second sentence is quite a bit longer than the first one."
    )
    assert description_from_html("<p>" + "word " * 40 + "</p>", limit=30) == "word word word word word word…"
    assert description_from_html("<p>Fish &amp; <em>chips</em>.</p><p>More.</p>") == "Fish & chips."


def test_without_directory_urls_redirects_point_at_html_files(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "begin.md").write_text("# Begin\n")
    assert built_path("begin/", docs, directory_urls=False) == "begin.html"
    assert built_path("scenarios/x/", docs, directory_urls=False) == "scenarios/x/index.html"
    assert built_path("/", docs, directory_urls=False) == "index.html"
    assert built_path("links/links.csv", docs, directory_urls=False) == "links/links.csv"
    assert built_path("begin/", docs, directory_urls=True) == "begin/"
    html = redirect_page(
        "old/", "begin/", title="Begin", site_url="", language="nl", ui=ui_strings("nl"), target="begin.html"
    )
    assert '<meta http-equiv="refresh" content="0; url=../begin.html">' in html
