"""`check` reports links in the hand-written pages to pages the site no longer has,
before the build fails on them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import BIN, ROOT, run, scenariosite
from scenariosite.diagnostics import Report
from scenariosite.docs_links import check_docs_links, links

WARNING = re.compile(r"^(docs/\S+\.md):(\d+):(\d+): warning: link '([^']+)'.*?(?:link to '([^']+)')?$", re.M)


def test_links_outside_code_with_their_place() -> None:
    text = (
        "See [a](a.md) and ![img](i.png 'title').\n`[not](code.md)` and\n```\n[not](fenced.md)\n```\n[ref]: <b c.md>\n"
    )
    assert list(links(text)) == [(1, 9, "a.md"), (1, 26, "i.png"), (6, 9, "b c.md")]


def test_only_relative_links_to_missing_files_are_reported(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "sub" / "page.md").write_text(
        "[ok](../index.md) [gen](../gen/index.md) [web](https://x.org/a.md) [top](#top) [abs](/x.md)\n"
        "[moved](../old/index.md) [gone](../nowhere.md)\n",
        encoding="utf-8",
    )
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    report = Report()
    check_docs_links(docs, ["gen/index.md", "new/index.md"], {"old/": "new/"}, report)
    found = [(d.position.line, d.position.column, d.message) for d in report.sorted()]
    assert [(line, column) for line, column, _ in found] == [(2, 9), (2, 33)]
    assert found[0][2].endswith("the page moved; link to '../new/index.md'")
    assert "'../nowhere.md' (that is 'nowhere.md')" in found[1][2]


@pytest.mark.build
def test_after_a_rename_check_names_the_stale_docs_links_and_the_build_agrees(tmp_path: Path) -> None:
    course = tmp_path / "course"
    course.mkdir()
    for name in ("mkdocs.yml", "docs", "scenarios", "urls"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, course / name)
    (course / "scenarios" / "zweetplekken.yaml").rename(course / "scenarios" / "zweet-nieuw.yaml")
    assert scenariosite("lock", cwd=course).returncode == 1  # lost URLs, until the redirect
    redirects = course / "urls" / "redirects.txt"
    redirects.write_text(
        redirects.read_text(encoding="utf-8") + "scenarios/zweetplekken/* -> scenarios/zweet-nieuw/*\n"
    )

    checked = scenariosite("check", "--strict", cwd=course)
    assert checked.returncode == 1
    stale = WARNING.findall(checked.stderr)
    assert stale and all("zweetplekken" in target for _, _, _, target, _ in stale), checked.stderr
    assert {file for file, *_ in stale} >= {"docs/begin-hier.md", "docs/voor-trainers.md"}
    for file, _, _, target, better in stale:  # apply the advice as printed
        page = course / file
        page.write_text(page.read_text(encoding="utf-8").replace(f"({target})", f"({better})"), encoding="utf-8")

    assert scenariosite("check", "--strict", cwd=course).returncode == 0
    built = run(BIN / "mkdocs", "build", "--strict", "-d", course / "site", cwd=course)
    assert built.returncode == 0, built.stderr
