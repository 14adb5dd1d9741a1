"""The script-free Markdown extension, on its own (the injection suite covers whole builds)."""

from __future__ import annotations

import markdown
import pytest
from scenariosite.mdx import ScriptFreeExtension


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", ScriptFreeExtension()])


def test_remote_image_becomes_a_link_so_nothing_loads_from_outside() -> None:
    html = render("![foto](https://tracker.example/pixel.png) ![ook](//cdn.example/x.png)")
    assert "<img" not in html
    assert '<a href="https://tracker.example/pixel.png">foto</a>' in html
    assert '<a href="//cdn.example/x.png">ook</a>' in html


def test_local_image_stays() -> None:
    assert '<img alt="kaart" src="../img/kaart.png"' in render("![kaart](../img/kaart.png)")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "data:text/html,x"]
)
def test_unsafe_link_becomes_text(url: str) -> None:
    html = render(f"[klik]({url})")
    assert "href" not in html and "klik" in html


def test_event_handler_attributes_are_dropped() -> None:
    html = render('Tekst\n{: onclick="alert(1)" }')
    assert "onclick" not in html
