"""A meta description for hand-written pages that have none: the text of their first
paragraph, so a link pasted into a chat tool previews with what the page is about.
(Generated pages carry their summary in front matter already.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser

DESCRIPTION_LIMIT = 160  # what search results and link previews show
SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*(?=\s|$)")


class _FirstParagraph(HTMLParser):
    """Collects the text of the first <p> that has any."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and not self.done:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1
            self.done = self.done or bool("".join(self.parts).strip())

    def handle_data(self, data: str) -> None:
        if self.depth and not self.done:
            self.parts.append(data)


def description_from_html(html: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Plain text of the first paragraph, at most `limit` characters: whole sentences
    when they fill at least half of that, else cut at a word with an ellipsis."""
    parser = _FirstParagraph()
    parser.feed(html)
    parser.close()
    text = " ".join("".join(parser.parts).split())
    if len(text) <= limit:
        return text
    sentence_ends = [m.end() for m in SENTENCE_END.finditer(text[: limit + 1]) if m.end() >= limit // 2]
    if sentence_ends:
        return text[: sentence_ends[-1]].rstrip()
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():  # the cut fell inside a word: drop that word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "…"
