"""A tiny HTML tree (stdlib html.parser) for asserting on built pages without
adding a parser dependency: find elements by tag and class, read text and links."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self) -> list[Element]:
        found: list[Element] = []
        for child in self.children:
            if isinstance(child, Element):
                found.append(child)
                found.extend(child.iter())
        return found

    def find_all(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag)
            and (class_ is None or class_ in e.classes)
            and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, class_, **attrs)
        assert found, f"no <{tag or '*'} class={class_!r} {attrs}> in <{self.tag}>"
        return found[0]

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join(" ".join(parts).split())

    @property
    def href(self) -> str:
        return self.attrs.get("href", "")


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):  # tolerate unclosed <p>, <li>
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def page(site: Path, url: str) -> Element:
    """The `<article>` (the page's own content) of a built page, by directory URL."""
    document = parse((site / url / "index.html").read_text(encoding="utf-8"))
    return document.find("article", class_="md-content__inner")


def resolve(url: str, href: str) -> str:
    """A relative link on the page at directory URL `url`, as a site-root directory URL."""
    target = posixpath.normpath(posixpath.join(url, href.split("#")[0]))
    return "" if target == "." else target.rstrip("/") + "/"
