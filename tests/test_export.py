"""`scenariosite export`: a tree (mkdocs.yml, docs/, theme/) that builds into the
same site as the plugin build, with no scenariosite code at build time. Other
builders (ProperDocs, Zensical): tests/test_export_builders.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import FIXTURES, ROOT, THEME, copy_course, mkdocs_build
from scenariosite import pipeline
from scenariosite.adapters.export_config import read_config
from scenariosite.adapters.mkdocs_plugin import THEME_ASSETS, complete_nav
from scenariosite.cli import main
from url_courses import add_redirect, links_course, lock, rename_scenario

COURSE = FIXTURES / "course-en"
LIST_PAGE = "# Our scenarios\n\n<!-- scenariosite: scenarios -->\n"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def front_matter(path: Path) -> dict[str, object]:
    match = re.match(r"---\n(.*?\n)---\n", path.read_text(encoding="utf-8"), re.S)
    assert match, path
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return data


def test_export_writes_the_whole_tree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("export", COURSE / "scenarios", "--out", out)
    assert result.exit_code == 0, result.output
    checked = pipeline.load_course(COURSE / "scenarios")
    settings = pipeline.Settings(language="en", site_url="https://fixture.example.org/")
    plan, generated = pipeline.generate(checked, settings)
    docs = {name for name in files(out) if name.startswith("docs/")}
    assert docs == {f"docs/{src_uri}" for src_uri in generated} | {"docs/index.md"}
    assert {name for name in files(out) if name.startswith("theme/")} == {f"theme/{name}" for name in files(THEME)}
    for src_uri, content in generated.items():
        assert (out / "docs" / src_uri).read_bytes() == content.encode(), src_uri

    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "scenariosite" not in json.dumps(config.get("plugins")) and "hooks" not in config
    assert "scenariosite" not in config["extra"]  # the hook setup's options: nothing reads them now
    assert config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "theme"
    assert config["extra"]["scenariosite_ui"] == pipeline.site_ui(checked.course, "en")  # type: ignore[arg-type]
    assert config["nav"] == complete_nav(yaml.safe_load((COURSE / "mkdocs.yml").read_text())["nav"], plan)
    assert config["not_in_nav"].split() == ["/" + page.src_uri for page in plan.pages if not page.in_nav]
    for key, asset in THEME_ASSETS.items():
        assert asset in config[key]
    assert front_matter(out / "docs" / "index.md") == {"description": "Start with the scenarios."}


def test_export_of_a_broken_course_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    course = copy_course(COURSE, tmp_path / "course")
    (course / "scenarios" / "returns.yaml").write_text("title: x\n", encoding="utf-8")
    result = invoke("export", course / "scenarios", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "missing required field" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_lost_url_fails_the_export_at_its_line_and_writes_nothing(tmp_path: Path) -> None:
    course = links_course(tmp_path / "course")
    lock(course)
    rename_scenario(course)  # no redirect: every URL of the scenario is lost
    result = invoke("export", "-f", course / "mkdocs.yml", "--out", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert re.search(r"published\.txt:\d+:\d+: error: .*scenarios/returns/", result.stderr), result.stderr
    assert not (tmp_path / "out").exists()


def test_export_replaces_an_earlier_export_and_refuses_any_other_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("export", COURSE / "scenarios", "--out", out).exit_code == 0
    stale = out / "docs" / "scenarios" / "gone" / "index.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("# A page of a removed scenario\n", encoding="utf-8")
    assert invoke("export", COURSE / "scenarios", "--out", out).exit_code == 0
    assert not stale.exists()

    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    result = invoke("export", COURSE / "scenarios", "--out", other)
    assert result.exit_code == 2 and "not written by `scenariosite export`" in result.stderr
    assert files(other) == {"notes.txt"}


def test_export_without_a_settings_file_is_a_usage_error(tmp_path: Path) -> None:
    scenarios = tmp_path / "scenarios"
    copy_course(COURSE, tmp_path / "course")
    (tmp_path / "course" / "scenarios").rename(scenarios)
    result = invoke("export", scenarios, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "mkdocs.yml" in result.stderr and "Traceback" not in result.output


def test_tags_and_inherit_in_mkdocs_yml_are_kept_for_the_builder(tmp_path: Path) -> None:
    course = copy_course(COURSE, tmp_path / "course")
    config = course / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("site_name: Fixture course\n", "")
    text = text.replace(
        "site_url: https://fixture.example.org/", "site_url: !ENV [FIXTURE_URL, 'https://fixture.example.org/']"
    )
    emoji = "  - pymdownx.emoji:\n      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
    text = text.replace("  - tables\n", "  - tables\n" + emoji)
    config.write_text("INHERIT: base.yml\n" + text, encoding="utf-8")
    (course / "base.yml").write_text("site_name: Inherited name\nextra:\n  kept: true\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("export", "-f", config, "--out", out)
    assert result.exit_code == 0, result.output
    written = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV\n- FIXTURE_URL\n- https://fixture.example.org/" in written
    assert "emoji_generator: !!python/name:material.extensions.emoji.to_svg ''" in written
    exported = read_config(out / "mkdocs.yml")
    assert exported["site_name"] == "Inherited name" and exported["extra"]["kept"] is True
    assert "INHERIT" not in written


# --- the exported tree built by MkDocs alone ------------------------------------------------


@pytest.fixture(scope="module")
def rich_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course with what the plugin does at build time to look at: a renamed
    scenario with its folder redirect, a hand-written page with the course list, one
    with a description to escape, one whose first paragraph becomes the description."""
    course = links_course(tmp_path_factory.mktemp("rich") / "course")
    lock(course)
    rename_scenario(course)
    add_redirect(course)
    docs = course / "docs"
    (docs / "list.md").write_text(LIST_PAGE, encoding="utf-8")
    (docs / "quoted.md").write_text('---\ndescription: Say "yes" & <mean> it\n---\n# Q\n\nText.\n', encoding="utf-8")
    (docs / "plain.md").write_text('# P\n\nTom & "Jerry" <3 cheese.\n', encoding="utf-8")
    (docs / "files").mkdir()
    (docs / "files" / "handout.txt").write_text("a file next to the pages\n", encoding="utf-8")
    config = course / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "  - Links: links/index.md\n",
        "  - Links: links/index.md\n  - List: list.md\n  - Q: quoted.md\n  - P: plain.md\n",
    )
    config.write_text(text, encoding="utf-8")
    lock(course)
    return course


