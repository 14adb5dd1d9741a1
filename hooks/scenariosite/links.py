"""The "Links voor onboarding" list: every shareable page with its full URL, as a
page and as a CSV for mail merges."""

from __future__ import annotations

import csv
import io
import posixpath
from dataclasses import dataclass

from .model import Course
from .plan import LINKS_PAGE, PageKey, SitePlan
from .published.paths import absolute_url

CSV_NAME = "links.csv"  # next to the links page, which links to it by this name
CSV_SRC = posixpath.join(posixpath.dirname(LINKS_PAGE), CSV_NAME)


@dataclass(frozen=True)
class LinkItem:
    key: PageKey
    kind: str
    title: str
    summary: str
    url: str


@dataclass(frozen=True)
class LinkGroup:
    title: str
    kind: str
    items: list[LinkItem]


def link_groups(plan: SitePlan, course: Course, site_url: str, ui: dict[str, str]) -> list[LinkGroup]:
    groups = [
        LinkGroup(
            ui["scenarios"],
            "scenario",
            [
                LinkItem(p.key, "scenario", p.title, p.summary, absolute_url(site_url, p.url))
                for p in plan.pages
                if p.kind == "scenario"
            ],
        )
    ]
    for name, taxonomy in course.declaration.taxonomies.items():
        items = []
        for entry_id in course.taxonomy(name):
            page = plan.page("entry", name, entry_id)
            items.append(LinkItem(page.key, name, page.title, page.summary, absolute_url(site_url, page.url)))
        groups.append(LinkGroup(taxonomy.label.many, name, items))
    return groups


def links_csv(groups: list[LinkGroup]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["title", "kind", "url", "summary"])
    for group in groups:
        for item in group.items:
            writer.writerow([item.title, item.kind, item.url, item.summary])
    return buffer.getvalue()
