"""Injection: every payload in every author text field of a course (scenario and
taxonomy fields alike), built for real. The HTML must show the text literally or as
harmless Markdown; in the browser no dialog opens and no injected element or
attribute exists.

One scenario (and one entry of each taxonomy) per payload, so a failure names its
payload. A baseline build of the same course with plain text tells which elements
and attributes the templates produce by themselves. Every payload carries the
marker `ssinj`, so whatever it manages to inject is recognisable.
"""

from __future__ import annotations

import collections
import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, copy_course, mkdocs_build, serve
from htmldom import Element, parse
from scenario_helpers import FIXTURE_SCENARIOS, map_texts, read_yaml, write_yaml

pytestmark = pytest.mark.build

PAYLOADS: dict[str, str] = {
    "script": "<script>alert('ssinj-script')</script>",
    "img-onerror": "<img src=x onerror=alert('ssinj-img')>",
    "svg-onload": "<svg onload=alert('ssinj-svg')></svg>",
    "iframe": "<iframe src=\"javascript:alert('ssinj-iframe')\"></iframe>",
    "style": "<style>/* ssinj-style */ body { display: none }</style>",
    "js-link": "[click ssinj-js](javascript:alert('ssinj-js'))",
    "js-link-entity": "[click ssinj-jse](jav&#x61;script&colon;alert('ssinj-jse'))",
    "js-link-case": "[click ssinj-jsc]( JaVaScRiPt:alert('ssinj-jsc'))",
    "js-link-reference": "[click ssinj-jsr][evil]\n\n[evil]: javascript:alert('ssinj-jsr')",
    "js-image": "![ssinj-jsi](javascript:alert('ssinj-jsi'))",
    "js-autolink": "<javascript:alert('ssinj-auto')>",
    "data-link": "[click ssinj-data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "jinja-expression": "{{ 7*7 }}ssinj-expr {{ ui }} {{ config }}",
    "jinja-statement": "{% for i in range(3) %}ssinj-loop{% endfor %}{# ssinj-comment #}",
    "attribute-double-quote": '" onmouseover="alert(\'ssinj-dq\')" data-x="',
    "attribute-single-quote": "' onfocus='alert(`ssinj-sq`)' autofocus data-x='",
    "front-matter": 'ssinj-fm"\n---\ntitle: ssinj-fm-title\nhide: [navigation, toc]\n---\n',
    "close-html-block": "</div></div></nav></article>\n\n<script>alert('ssinj-close')</script>",
    "md-in-html": '<div markdown="1" onclick="alert(\'ssinj-mdh\')">*ssinj-mdh*</div>',
    "attr-list-block": 'text ssinj-al\n{: onclick="alert(\'ssinj-al\')" data-ss-role="next" }',
    "attr-list-inline": "[x ssinj-ali](https://example.org/){: onclick=\"alert('ssinj-ali')\" } **b**{: .ss-choice }",
    "attr-list-heading": "## Heading ssinj-alh { #content onclick=\"alert('ssinj-alh')\" }",
    "code-fence": "```\n\n<script>alert('ssinj-fence')</script>\n\n```",
    "escaped-backtick": "\\`<img src=x onerror=alert('ssinj-bt')>\\`",
    "multi-line-code": "x `y\n` <img src=x onerror=alert('ssinj-ml')> `z`",
    "entities": "&lt;script&gt;alert('ssinj-ent')&lt;/script&gt; &#60;b&#62;",
    "unicode-tricks": "\u202eevil\u202c ssinj-uni \u200b<\u200bscript>",
}
# What must show as text somewhere on the payload's decision page.
SHOWN: dict[str, str] = {
    "script": "<script>alert('ssinj-script')</script>",
    "img-onerror": "<img src=x onerror=alert('ssinj-img')>",
    "jinja-expression": "{{ 7*7 }}ssinj-expr {{ ui }} {{ config }}",
    "jinja-statement": "{% for i in range(3) %}ssinj-loop{% endfor %}{# ssinj-comment #}",
    "close-html-block": "<script>alert('ssinj-close')</script>",
    "code-fence": "<script>alert('ssinj-fence')</script>",
    "escaped-backtick": "<img src=x onerror=alert('ssinj-bt')>",
    "multi-line-code": "<img src=x onerror=alert('ssinj-ml')>",
    "attr-list-block": '{: onclick="alert(\'ssinj-al\')" data-ss-role="next" }',
    "js-link": "click ssinj-js",
}

