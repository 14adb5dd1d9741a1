"""Copies of Material partials in overrides/ differ from Material's own only by what
they are there for; when Material changes its partial, this fails, so the copy is
brought up to date instead of silently shadowing the new version."""

from __future__ import annotations

from pathlib import Path

import material
from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
# override -> (the text Material has, the text we have instead)
# (Zensical's copies are checked against Zensical in tests/test_export_builders.py.)
CHANGES = {
    "partials/search.html": (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    ),
    "partials/footer.html": ("title | e }}", "title | striptags | e }}"),
}
# Where our copy lives, when not under Material's name (partials/search.html picks
# Material's or Zensical's search box).
OURS = {"partials/search.html": "partials/ss-search-material.html"}


def body(text: str) -> str:
    """The template without its leading Jinja comment."""
    return text.split("-#}", 1)[1].lstrip("\n") if text.startswith("{#-") else text


def test_copies_of_material_partials_differ_only_by_their_fix() -> None:
    for name, (theirs, ours) in CHANGES.items():
        original = body((MATERIAL / name).read_text(encoding="utf-8"))
        copy = body((ROOT / "hooks" / "scenariosite" / "theme" / OURS.get(name, name)).read_text(encoding="utf-8"))
        assert theirs in original, f"Material's {name} changed: update overrides/{name}"
        assert copy == original.replace(theirs, ours), f"overrides/{name} differs from Material's beyond its fix"
