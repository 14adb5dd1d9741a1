"""Where a course keeps its published URLs, and URL arithmetic.

A URL here is relative to `site_url` (`scenarios/returns/counter/`; the home page is
`/`), the form the lock and the redirects file use. These helpers turn source files
into such URLs, URLs into links and built files, and check one URL as written.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LOCK_PATH = Path("urls") / "published.txt"
REDIRECTS_PATH = Path("urls") / "redirects.txt"
HOME = "/"
WILDCARD = "*"
SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")  # RFC 3986 unreserved characters: safe in any URL and file name


# --- where the course keeps things -------------------------------------------------


@dataclass(frozen=True)
class CourseSite:
    """The parts of a course the URL checks need: where the files are, and the site's address."""

    root: Path  # where mkdocs.yml lives; the parent of the scenarios directory
    docs_dir: Path
    site_url: str = ""

    @property
    def lock_path(self) -> Path:
        return self.root / LOCK_PATH

    @property
    def redirects_path(self) -> Path:
        return self.root / REDIRECTS_PATH


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for two plain settings; tags such as `!!python/name:` or
    `!ENV` read as None instead of failing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def course_site(scenarios_dir: Path) -> CourseSite:
    """The course around a scenarios directory, for the CLI (the MkDocs adapter
    builds its CourseSite from the loaded config instead)."""
    root = scenarios_dir.resolve().parent
    config: dict[str, Any] = {}
    try:
        loaded = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
        if isinstance(loaded, dict):
            config = loaded
    except (OSError, yaml.YAMLError):
        pass  # no usable mkdocs.yml: the defaults below are MkDocs' own
    docs_dir = config.get("docs_dir")
    site_url = config.get("site_url")
    return CourseSite(
        root=root,
        docs_dir=root / (docs_dir if isinstance(docs_dir, str) else "docs"),
        site_url=site_url if isinstance(site_url, str) else "",
    )


def page_url(src_uri: str) -> str:
    """The public URL of a generated or hand-written source file, as the lock writes it."""
    if src_uri.endswith(".md"):
        stem = src_uri[: -len(".md")]
        folder, name = posixpath.split(stem)
        stem = folder if name in ("index", "README") else stem
        return stem + "/" if stem else HOME
    return src_uri  # a static file, such as links/links.csv


def docs_page_urls(docs_dir: Path) -> set[str]:
    """URLs of the hand-written pages (MkDocs skips files and folders starting with '.')."""
    if not docs_dir.is_dir():
        return set()
    urls = set()
    for path in docs_dir.rglob("*.md"):
        relative = path.relative_to(docs_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if relative.name == "README.md" and (path.parent / "index.md").exists():
            continue  # MkDocs prefers index.md and skips the README
        urls.add(page_url(relative.as_posix()))
    return urls


def site_path(url: str) -> str:
    """The URL as a path below the site root ('' for the home page)."""
    return "" if url == HOME else url


def relative_href(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` that works wherever the site is hosted."""
    start = site_path(from_url).rstrip("/") or "."
    if not from_url.endswith("/"):
        start = posixpath.dirname(start) or "."
    target = posixpath.relpath(site_path(to_url) or ".", start)
    return target + "/" if to_url.endswith("/") and target != "." else ("./" if target == "." else target)


def built_path(url: str, docs_dir: Path, *, directory_urls: bool) -> str:
    """Where a URL's page lies in the built site, as a link target. With directory URLs
    that is the URL; without (the offline package), the HTML file MkDocs writes:
    `begin/` is `begin.html` for docs/begin.md, else `begin/index.html`."""
    if directory_urls or not url.endswith("/"):
        return url
    if url == HOME:
        return "index.html"
    stem = url.rstrip("/")
    return stem + ".html" if (docs_dir / f"{stem}.md").is_file() else url + "index.html"


def absolute_url(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + site_path(url) if site_url else HOME + site_path(url)


def url_problem(token: str, *, wildcard: bool = False) -> tuple[int, str] | None:
    """What is wrong with one URL as written in the lock or the redirects file:
    (0-based offset into the token, message), or None when it is fine."""
    if token == HOME:
        return None
    if "://" in token or token.startswith("//"):
        return 0, f"'{token}' is a full address; write the URL relative to site_url, such as 'scenarios/<id>/'"
    if token.startswith("/"):
        return 0, f"write '{token}' without the leading '/' (URLs here are relative to site_url; the home page is '/')"
    body = token
    if wildcard and token.endswith("/" + WILDCARD):
        body = token[:-1]
    for offset, char in enumerate(body):
        if char in "?#":
            return offset, f"'{token}': a query or '#fragment' is not part of a page URL; leave it out"
        if char == WILDCARD:
            where = "a redirect can end in '/*' to cover a folder" if not wildcard else "only a final '/*' is allowed"
            return offset, f"'{token}': unexpected '*' ({where})"
        if not (SEGMENT.fullmatch(char) or char == "/"):
            return offset, (
                f"'{token}': unexpected character {char!r}; URLs here use letters, digits and '-', '_', '.', '~'"
            )
    segments = body.rstrip("/").split("/")
    for segment in segments:
        if segment in ("", ".", ".."):
            return 0, f"'{token}': empty, '.' or '..' path segment"
    if not body.endswith("/") and "." not in segments[-1]:
        return len(token), f"page URLs end in '/': did you mean '{token}/'?"
    return None


def normalise_url(text: str, site_url: str = "") -> str:
    """A URL as typed on the command line, pasted from a browser or a mail, in the lock's form."""
    text = text.strip()
    if site_url and text.startswith(site_url.rstrip("/")):
        text = text[len(site_url.rstrip("/")) :] or HOME
    if text.startswith("/") and text != HOME:
        text = text.lstrip("/") or HOME
    return text
