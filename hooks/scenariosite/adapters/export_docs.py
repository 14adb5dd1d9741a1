"""Hand-written pages in the exported tree. At build time the plugin fills in the
course lists (`<!-- scenariosite: scenarios -->`, doc_placeholders.py) and gives each
page an escaped meta description (its own, else its first paragraph, else the site's;
page_meta.py). The export does both once and writes the description into the page's
front matter, where every builder's theme reads it (`page.meta.description`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import yaml

from .. import doc_placeholders
from ..model import Course
from ..page_meta import description_from_html
from ..plan import SitePlan
from ..render import escape_attr

# MkDocs' own pattern for YAML front matter (mkdocs.utils.meta.YAML_RE).
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def exported_page(
    text: str,
    src_uri: str,
    *,
    course: Course,
    plan: SitePlan,
    ui: dict[str, str],
    to_html: Callable[[str], str],
    site_description: str,
) -> tuple[str, list[str]]:
    """The page as the exported tree holds it, and the placeholder names this engine
    does not know (the caller warns, as the build does)."""
    match = FRONT_MATTER.match(text)
    meta: Any = {}
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            meta = None  # MkDocs then reads no front matter either: leave the page alone
        if not isinstance(meta, dict):
            return text, []
    front, body = (text[: match.end()], text[match.end() :]) if match else ("", text)
    body, unknown = doc_placeholders.expand(body, src_uri, course, plan, ui)
    own = meta.get("description")
    if own:
        escaped = escape_attr(str(own))
        if escaped != own:  # rare: re-write the front matter with the escaped text
            front = "---\n" + yaml.safe_dump({**meta, "description": escaped}, allow_unicode=True, sort_keys=False)
            front += "---\n"
        return front + body, unknown
    # Written even when empty, as the plugin sets it: the page then has front matter
    # (page.meta), which the theme's templates look at.
    description = escape_attr(description_from_html(to_html(body)) or site_description)
    line = f"description: {json.dumps(description, ensure_ascii=False)}\n"  # JSON strings are YAML
    if match:
        opening, rest = front.split("\n", 1)
        front = f"{opening}\n{line}{rest}"
    else:
        front = f"---\n{line}---\n\n"
    return front + body, unknown
