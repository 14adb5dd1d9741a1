"""The small static page that stands at an old URL and sends the visitor on.

It works without JavaScript: a meta refresh moves the browser, a canonical link
tells search engines and chat previews where the page lives now, `noindex` keeps the
old address out of search results, and a visible link helps when the refresh is
blocked. Links are relative, so the page works on any host and in a copy on disk.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..diagnostics import Report
from ..plan import SitePlan
from ..standalone_html import standalone_page
from ..strings import ui_strings
from .check import UrlCheck, check_course_urls
from .paths import CourseSite, absolute_url, built_path, relative_href


def redirect_src_uri(old_url: str) -> str:
    """Where the page goes in the site: `old/url/` -> `old/url/index.html`."""
    return old_url + "index.html"


def redirect_page(
    old_url: str, new_url: str, *, title: str, site_url: str, language: str, ui: dict[str, str], target: str = ""
) -> str:
    """`target`: where the new page lies in the built site, when that is not its URL
    (a build without directory URLs, such as the offline package)."""
    href = html.escape(relative_href(old_url, target or new_url), quote=True)
    canonical = html.escape(absolute_url(site_url, new_url) if site_url else href)
    heading = html.escape(ui["moved_title"])
    head = f'<meta http-equiv="refresh" content="0; url={href}">\n<link rel="canonical" href="{canonical}">\n'
    body = f'<h1>{heading}</h1>\n<p>{html.escape(ui["moved_to"])} <a href="{href}">{html.escape(title)}</a></p>'
    return standalone_page(language=language, title=ui["moved_title"], head=head, body=body)


def course_redirects(
    site: CourseSite,
    plan: SitePlan,
    generated: Iterable[str],
    *,
    language: str,
    report: Report,
    directory_urls: bool = True,
    warn_new: bool = False,
) -> tuple[UrlCheck, dict[str, str]]:
    """For the build: check the published URLs of a planned course (problems go to
    `report`; new URLs are left to `scenariosite check`) and make the redirect pages
    to add to the site (src_uri -> HTML)."""
    found = check_course_urls(site, generated, report, warn_new=warn_new)
    titles = {page.url: page.title for page in plan.pages}
    ui = ui_strings(language)
    pages = {
        redirect_src_uri(old): redirect_page(
            old,
            new,
            title=titles.get(new) or absolute_url(site.site_url, new),
            site_url=site.site_url,
            language=language,
            ui=ui,
            target=built_path(new, site.docs_dir, directory_urls=directory_urls),
        )
        for old, new in sorted(found.redirects.items())
    }
    return found, pages