def sitemap(site: Path) -> list[str]:
    return sorted(re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))


def search_docs(site: Path) -> list[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return sorted(json.dumps(doc, sort_keys=True) for doc in index["docs"])


@pytest.mark.build
def test_the_exported_tree_builds_without_the_plugin_into_the_same_site(rich_course: Path, tmp_path: Path) -> None:
    """Byte for byte: every page (redirects, course lists, descriptions included) and
    every file; the sitemap and the search index hold the same entries (in another
    order: MkDocs adds generated files after the docs folder's)."""
    plugin_site = tmp_path / "plugin-site"
    build = mkdocs_build(rich_course / "mkdocs.yml", plugin_site)
    assert build.returncode == 0 and "WARNING" not in build.stderr, build.stderr
    tree = tmp_path / "tree"
    result = invoke("export", "-f", rich_course / "mkdocs.yml", "--out", tree)
    assert result.exit_code == 0, result.output
    assert "scenariosite" not in json.dumps(read_config(tree / "mkdocs.yml")).replace("scenariosite_ui", "")
    site = tmp_path / "site"
    build = mkdocs_build(tree / "mkdocs.yml", site)
    assert build.returncode == 0 and "WARNING" not in build.stderr, build.stderr

    assert files(site) == files(plugin_site)
    unordered = {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"}
    for name in sorted(files(site) - unordered):
        assert (site / name).read_bytes() == (plugin_site / name).read_bytes(), name
    assert sitemap(site) == sitemap(plugin_site)
    assert search_docs(site) == search_docs(plugin_site)
    assert (site / "scenarios" / "returns" / "index.html").is_file()  # a redirect page
    quoted = (site / "quoted" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Say &quot;yes&quot; &amp; &lt;mean&gt; it">' in quoted
    assert "jacket/" in (site / "list" / "index.html").read_text(encoding="utf-8")  # the course list


def test_the_shipped_course_exports_with_its_own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No folder named: ./mkdocs.yml, as for `check`; the shipped hand-written pages
    get their first paragraph as description."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["export", "--out", str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "docs" / "scenarios" / "index.md").is_file()
    for page in (ROOT / "docs").glob("*.md"):
        assert front_matter(tmp_path / "out" / "docs" / page.name).get("description"), page.name


def test_links_the_plugin_makes_harmless_stop_the_export_at_their_source(tmp_path: Path) -> None:
    """The plugin build drops a `javascript:` link and turns a remote image into a link;
    a build without the plugin would not, so the export refuses them, located."""
    course = copy_course(COURSE, tmp_path / "course")
    scenario = course / "scenarios" / "returns.yaml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("setting: |\n", "setting: |\n  [click me](javascript:alert('x'))\n", 1))
    (course / "docs" / "remote.md").write_text("# R\n\n![logo](https://cdn.example.org/logo.png)\n", encoding="utf-8")
    result = invoke("export", course / "scenarios", "--out", tmp_path / "out")
    assert result.exit_code == 1, result.output
    errors = re.findall(r"(?m)^(.+?):(\d+):(\d+): error: page (\S+): '([^']*)'", result.stderr)
    found = {(Path(path).name, page, token) for path, _, _, page, token in errors}
    assert found == {
        ("returns.yaml", "scenarios/returns/index.md", "javascript:alert("),  # also on its trainer page: once
        ("remote.md", "remote.md", "https://cdn.example.org/logo.png"),
    }, result.stderr
    line = next(int(n) for path, n, _, _, _ in errors if path.endswith("returns.yaml"))
    assert "javascript:" in scenario.read_text(encoding="utf-8").splitlines()[line - 1]
    assert not (tmp_path / "out").exists()
