"""While serving, a rebuild re-renders only the pages that changed, and its result
equals a clean build byte for byte: after a one-word edit, after an edit that changes
the nav (a scenario title; a full build), after undoing both, and after an error is
made and fixed. Both ways of serving: `mkdocs serve` (every page goes through MkDocs,
from the caches) and `mkdocs serve --dirty` (what `make serve` runs: pages a save
cannot change are not built at all, reuse.py)."""

from __future__ import annotations

import filecmp
import inspect
import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_course, run

pytestmark = pytest.mark.build

SERVE_URL = "http://127.0.0.1:8000/"
# As `mkdocs serve` does, in one process (the plugin keeps its caches): build, apply
# the next edit, build again... Each site is copied aside; prints how many pages each
# build converted from Markdown and rendered through the theme.
SERVING = """
import json, shutil, sys
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build
from scenariosite.adapters import hook
APPLY
out, edits = Path(sys.argv[1]), json.loads(sys.argv[2])
dirty = sys.argv[3] == "dirty"
load_config("mkdocs.yml").plugins.on_startup(command="serve", dirty=dirty)
for index, edit in enumerate([None, *edits]):
    if edit is not None:
        apply(Path("."), edit)
    config = load_config("mkdocs.yml", site_dir=str(out / "building"))
    config.site_url = SERVE_URL
    try:
        build(config, serve_url=SERVE_URL, dirty=dirty)
    except Exception as error:  # as `mkdocs serve` goes on after a failed build
        print("failed", error, flush=True)
    shutil.copytree(out / "building", out / str(index))
    plugin = hook.plugin
    built = len(plugin.reuse.captured) if dirty else plugin.incremental.themed + len(plugin.incremental.hits)
    print("counts", plugin.incremental.rendered, plugin.incremental.themed, built, flush=True)
""".replace("SERVE_URL", repr(SERVE_URL))


def apply(course: Path, edit: list[str]) -> None:
    """An edit: [path, old, new] replaces text; [path, source] copies a file there; [path] deletes it."""
    path = course / edit[0]
    if len(edit) == 1:
        path.unlink()
    elif len(edit) == 2:
        path.write_bytes((course / edit[1]).read_bytes())
    else:
        path.write_text(path.read_text(encoding="utf-8").replace(edit[1], edit[2], 1), encoding="utf-8")


SERVING = SERVING.replace("APPLY", inspect.getsource(apply))
CLEAN = f"""
import sys
from mkdocs.config import load_config
from mkdocs.commands.build import build
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.site_url = {SERVE_URL!r}
build(config, serve_url={SERVE_URL!r})
"""
SCENARIO = "scenarios/returns.yaml"
EDITS = [
    [SCENARIO, "he says.", "he said."],  # one word in a situation
    [SCENARIO, "title: The returned jacket", "title: The returned coat"],  # in the nav, so on every page
    [SCENARIO, "he said.", "he says."],
    [SCENARIO, "title: The returned coat", "title: The returned jacket"],
    [SCENARIO, "title: The returned jacket", "title: [The returned jacket"],  # an error: the error page
    [SCENARIO, "title: [The returned jacket", "title: The returned jacket"],
    ["scenarios/returns-again.yaml", SCENARIO],  # a new scenario: new pages, a new nav
    ["scenarios/returns-again.yaml"],  # and gone again: its pages must go too
    # a hand-written page: edited, then showing a course table that follows the scenarios
    ["docs/index.md", "Start with", "<!-- scenariosite: scenarios -->\n\nStart with"],
    [SCENARIO, "summary: A customer brings back", "summary: A client brings back"],  # in that table only
    # its front matter: Material's nav on every page may show it
    ["docs/index.md", "# Fixture course", "---\nsubtitle: Practice first\n---\n# Fixture course"],
]
BROKEN = 5  # the build after that edit serves the error page


def differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []

    def walk(compare: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compare.left_only + compare.right_only + compare.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(compare.left, compare.right, compare.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in compare.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(left, right), "")
    return found


@pytest.mark.parametrize("mode", ["dirty", "clean"])
def test_a_served_rebuild_renders_only_what_changed_and_equals_a_clean_build(tmp_path: Path, mode: str) -> None:
    course = copy_course(FIXTURES / "course-en", tmp_path / "course")
    served_dir = tmp_path / "served"
    served_dir.mkdir()
    served = run(sys.executable, "-c", SERVING, served_dir, json.dumps(EDITS), mode, cwd=course)
    assert served.returncode == 0, served.stderr
    counts = [tuple(map(int, line.split()[1:])) for line in served.stdout.splitlines() if line.startswith("counts")]
    pages = counts[0][1]
    # converted from Markdown, rendered through the theme, and (dirty) built at all
    assert counts[0] == (pages - 1, pages, pages)  # the first build does everything (the home page is hand-written)
    assert counts[1][0] <= 3 and counts[1][1] <= 3, counts  # one word: a page or two
    if mode == "dirty":
        assert counts[1][2] <= 3, counts  # ... and the others are not built at all
    assert counts[2][1] == pages, counts  # the nav changed: every page
    assert counts[BROKEN + 1][2] == pages, counts  # after the error page, everything again
    broken = served_dir / str(BROKEN)
    assert "returns.yaml" in (broken / "index.html").read_text(encoding="utf-8")
    assert not (broken / "scenarios").exists()  # no page of the course is left to serve
    if mode == "dirty":
        assert counts[-1][2] == pages, counts  # a hand-written page is part of every page's layout
    home = [
        (served_dir / str(index) / "index.html").read_text(encoding="utf-8")
        for index in (len(EDITS) - 2, len(EDITS) - 1)
    ]
    assert "A customer brings back" in home[0] and "A client brings back" in home[1]

    fresh = copy_course(FIXTURES / "course-en", tmp_path / "fresh")
    for index, edit in enumerate([None, *EDITS]):
        if edit is not None:
            apply(fresh, edit)
        if index == BROKEN:
            continue
        clean = run(sys.executable, "-c", CLEAN, tmp_path / "clean", cwd=fresh)
        assert clean.returncode == 0, clean.stderr
        assert differences(served_dir / str(index), tmp_path / "clean") == [], f"after edit {index}"
        shutil.rmtree(tmp_path / "clean")
