"""A Markdown extension that keeps every page free of script: it drops `on*`
event-handler attributes and every URL whose scheme is not http(s), mailto or tel.
An image from another site becomes a plain link to it, so no page loads anything
from outside the site by itself (privacy, offline use). A link or image that loses
its URL becomes plain text (its text, or an image's alt
text): MkDocs' own link processor, which runs after this one, needs every `<a>` to
have an href and every `<img>` a src. It runs on the finished element tree, after
every treeprocessor that adds attributes, so no Markdown syntax slips past it.
Raw HTML never reaches the tree (Markdown stashes it); author text cannot contain
any, because render.author_markdown escapes it."""

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


def _clean(url: str) -> str:
    return INVISIBLE.sub("", html.unescape(url))


def is_safe_url(url: str) -> bool:
    match = SCHEME.match(_clean(url))
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def is_remote(url: str) -> bool:
    cleaned = _clean(url)
    return cleaned.startswith("//") or SCHEME.match(cleaned) is not None


class ScriptFreeTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on"):
                    del element.attrib[name]
                elif lowered in URL_ATTRIBUTES and not is_safe_url(element.attrib[name]):
                    del element.attrib[name]
                    _unlink(element)
            if element.tag == "img" and is_remote(element.attrib.get("src", "")):
                _link_instead_of_image(element)


def _unlink(element: etree.Element) -> None:
    """A link or image without its (unsafe) URL: keep what the reader should see."""
    if element.tag == "a":
        element.tag = "span"
        element.attrib.pop("title", None)
    elif element.tag == "img":
        element.tag = "span"
        element.text = element.attrib.pop("alt", "")
        element.attrib.pop("title", None)


def _link_instead_of_image(element: etree.Element) -> None:
    source = element.attrib.pop("src")
    element.tag = "a"
    element.text = element.attrib.pop("alt", "") or source
    element.attrib = {"href": source}


class ScriptFreeExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API name
        # Priority 0.1: after attr_list (8) and every other treeprocessor that adds attributes.
        md.treeprocessors.register(ScriptFreeTreeprocessor(md), "scenariosite_script_free", 0.1)


def makeExtension(**kwargs: object) -> ScriptFreeExtension:  # noqa: N802 - Markdown's loader convention
    return ScriptFreeExtension(**kwargs)
