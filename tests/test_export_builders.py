"""The exported tree (`scenariosite export`) built by other builders, each in its own
venv (tests/builders.py): ProperDocs 1.6.7 with Material, and Zensical 0.0.73. Each
build is compared with the MkDocs build of the course with the plugin (shipped_site):
the set of pages, and page by page what a learner meets. Every difference the
comparison may find is listed here and in EXPORT.md; anything else fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from builders import build_with, builder_template, export_course
from conftest import THEME
from htmldom import Element, parse
from url_courses import moved_site

pytestmark = [pytest.mark.builders, pytest.mark.build]

GENERATOR = re.compile(r'\s*<meta name="generator" content="[^"]*">')
# Files outside assets/ that one build has and the other has not, on purpose:
# Zensical writes its search index as search.json and no gzipped sitemap.
ZENSICAL_ONLY = {"search.json"}
MKDOCS_ONLY = {"search/search_index.json", "sitemap.xml.gz"}


def files(site: Path, suffix: str = "") -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob(f"*{suffix}") if p.is_file()}


def site_files(site: Path) -> set[str]:
    """Everything but the theme's assets (each builder ships its own bundle)."""
    return {name for name in files(site) if not name.startswith("assets/")}


def meta(document: Element, key: str, value: str) -> list[str]:
    return [m.attrs.get("content", "") for m in document.find_all("meta") if m.attrs.get(key) == value]


def facts(site: Path, name: str) -> dict[str, object]:
    """What a visitor and a link preview see of one page."""
    document = parse((site / name).read_text(encoding="utf-8"))
    return {
        "title": document.find("title").text,
        "h1": [h.text for h in document.find_all("h1")],
        "choices": [a.href for a in document.find_all("a", class_="ss-choice")],
        "description": meta(document, "name", "description"),
        "og:title": meta(document, "property", "og:title"),
        "og:description": meta(document, "property", "og:description"),
        "nav": [a.text for a in document.find_all("a", class_="md-nav__link")],
        "footer": [a.attrs.get("aria-label") for a in document.find_all("a", class_="md-footer__link")],
        "toolbar": bool(document.find_all("div", class_="ss-toolbar")),
        "keys dialog": bool(document.find_all("dialog", class_="ss-help")),
    }


def differences(built: Path, reference: Path) -> dict[str, list[str]]:
    """Per fact, the pages where the two builds differ."""
    found: dict[str, list[str]] = {}
    for name in sorted(files(reference, ".html")):
        ours, theirs = facts(built, name), facts(reference, name)
        for key in theirs:
            if ours[key] != theirs[key]:
                found.setdefault(key, []).append(f"{name}: {ours[key]!r} != {theirs[key]!r}")
    return found


# --- ProperDocs ----------------------------------------------------------------------


def test_properdocs_builds_the_export_into_the_plugin_build(properdocs_site: Path, shipped_site: Path) -> None:
    """Same files; every page byte for byte apart from the generator tag."""
    assert site_files(properdocs_site) == site_files(shipped_site)
    assert files(properdocs_site, ".html") == files(shipped_site, ".html")
    for name in sorted(files(shipped_site, ".html")):
        ours = GENERATOR.sub("", (properdocs_site / name).read_text(encoding="utf-8"))
        theirs = GENERATOR.sub("", (shipped_site / name).read_text(encoding="utf-8"))
        assert ours == theirs, name


# --- Zensical ------------------------------------------------------------------------


def test_zensical_builds_the_same_pages(zensical_site: Path, shipped_site: Path) -> None:
    assert files(zensical_site, ".html") == files(shipped_site, ".html")
    assert site_files(zensical_site) - site_files(shipped_site) == ZENSICAL_ONLY
    assert site_files(shipped_site) - site_files(zensical_site) == MKDOCS_ONLY
    for asset in ("scenariosite.js", "scenariosite.css", "ss-links.js", "ss-links.css", "images/favicon.svg"):
        assert (zensical_site / "assets" / asset).is_file(), asset


def test_zensical_pages_match_the_plugin_build_page_by_page(zensical_site: Path, shipped_site: Path) -> None:
    """Titles, headings, choice links, descriptions, link previews, nav and footer
    labels, our toolbar and keys dialog: no page differs."""
    assert differences(zensical_site, shipped_site) == {}


def test_every_decision_page_offers_the_same_choices(zensical_site: Path, shipped_site: Path) -> None:
    """Spelled out on its own: the choice links of every decision page, in order."""
    decisions = 0
    for name in sorted(files(shipped_site, ".html")):
        ours = facts(zensical_site, name)["choices"]
        assert ours == facts(shipped_site, name)["choices"], name
        decisions += bool(ours)
    assert decisions > 50


def test_our_search_changes_stay_out_of_zensicals_pages(zensical_site: Path, shipped_site: Path) -> None:
    """Zensical keeps its own search box, search worker and eager index; Material's
    build gets our named dialog, our worker and the lazy loading."""
    zensical = (zensical_site / "scenarios" / "index.html").read_text(encoding="utf-8")
    material = (shipped_site / "scenarios" / "index.html").read_text(encoding="utf-8")
    assert "md-search__button" in zensical and "md-search__input" not in zensical
    assert "ss-search.js" not in zensical and "ssLazy" not in zensical
    assert "md-search__input" in material and "ss-search.js" in material and "ssLazy" in material


def test_theme_copies_of_zensical_partials_follow_zensicals_own(zensical_bin: Path) -> None:
    """partials/ss-search-zensical.html is Zensical's search.html; partials/footer.html
    is Zensical's footer.html (the same as Material's) with our one change."""

    def body(text: str) -> str:
        return text.split("-#}", 1)[1].lstrip("\n") if text.startswith("{#-") else text

    search = builder_template(zensical_bin, "zensical", "partials/search.html")
    assert body((THEME / "partials" / "ss-search-zensical.html").read_text(encoding="utf-8")) == body(search)
    footer = body(builder_template(zensical_bin, "zensical", "partials/footer.html"))
    ours = body((THEME / "partials" / "footer.html").read_text(encoding="utf-8"))
    assert footer.count("title | e }}") == 2
    assert ours == footer.replace("title | e }}", "title | striptags | e }}")


# --- Redirect pages and the hook setup, in both builders ---------------------------------


@pytest.mark.parametrize("builder", ["properdocs", "zensical"])
def test_redirect_pages_survive_another_builder(
    builder: str, request: pytest.FixtureRequest, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The English fixture course (hook setup) with a renamed scenario and a folder
    redirect: every redirect page of the plugin build is in the other build, as is."""
    course, plugin_site = moved_site(tmp_path_factory.mktemp(f"moved-{builder}"))
    tree = export_course(course / "mkdocs.yml", tmp_path / "tree")
    bin_dir = request.getfixturevalue(f"{builder}_bin")
    site = build_with(bin_dir, builder, tree, tmp_path / "site")
    pages = files(plugin_site, ".html")
    redirects = [name for name in pages if 'http-equiv="refresh"' in (plugin_site / name).read_text(encoding="utf-8")]
    assert len(redirects) > 5
    for name in redirects:
        assert (site / name).read_text(encoding="utf-8") == (plugin_site / name).read_text(encoding="utf-8"), name
    assert files(site, ".html") == files(plugin_site, ".html")
    assert differences(site, plugin_site) == {}
