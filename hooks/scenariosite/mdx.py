"""A Markdown extension that keeps every page free of script: it drops `on*`
event-handler attributes (which attr_list would let an author add) and any link or
image whose URL uses a scheme other than http(s), mailto or tel. It runs last, on
the finished element tree, so no syntax can slip past it."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data")
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(url: str) -> bool:
    cleaned = INVISIBLE.sub("", html.unescape(url))
    match = SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


class ScriptFreeTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or (lowered in URL_ATTRIBUTES and not is_safe_url(element.attrib[name])):
                    del element.attrib[name]


class ScriptFreeExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API name
        # Priority 0.1: after attr_list (8) and every other treeprocessor that adds attributes.
        md.treeprocessors.register(ScriptFreeTreeprocessor(md), "scenariosite_script_free", 0.1)


def makeExtension(**kwargs: object) -> ScriptFreeExtension:  # noqa: N802 - Markdown's loader convention
    return ScriptFreeExtension(**kwargs)
