"""Links that never break, in real builds: a renamed scenario id fails `check` and
`mkdocs build` naming every lost URL until a redirect is declared; redirect pages,
the links page and CSV, page metadata, and the link checker over the built site."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build, run, scenariosite
from htmldom import parse, resolve
from scenariosite import pipeline
from url_courses import (
    FOLDER_REDIRECT,
    NEW_ID,
    OLD_ID,
    add_redirect,
    links_course,
    lock,
    locked_urls,
    moved_site,
    rename_scenario,
)

pytestmark = pytest.mark.build

SITE_URL = "https://fixture.example.org/"
LINKINATOR = ROOT / "node_modules" / ".bin" / "linkinator"


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return moved_site(tmp_path_factory.mktemp("moved"))


def head_of(path: Path) -> dict[str, str]:
    """name/property/rel -> content/href of the <meta> and <link> elements of a page."""
    found: dict[str, str] = {}
    for element in parse(path.read_text(encoding="utf-8")).iter():
        if element.tag == "meta":
            key = element.attrs.get("name") or element.attrs.get("property") or element.attrs.get("http-equiv")
            if key:
                found[key] = element.attrs.get("content", "")
        elif element.tag == "link" and element.attrs.get("rel") == "canonical":
            found["canonical"] = element.attrs.get("href", "")
    return found


# --- a renamed scenario id ------------------------------------------------------------


def test_renaming_a_scenario_id_fails_check_and_build_until_a_redirect_is_declared(tmp_path: Path) -> None:
    course = links_course(tmp_path / "course")
    lock(course)
    lost = [url for url in locked_urls(course) if url.startswith(f"scenarios/{OLD_ID}/")]
    assert len(lost) == 12  # start, 2 decisions, 5 consequences, 3 endings, trainer
    rename_scenario(course)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good build")

    check = scenariosite("check", "scenarios", cwd=course)
    build = mkdocs_build(course / "mkdocs.yml", site)
    assert check.returncode == 1 and build.returncode == 1
    for url in lost:
        named = f"published URL '{url}' is no longer produced by the course"
        assert named in check.stderr, url
        assert named in build.stderr, url
        assert f"retire {url}" in check.stderr
    assert f"{len(lost)} problem(s) with published URLs: nothing was built" in build.stdout + build.stderr
    assert (site / "index.html").read_text() == "the last good build"

    add_redirect(course)
    check = scenariosite("check", "scenarios", cwd=course)
    build = mkdocs_build(course / "mkdocs.yml", site)
    assert check.returncode == 0, check.stderr
    assert build.returncode == 0, build.stderr
    for url in lost:
        assert (site / url / "index.html").is_file(), url

    # The new URLs are not published yet: CI's `check --strict` fails until `lock`.
    strict = scenariosite("check", "--strict", "scenarios", cwd=course)
    assert strict.returncode == 1
    assert "12 URL(s) of the site are not in the lock yet" in strict.stderr
    lock(course)
    assert scenariosite("check", "--strict", "scenarios", cwd=course).returncode == 0
    assert {url.replace(OLD_ID, NEW_ID) for url in lost} <= set(locked_urls(course))


def test_a_bad_redirect_fails_the_build_at_its_line(tmp_path: Path) -> None:
    course = links_course(tmp_path / "course")
    lock(course)
    add_redirect(course, "old/ -> scenarios/nowhere/\na/ -> b/\nb/ -> a/\n")
    build = mkdocs_build(course / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 1
    assert "redirects.txt:1:9: error: redirect target 'scenarios/nowhere/' is not a page of the site" in build.stderr
    assert "redirects.txt:3:7: error: redirect loop: a/ (line 2) -> b/ (line 3) -> a/" in build.stderr
    assert not (tmp_path / "site").exists()


def test_every_redirect_page_forwards_without_javascript(moved: tuple[Path, Path]) -> None:
    course, site = moved
    old_urls = [url for url in locked_urls(course) if url.startswith(f"scenarios/{OLD_ID}/")]
    assert old_urls
    for old in old_urls:
        new = old.replace(OLD_ID, NEW_ID)
        page = site / old / "index.html"
        head = head_of(page)
        delay, _, target = head["refresh"].partition("; url=")
        assert delay == "0" and resolve(old, target) == new, old
        assert head["canonical"] == SITE_URL + new
        assert head["robots"] == "noindex"
        links = [a for a in parse(page.read_text(encoding="utf-8")).find_all("a")]
        assert [resolve(old, a.href) for a in links] == [new]
        assert "<script" not in page.read_text(encoding="utf-8")
        assert (site / new / "index.html").is_file()


def test_redirect_pages_point_at_html_files_in_a_build_without_directory_urls(tmp_path: Path) -> None:
    course = links_course(tmp_path / "course")
    lock(course)
    rename_scenario(course)
    add_redirect(course, FOLDER_REDIRECT + "old-home/ -> /\n")
    config = course / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    site = tmp_path / "site"
    build = mkdocs_build(config, site)
    assert build.returncode == 0, build.stderr
    head = head_of(site / "scenarios" / OLD_ID / "counter" / "index.html")
    assert head["refresh"] == f"0; url=../../{NEW_ID}/counter/index.html"
    assert (site / "scenarios" / NEW_ID / "counter" / "index.html").is_file()
    assert head_of(site / "old-home" / "index.html")["refresh"] == "0; url=../index.html"


# --- the links page and CSV -----------------------------------------------------------


def csv_rows(site: Path) -> list[dict[str, str]]:
    text = (site / "links" / "links.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "title,kind,url,summary"
    return list(csv.DictReader(io.StringIO(text)))


def site_file(site: Path, site_url: str, url: str) -> Path:
    assert url.startswith(site_url), url
    path = url[len(site_url) :]
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def scenario_ids(scenarios: Path) -> set[str]:
    result = pipeline.load_course(scenarios)
    assert result.course is not None
    return set(result.course.scenarios)


def test_the_links_csv_lists_every_scenario_client_type_and_advice_step_with_a_working_url(
    moved: tuple[Path, Path],
) -> None:
    course, site = moved
    rows = csv_rows(site)
    assert {row["kind"] for row in rows} == {"scenario", "client-types", "advice-steps", "reactions"}
    scenarios = {row["url"] for row in rows if row["kind"] == "scenario"}
    assert scenarios == {f"{SITE_URL}scenarios/{sid}/" for sid in scenario_ids(course / "scenarios")}
    for row in rows:
        assert row["title"] and row["summary"], row
        assert site_file(site, SITE_URL, row["url"]).is_file(), row["url"]


def test_the_links_page_groups_every_entry_with_its_url_and_a_copy_button(moved: tuple[Path, Path]) -> None:
    _, site = moved
    article = parse((site / "links" / "index.html").read_text(encoding="utf-8")).find("article")
    assert [h2.text for h2 in article.find_all("h2")] == ["Scenarios", "Client types", "Advice steps", "Reactions"]
    assert article.find("a", download="").href == "links.csv"
    items = article.find_all("li")
    rows = csv_rows(site)
    assert len(items) == len(rows)
    for item, row in zip(items, rows, strict=True):
        assert item.find("a").text == row["title"]
        assert resolve("links/", item.find("a").href) == row["url"][len(SITE_URL) :]
        assert row["summary"] in item.text
        assert item.find("code", class_="ss-url").text == row["url"]
        button = item.find("button", class_="ss-copy")
        assert button.attrs["data-ss-copy"] == row["url"]
        assert "hidden" in button.attrs  # shown by ss-links.js; without JS there is nothing to click


def test_the_shipped_links_csv_lists_every_scenario_with_a_working_url(shipped_site: Path) -> None:
    rows = csv_rows(shipped_site)
    site_url = "https://klantsituaties.example.org/"
    scenarios = {row["url"] for row in rows if row["kind"] == "scenario"}
    assert scenarios == {f"{site_url}scenarios/{sid}/" for sid in scenario_ids(ROOT / "scenarios")}
    for row in rows:
        assert site_file(shipped_site, site_url, row["url"]).is_file(), row["url"]


def test_every_locked_url_of_the_shipped_course_is_in_the_built_site(shipped_site: Path) -> None:
    locked = locked_urls(ROOT)
    assert len(locked) > 300
    site_url = "https://klantsituaties.example.org/"
    missing = [url for url in locked if not site_file(shipped_site, site_url, site_url + url.lstrip("/")).is_file()]
    assert missing == []


# --- metadata -------------------------------------------------------------------------


def test_every_page_has_a_description_open_graph_tags_and_a_canonical_url(moved: tuple[Path, Path]) -> None:
    course, site = moved
    pages = [p for p in site.rglob("index.html") if "refresh" not in head_of(p)]
    assert len(pages) > 20
    for path in pages:
        head = head_of(path)
        url = path.parent.relative_to(site).as_posix()
        expected_url = SITE_URL + ("" if url == "." else url + "/")
        for key in ("description", "og:title", "og:description", "og:url", "canonical"):
            assert head.get(key), f"{expected_url}: no {key}"
        assert head["canonical"] == head["og:url"] == expected_url
    scenario = head_of(site / "scenarios" / NEW_ID / "index.html")
    assert scenario["og:title"] == "The returned jacket"
    assert (
        scenario["description"]
        == scenario["og:description"]
        == "A customer brings back a worn jacket and wants a refund."
    )
    home = head_of(site / "index.html")  # hand-written: its first paragraph
    assert home["description"] == home["og:description"] == "Start with the scenarios."
    assert home["og:title"] == "Fixture course"


def test_hand_written_descriptions_are_escaped_once(tmp_path: Path) -> None:
    course = links_course(tmp_path / "course")
    (course / "docs" / "quoted.md").write_text('---\ndescription: Say "yes" & <mean> it\n---\n# Q\n\nText.\n')
    (course / "docs" / "plain.md").write_text('# P\n\nTom & "Jerry" <3 cheese.\n')
    site = tmp_path / "site"
    build = mkdocs_build(course / "mkdocs.yml", site, "--no-strict")  # the two pages are not in the nav
    assert build.returncode == 0, build.stderr
    quoted = (site / "quoted" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Say &quot;yes&quot; &amp; &lt;mean&gt; it">' in quoted
    assert head_of(site / "plain" / "index.html")["og:description"] == 'Tom & "Jerry" <3 cheese.'


# --- the link checker -----------------------------------------------------------------


@pytest.mark.skipif(not LINKINATOR.exists(), reason="node tools missing: run `npm ci` (make test does)")
def test_the_link_checker_passes_a_built_course_and_fails_on_a_broken_link(
    moved: tuple[Path, Path], tmp_path: Path
) -> None:
    _, site = moved
    good = run(ROOT / "scripts" / "linkcheck", site)
    assert good.returncode == 0, good.stdout + good.stderr

    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    page = broken / "scenarios" / NEW_ID / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</article>", '<a href="../no-such-page/">gone</a></article>', 1))
    result = run(ROOT / "scripts" / "linkcheck", broken)
    assert result.returncode != 0
    assert "no-such-page" in result.stdout + result.stderr

    page.write_text(
        text.replace("</article>", '<a href="../../client-types/demanding/#no-such-anchor">gone</a></article>', 1)
    )
    result = run(ROOT / "scripts" / "linkcheck", broken)
    assert result.returncode != 0
    assert "no-such-anchor" in result.stdout + result.stderr
