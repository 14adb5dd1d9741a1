"""While `mkdocs serve` runs, a course with errors is served as one page that lists
them all, instead of a dev server that answers nothing.

The author edits YAML with the browser beside the editor. On an error the build (in
serve mode only; `mkdocs build` still fails) produces a site of one page, written as
both `index.html` and `404.html`: MkDocs' dev server answers every missing path with
404.html, so any URL of the course shows the errors. Each error is shown as in the
terminal: file, line, column, message and the source line with a caret.

Reloading: an open tab's live-reload script (injected into every page MkDocs serves)
reloads it after the next build, so it lands on the error page. MkDocs does not inject
that script into 404 answers, so the error page carries its own poller of the same
endpoint: `/livereload/<epoch>/<id>` answers once a build newer than `epoch` is done.
The page's epoch is taken from the same clock while it is built, so it lies between
this build's and the next one's: the fix reloads the tab to the real page.
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..diagnostics import Diagnostic, render, source_lines
from ..standalone_html import standalone_page
from ..strings import ui_strings

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; color: #a0141e; }
ol { padding-left: 1.5rem; }
li { margin-bottom: 1rem; }
pre { background: #f6f6f6; border-left: 4px solid #a0141e; padding: .75rem; overflow-x: auto; margin: 0;
      font: 14px/1.4 ui-monospace, monospace; white-space: pre; }
"""

# Polls MkDocs' live-reload endpoint (see the module docstring); retries while the
# server restarts or the long poll times out without a new build.
POLLER = """
(function () {
  var epoch = %d;
  function poll() {
    var request = new XMLHttpRequest();
    request.onloadend = function () {
      if (request.status === 200 && parseFloat(request.responseText) > epoch) {
        location.reload();
      } else {
        setTimeout(poll, request.status === 200 ? 0 : 1000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + Date.now());
    request.send();
  }
  poll();
})();
"""


def build_epoch() -> int:
    """The live-reload server's clock (milliseconds of time.monotonic)."""
    return round(time.monotonic() * 1000)


def error_page(diagnostics: Iterable[Diagnostic], language: str, headline: str = "") -> str:
    strings = ui_strings(language)
    items = "\n".join(
        f"<li><pre>{html.escape(render(d, source_lines(d.path)))}</pre></li>"
        for d in sorted(diagnostics, key=Diagnostic.sort_key)
    )
    extra = f"<p>{html.escape(headline)}</p>" if headline else ""
    title = html.escape(strings["serve_errors_title"])
    body = f"""<h1 id="ss-serve-errors">{title}</h1>
<p>{html.escape(strings["serve_errors_intro"])}</p>
{extra}
<ol class="ss-serve-errors">
{items}
</ol>"""
    return standalone_page(language=language, title=strings["serve_errors_title"], head=f"<style>{STYLE}</style>\n",
                           body=body, after=f"<script>{POLLER % build_epoch()}</script>\n")  # fmt: skip


def error_site(config: MkDocsConfig, diagnostics: Iterable[Diagnostic], headline: str = "") -> str:
    """Set up this build to produce the error page only; returns its HTML. The config
    is read afresh for every rebuild, so nothing here outlives the broken build."""
    config.nav = []  # the nav names pages this build will not have
    config.theme.static_templates.discard("404.html")  # ours stands in for the theme's
    return error_page(diagnostics, config.theme.get("language") or "nl", headline)


def error_files(config: MkDocsConfig, page: str) -> Files:
    return Files([File.generated(config, name, content=page) for name in ("index.html", "404.html")])