# Elements the payloads would like to create; the templates' own ones are counted in the baseline.
ACTIVE_TAGS = frozenset(
    {"script", "img", "svg", "iframe", "frame", "object", "embed", "style", "link", "meta", "base", "form",
     "input", "button", "textarea", "select", "video", "audio", "source", "math", "template"}
)  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc"})
# Attributes that may carry author text (escaped): marker text in any other attribute is an injection.
TEXT_ATTRIBUTES = frozenset(
    {"id", "title", "alt", "aria-label", "content", "data-ss-title", "data-ss-choice-text", "data-ss-route-text"}
)
# Attributes the author's Markdown may legitimately add (links, images, heading ids).
MARKDOWN_ATTRIBUTES = frozenset({"href", "id", "title", "alt", "src"})
UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


def payload_id(key: str) -> str:
    return "p-" + key


def build_course(target: Path, text_of: Any) -> Path:
    """A copy of the English fixture course with one scenario and one entry per
    taxonomy for each payload key; `text_of(key)` fills every text field."""
    course = copy_course(FIXTURES / "course-en", target)
    scenarios = course / "scenarios"
    shutil.rmtree(scenarios)
    scenarios.mkdir()
    shutil.copy(FIXTURE_SCENARIOS / "course.yaml", scenarios / "course.yaml")
    base = read_yaml(FIXTURE_SCENARIOS / "returns.yaml")
    entries: dict[str, list[dict[str, Any]]] = {"client-types": [], "advice-steps": [], "reactions": []}
    for key in PAYLOADS:
        text, pid = text_of(key), payload_id(key)
        filler = {"id": pid, "name": text, "summary": text, "keywords": [text], "based_on": text}
        entries["client-types"].append({**filler, "recognise": text, "need": text, "helps": text, "pitfalls": text})
        entries["advice-steps"].append({**filler, "group": "support", "body": text, "how": text, "pitfalls": text})
        entries["reactions"].append({**filler, "pitfall": text, "strength": text, "need": text})
        scenario = map_texts(base, lambda loc, old, text=text: text)
        scenario["client_types"] = [pid]
        for step in scenario["steps"].values():
            step["advice_step"] = pid
            step["question"] = text
            for choice in step["choices"]:
                choice["reaction"] = pid
        write_yaml(scenarios / f"{pid}.yaml", scenario)
    for name, items in entries.items():
        write_yaml(scenarios / f"{name}.yaml", items)
    return course


def built(tmp_path_factory: pytest.TempPathFactory, name: str, text_of: Any) -> Path:
    course = build_course(tmp_path_factory.mktemp(name) / "course", text_of)
    site = course.parent / "site"
    result = mkdocs_build(course / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory, "payload", lambda key: PAYLOADS[key])


@pytest.fixture(scope="module")
def baseline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(
        tmp_path_factory,
        "baseline",
        lambda key: f"Plain words ssinj {key}",
    )


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def elements(path: Path) -> list[Element]:
    return parse(path.read_text(encoding="utf-8")).iter()


def outside_map(element: Element) -> Iterator[Element]:
    """Elements, leaving out two places whose size follows the text, not its markup:
    the trainer map (it wraps long titles into more lines) and the table of contents
    (a heading in author Markdown adds an entry)."""
    for child in element.children:
        if isinstance(child, Element) and not {"ss-map", "md-nav--secondary"} & set(child.classes):
            yield child
            yield from outside_map(child)


def count_tags_and_attributes(path: Path) -> tuple[collections.Counter[str], collections.Counter[str]]:
    tags: collections.Counter[str] = collections.Counter()
    attributes: collections.Counter[str] = collections.Counter()
    for element in outside_map(parse(path.read_text(encoding="utf-8"))):
        if element.tag in ACTIVE_TAGS:
            tags[element.tag] += 1
        attributes.update(name for name in element.attrs if name not in MARKDOWN_ATTRIBUTES)
    return tags, attributes


# --- the built HTML -------------------------------------------------------------------


def test_every_payload_page_was_built(payload_site: Path, baseline_site: Path) -> None:
    relative = {p.relative_to(payload_site) for p in pages(payload_site)}
    assert relative == {p.relative_to(baseline_site) for p in pages(baseline_site)}
    for key in PAYLOADS:
        for url in ("", "counter/", "counter/a/", "offer/c/", "fixed/", "trainer/"):
            assert (payload_site / "scenarios" / payload_id(key) / url / "index.html").is_file(), (key, url)


def test_no_injected_elements_or_attributes(payload_site: Path, baseline_site: Path) -> None:
    problems: list[str] = []
    for path in pages(payload_site):
        relative = path.relative_to(payload_site)
        tags, attributes = count_tags_and_attributes(path)
        base_tags, base_attributes = count_tags_and_attributes(baseline_site / relative)
        for tag, count in tags.items():
            if count > base_tags[tag]:
                problems.append(f"{relative}: {count - base_tags[tag]} extra <{tag}>")
        for name, count in attributes.items():
            if count > base_attributes[name]:
                problems.append(f"{relative}: {count - base_attributes[name]} extra '{name}' attribute(s)")
        for element in elements(path):
            for name, value in element.attrs.items():
                if name.startswith("on"):
                    problems.append(f"{relative}: <{element.tag} {name}={value!r}>")
                if name in URL_ATTRIBUTES and UNSAFE_URL.match(html.unescape(value).replace("\x00", "")):
                    problems.append(f"{relative}: <{element.tag} {name}={value!r}>")
                if "ssinj" in value and name not in TEXT_ATTRIBUTES and not (name == "href" and value[:1] == "#"):
                    problems.append(f"{relative}: author text in <{element.tag} {name}={value!r}>")
            if element.tag in ("script", "style") and "ssinj" in element.text:
                problems.append(f"{relative}: author text inside <{element.tag}>")
    assert problems == []


