"""The Nu HTML checker (npm vnu-jar) finds no errors in the built course (issue 7).

Material's own markup has two known errors on every page. They are filtered through
MATERIAL_KNOWN below, each matched on both the message and the markup it points at,
so the same mistake in our templates or overrides is still reported.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.build

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Known:
    message: str  # regex on vnu's message
    extract: str  # regex on the markup vnu quotes
    why: str


MATERIAL_KNOWN = (
    Known(
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-(?:nav__)?toggle[^"]*"[^>]*type="checkbox"',
        # base.html and partials/nav-item.html: Material keeps its drawer, search and nav
        # checkboxes from being restored by Firefox after reload with autocomplete="off".
        "Material's hidden state checkboxes (drawer, search, nav sections)",
    ),
    Known(
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        r'<label class="md-nav__title" for="__toc"',
        # partials/toc.html: the label toggles the table of contents on small screens;
        # Material renders its checkbox only in the nav entry of the current page.
        "Material's table-of-contents toggle",
    ),
)


def vnu(*targets: Path) -> list[dict[str, str]]:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("Java 17 and node_modules/vnu-jar are needed: run `npm ci --ignore-scripts` and install Java")
    # vnu exits 1 when it finds errors and writes its JSON report to stderr.
    result = subprocess.run(
        [java, "-jar", VNU, "--format", "json", "--errors-only", "--skip-non-html", *targets],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages: list[dict[str, str]] = json.loads(result.stderr)["messages"]
    return messages


def known_material_issue(message: dict[str, str]) -> bool:
    return any(
        re.search(known.message, message.get("message", "")) and re.search(known.extract, message.get("extract", ""))
        for known in MATERIAL_KNOWN
    )


def describe(message: dict[str, str]) -> str:
    where = message.get("url", "").rsplit("/site/", 1)[-1]
    return f"{where}:{message.get('lastLine')}: {message.get('message')}\n    {message.get('extract', '').strip()}"


def test_built_course_has_no_html_errors(shipped_site: Path) -> None:
    messages = vnu(shipped_site)
    errors = [m for m in messages if m.get("type") == "error" and not known_material_issue(m)]
    filtered = len(messages) - len(errors)
    pages = len(list(shipped_site.rglob("*.html")))
    print(f"vnu: {pages} pages, {len(errors)} error(s), {filtered} known Material issue(s) filtered")
    assert not errors, "\n".join(describe(m) for m in errors[:30])


def test_the_checker_and_the_filter_let_our_own_errors_through(tmp_path: Path) -> None:
    """Our mistakes are reported even where they resemble Material's known ones."""
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<input class="ss-toggle" type="checkbox" id="x" autocomplete="off">'
        '<label class="ss-label" for="missing">label</label>'
        '<p id="dup">a</p><p id="dup">b</p></body></html>',
        encoding="utf-8",
    )
    errors = [m for m in vnu(page) if m.get("type") == "error" and not known_material_issue(m)]
    assert len(errors) == 3, [describe(m) for m in errors]
