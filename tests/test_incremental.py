"""While serving, a rebuild re-renders only the pages that changed, and its result
equals a clean build byte for byte: after a one-word edit, after an edit that changes
the nav (a scenario title; a full build), and after undoing both."""

from __future__ import annotations

import filecmp
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
SERVING = f"""
import json, shutil, sys
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build
from scenariosite.adapters import hook
out, edits = Path(sys.argv[1]), json.loads(sys.argv[2])
load_config("mkdocs.yml").plugins.on_startup(command="serve", dirty=False)
for index, edit in enumerate([None, *edits]):
    if edit is not None:
        path, old, new = edit
        text = Path(path).read_text(encoding="utf-8")
        Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")
    config = load_config("mkdocs.yml", site_dir=str(out / "building"))
    config.site_url = {SERVE_URL!r}
    build(config, serve_url={SERVE_URL!r})
    shutil.copytree(out / "building", out / str(index))
    print("counts", hook.plugin.incremental.rendered, hook.plugin.incremental.themed, flush=True)
"""
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
]


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


def test_a_served_rebuild_renders_only_what_changed_and_equals_a_clean_build(tmp_path: Path) -> None:
    course = copy_course(FIXTURES / "course-en", tmp_path / "course")
    served_dir = tmp_path / "served"
    served_dir.mkdir()
    served = run(sys.executable, "-c", SERVING, served_dir, json.dumps(EDITS), cwd=course)
    assert served.returncode == 0, served.stderr
    counts = [tuple(map(int, line.split()[1:])) for line in served.stdout.splitlines() if line.startswith("counts")]
    pages = counts[0][1]
    assert counts[0] == (pages - 1, pages)  # the first build does everything (the home page is hand-written)
    assert counts[1][0] <= 3 and counts[1][1] <= 3, counts  # one word: a page or two
    assert counts[2][1] == pages, counts  # the nav changed: every page

    fresh = copy_course(FIXTURES / "course-en", tmp_path / "fresh")
    for index, edit in enumerate([None, *EDITS]):
        if edit is not None:
            path, old, new = edit
            text = (fresh / path).read_text(encoding="utf-8")
            (fresh / path).write_text(text.replace(old, new, 1), encoding="utf-8")
        clean = run(sys.executable, "-c", CLEAN, tmp_path / "clean", cwd=fresh)
        assert clean.returncode == 0, clean.stderr
        assert differences(served_dir / str(index), tmp_path / "clean") == [], f"after edit {index}"
        shutil.rmtree(tmp_path / "clean")