def test_payloads_show_literally(payload_site: Path) -> None:
    for key, expected in SHOWN.items():
        page = parse((payload_site / "scenarios" / payload_id(key) / "counter" / "index.html").read_text("utf-8"))
        article = page.find("article", class_="md-content__inner")
        assert " ".join(expected.split()) in article.text, (key, article.text[:500])
    everywhere = "\n".join(p.read_text(encoding="utf-8") for p in pages(payload_site))
    assert "49ssinj" not in everywhere  # {{ 7*7 }} was never evaluated
    assert "ssinj-loopssinj-loop" not in everywhere  # no loop ran


def test_front_matter_cannot_be_broken_out_of(payload_site: Path, baseline_site: Path) -> None:
    for url in ("", "counter/", "fixed/"):
        relative = Path("scenarios") / payload_id("front-matter") / url / "index.html"
        page = parse((payload_site / relative).read_text(encoding="utf-8"))
        baseline = parse((baseline_site / relative).read_text(encoding="utf-8"))
        title = page.find("title").text
        assert "ssinj-fm" in title and not title.startswith("ssinj-fm-title"), title
        # `hide: [navigation, toc]` did not take effect: the page keeps the baseline's navigation.
        assert len(page.find_all("nav")) == len(baseline.find_all("nav"))


# --- in the browser -------------------------------------------------------------------

# Fires every inline handler an injection could have added, then reports what is there.
PROBE = """() => {
  for (const el of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'load', 'error', 'animationstart']) {
      el.dispatchEvent(new Event(type));
    }
    if (!el.closest('a, button, label, summary')) el.dispatchEvent(new MouseEvent('click', {bubbles: false}));
  }
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}`);
      if (/^\\s*(javascript|vbscript|data):/i.test(attr.value) && /href|src|action|data/.test(attr.name)) {
        found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
    if (['SCRIPT', 'STYLE', 'IFRAME'].includes(el.tagName) && el.textContent.includes('ssinj')) {
      found.push(`${el.tagName} with author text`);
    }
    if (['IMG', 'SVG', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName.toUpperCase())
        && el.outerHTML.includes('ssinj') && !el.closest('.ss-map')) {
      found.push(`${el.tagName}: ${el.outerHTML.slice(0, 80)}`);
    }
  }
  if (document.body.style.display === 'none' || getComputedStyle(document.body).display === 'none') {
    found.push('body hidden by injected style');
  }
  return found;
}"""


def browser_urls() -> list[str]:
    urls = ["scenarios/", "client-types/", "advice-steps/", "reactions/", "links/"]
    for key in PAYLOADS:
        pid = payload_id(key)
        urls += [f"scenarios/{pid}/{url}" for url in ("", "counter/", "counter/a/", "offer/c/", "fixed/", "trainer/")]
        urls += [f"client-types/{pid}/", f"advice-steps/{pid}/", f"reactions/{pid}/"]
    return urls


@pytest.fixture(scope="module")
def payload_url(payload_site: Path) -> Iterator[str]:
    with serve(payload_site) as url:
        yield url


@pytest.mark.browser
def test_no_dialog_and_no_injected_dom_in_the_browser(payload_url: str, page: Any) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{page.url}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    problems: list[str] = []
    for url in browser_urls():
        page.goto(payload_url + url, wait_until="load")
        found = page.evaluate(PROBE)
        problems += [f"{url}: {item}" for item in found]
    page.wait_for_timeout(200)
    assert dialogs == []
    assert problems == []


@pytest.mark.browser
def test_search_results_show_payloads_as_text(payload_url: str, page: Any) -> None:
    """Material's search renders result snippets as HTML: author text must stay text there too."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for query in ("ssinj", "script", "onerror", "click"):
        page.goto(payload_url + "scenarios/", wait_until="load")
        page.keyboard.press("/")
        page.locator("input.md-search__input").press_sequentially(query, delay=20)
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(state="attached", timeout=10_000)
        assert "ssinj" in page.locator(".md-search-result").inner_text(), query
        found = page.evaluate(PROBE)
        assert found == [], (query, found)
    page.wait_for_timeout(200)
    assert dialogs == []
